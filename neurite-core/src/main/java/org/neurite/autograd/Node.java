package org.neurite.autograd;

/** One recorded operation on the tape: its name, its inputs, and its derivative rule. */
record Node(String op, Variable[] inputs, Backward backward) {
}
