package org.neurite.autograd;

/**
 * What a fused recurrent op returns.
 *
 * @param output the sequence {@code (batch, time, units)} or the last output {@code (batch, units)}
 * @param h      the final hidden state {@code (batch, units)}, or null unless states were asked for
 * @param c      the final cell state of an LSTM {@code (batch, units)}, or null
 */
public record RecurrentOutput(Variable output, Variable h, Variable c) {
}
