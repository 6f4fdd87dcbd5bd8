package org.neurite.data;

/**
 * What a corpus's label column holds, and so which output and loss a model for it needs.
 *
 * <ul>
 *   <li>{@link #BINARY}: two classes; ids 0 and 1 in sorted order of the class names (sigmoid,
 *       binary cross-entropy).</li>
 *   <li>{@link #MULTI_CLASS}: three or more classes, one per text; ids in sorted order (softmax,
 *       sparse categorical cross-entropy).</li>
 *   <li>{@link #MULTI_LABEL}: any number of classes per text, from one column split on a separator
 *       or from several 0/1 columns (sigmoid per class, binary cross-entropy).</li>
 *   <li>{@link #REGRESSION}: a number per text, such as a star rating (linear output, mean squared
 *       error).</li>
 *   <li>{@link #NONE}: texts only, for scoring a corpus with a trained model.</li>
 * </ul>
 */
public enum LabelKind {
    BINARY,
    MULTI_CLASS,
    MULTI_LABEL,
    REGRESSION,
    NONE
}
