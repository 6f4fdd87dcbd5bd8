package org.neurite.spark;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Checks that a DataFrame has a column of the expected type, failing with one line that names it. */
final class TextColumn {
    private TextColumn() {
    }

    /** The index of string column {@code name} in {@code schema}. */
    static int stringColumn(StructType schema, String name) {
        return column(schema, name, DataTypes.StringType, "text");
    }

    /** The index of column {@code name}, which must be of {@code type} ({@code role} says what it is for). */
    static int column(StructType schema, String name, DataType type, String role) {
        int index = indexOf(schema, name, role);
        DataType found = schema.fields()[index].dataType();
        if (!found.equals(type)) {
            throw new IllegalArgumentException(role + " column '" + name + "' has type " + found.simpleString()
                    + ", expected " + type.simpleString());
        }
        return index;
    }

    /** The index of numeric column {@code name} ({@code role} says what it is for). */
    static int numericColumn(StructType schema, String name, String role) {
        int index = indexOf(schema, name, role);
        DataType found = schema.fields()[index].dataType();
        if (!(found instanceof org.apache.spark.sql.types.NumericType)) {
            throw new IllegalArgumentException(role + " column '" + name + "' has type " + found.simpleString()
                    + ", expected a number");
        }
        return index;
    }

    private static int indexOf(StructType schema, String name, String role) {
        String[] names = schema.fieldNames();
        int index = Arrays.asList(names).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(role + " column '" + name + "' not found; the columns are "
                    + String.join(", ", names));
        }
        return index;
    }
}
