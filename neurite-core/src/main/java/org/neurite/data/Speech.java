package org.neurite.data;

/**
 * One State of the Union address: its year, the president's name as the file names it
 * ({@code george_washington}) and its text. See {@link StateOfTheUnion}.
 *
 * @param year      the year the address was given
 * @param president the president's name in lower case with underscores
 * @param text      the address, one paragraph per line
 */
public record Speech(int year, String president, String text) {
}
