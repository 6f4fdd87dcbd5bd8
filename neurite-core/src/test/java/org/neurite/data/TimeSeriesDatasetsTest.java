package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesDatasetsTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("series.csv"), text);
    }

    @Test
    void readsTheBirthsLayoutWithYearMonthAndDayColumns() throws IOException {
        Path file = write("year,month,date_of_month,day_of_week,births\n1988,12,30,5,9000\n1988,12,31,6,7500\n"
                + "1989,1,1,7,7000\n");
        DailySeries series = TimeSeriesDatasets.csv(file, "births");
        assertEquals(LocalDate.of(1988, 12, 30), series.start());
        assertArrayEquals(new float[] {9000, 7500, 7000}, series.values());
        assertEquals(2, series.indexOfYear(1989));
        assertEquals(0, series.indexOfYear(1988));
    }

    @Test
    void readsAnIsoDateColumnAndTheNamedValueColumn() throws IOException {
        DailySeries series = TimeSeriesDatasets.csv(write("sales,date\n1.5,2024-02-28\n2.5,2024-02-29\n"), "sales");
        assertEquals(LocalDate.of(2024, 2, 29), series.lastDate());
        assertArrayEquals(new float[] {1.5f, 2.5f}, series.values());
    }

    @Test
    void aMissingDayIsRefusedWithItsLineAndTheDayExpected() throws IOException {
        Path file = write("date,v\n2024-01-01,1\n2024-01-03,2\n");
        DatasetException e = assertThrows(DatasetException.class, () -> TimeSeriesDatasets.csv(file, "v"));
        assertTrue(e.getMessage().contains("series.csv:3: expected the day 2024-01-02"), e.getMessage());
    }

    @Test
    void badValuesDatesAndColumnsAreNamed() throws IOException {
        DatasetException number = assertThrows(DatasetException.class,
                () -> TimeSeriesDatasets.csv(write("date,v\n2024-01-01,NaN\n"), "v"));
        assertTrue(number.getMessage().contains(":2: expected a finite number, found 'NaN'"), number.getMessage());
        DatasetException date = assertThrows(DatasetException.class,
                () -> TimeSeriesDatasets.csv(write("year,month,date_of_month,v\n2023,2,29,1\n"), "v"));
        assertTrue(date.getMessage().contains("expected a date"), date.getMessage());
        DatasetException column = assertThrows(DatasetException.class,
                () -> TimeSeriesDatasets.csv(write("date,v\n2024-01-01,1\n"), "births"));
        assertTrue(column.getMessage().contains("expected a column 'births'"), column.getMessage());
        assertThrows(DatasetException.class, () -> TimeSeriesDatasets.csv(write("date,v\n"), "v"));
        assertThrows(DatasetException.class, () -> TimeSeriesDatasets.csv(write(""), "v"));
    }

    @Test
    void aYearOutsideTheSeriesIsRefused() {
        DailySeries series = new DailySeries(LocalDate.of(2020, 6, 1), new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> series.indexOfYear(2021));
        assertThrows(IllegalArgumentException.class, () -> new DailySeries(LocalDate.of(2020, 1, 1), new float[0]));
    }
}
