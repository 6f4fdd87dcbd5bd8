package org.neurite.autograd;

import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Tensor;

/**
 * A tensor in a computation whose gradient can be taken: define-by-run reverse-mode autodiff.
 *
 * <p>Operations on variables that {@linkplain #requiresGrad() require gradients} record a node
 * (what the operation's derivative rule needs) while {@link Autograd#isRecording() recording} is
 * on. {@link #backward()} then walks those nodes from this variable back to the leaves, applying
 * the chain rule, and adds each leaf's gradient into its {@link #grad()}: gradients accumulate
 * until {@link #zeroGrad()}, as in PyTorch.
 *
 * <pre>{@code
 * Variable w = Variable.parameter(Tensor.vector(2f, -1f));
 * Variable x = Variable.constant(Tensor.vector(3f, 4f));
 * Variable loss = w.mul(x).sum();        // 2*3 - 1*4 = 2
 * loss.backward();
 * Tensor dw = w.grad();                  // [3, 4]
 * }</pre>
 */
public final class Variable {
    private final Tensor value;
    private final boolean requiresGrad;
    private final Node node;
    private Tensor grad;
    /**
     * Set by {@link #zeroGrad()}: {@link #grad} holds stale values that count as zeros. The next
     * backward pass then copies its gradient in instead of adding it to zeros just written, which
     * saves a training step a pass over every weight's gradient; reading {@link #grad()} first
     * writes the zeros.
     */
    private boolean gradIsZero;
    /** The gradient flowing into this variable during one backward pass. */
    Tensor pending;
    /** For the output of a softmax or sigmoid: its input, so losses can use the stable logits form. */
    private Variable logits;
    /** Which of the two made this variable from {@link #logits}: {@code "softmax"} or {@code "sigmoid"}. */
    private String logitsFunction;
    /** For a sequence batch: which timesteps are real data. */
    private Tensor mask;

    private Variable(Tensor value, boolean requiresGrad, Node node) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    /** A leaf whose gradient is wanted (a weight, or an input under study). */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, null);
    }

    /** A leaf that needs no gradient (data, labels). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, null);
    }

    /**
     * The result of a primitive operation: records a node when recording is on and some input
     * requires a gradient, otherwise makes a constant. {@code backward} is the primitive's derivative
     * rule, written beside its forward computation in {@link Primitive#home()}.
     */
    public static Variable result(Primitive op, Tensor value, Backward backward, Variable... inputs) {
        return result(op.opName(), value, backward, inputs);
    }

    /**
     * The result of an operation outside {@link Primitive}'s list, such as a user's own op with its
     * own derivative rule; the library records its own ops as primitives, except the fused recurrent
     * ops, which record their cell's name (a primitive's too).
     */
    public static Variable result(String op, Tensor value, Backward backward, Variable... inputs) {
        if (Autograd.isRecording()) {
            for (Variable input : inputs) {
                if (input.requiresGrad) {
                    return new Variable(value, true, new Node(op, inputs, backward));
                }
            }
        }
        return new Variable(value, false, null);
    }

    public Tensor value() {
        return value;
    }

    /** The accumulated gradient of a leaf, or null before any backward pass reached it. */
    public Tensor grad() {
        if (gradIsZero) {
            grad.fill(0f);
            gradIsZero = false;
        }
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for variables made by {@link #parameter} or {@link #constant}, not by an operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The name of the operation that produced this variable, or null for a leaf. */
    public String op() {
        return node == null ? null : node.op();
    }

    Node node() {
        return node;
    }

    /**
     * For a variable made by {@link Functions#softmax} or {@link Functions#sigmoid}, the logits it was
     * computed from; null otherwise. Cross-entropy losses use it to compute from logits, which is
     * both exact and stable, as Keras does for a final softmax or sigmoid layer.
     */
    public Variable logits() {
        return logits;
    }

    /**
     * The Keras name of the function that made this variable from {@link #logits()}:
     * {@code "softmax"} or {@code "sigmoid"}; null when {@code logits()} is. A loss checks it before
     * taking the shortcut, as Keras checks the op type: a sigmoid's logits fed to a categorical
     * cross-entropy (or a softmax's to a binary one) would give a different loss.
     */
    public String logitsFunction() {
        return logitsFunction;
    }

    Variable withLogits(Variable source, String function) {
        this.logits = source;
        this.logitsFunction = function;
        return this;
    }

    /**
     * For a batch of sequences {@code (batch, time, ...)}: 1 where a timestep holds real data, 0 where
     * it is padding, shape {@code (batch, time)}; null when every step is real. This is Keras' mask,
     * set by {@code Embedding(mask_zero)} or {@code Masking} and honoured by the layers after them.
     */
    public Tensor mask() {
        return mask;
    }

    /** Attaches a timestep mask (see {@link #mask()}); returns this. */
    public Variable withMask(Tensor timestepMask) {
        this.mask = timestepMask;
        return this;
    }

    /**
     * Forgets the accumulated gradient. The tensor {@link #grad()} returns stays the same object; its
     * zeros are written when it is next read through {@code grad()} (a reference kept from before
     * shows the old values until then).
     */
    public void zeroGrad() {
        gradIsZero = grad != null;
    }

    /** A constant with the same value: gradients do not flow through it. */
    public Variable detach() {
        return constant(value);
    }

    /** Back-propagates from this one-element variable (seed 1). */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward: needs a one-element loss, got shape "
                    + java.util.Arrays.toString(value.shape()) + "; pass a seed gradient instead");
        }
        backward(Tensor.full(1f, value.shape()));
    }

    /** Back-propagates the given gradient of some scalar with respect to this variable. */
    public void backward(Tensor seed) {
        BackwardPass.run(this, seed);
    }

    /** Adds {@code g} into this leaf's gradient, which lives outside any buffer arena. */
    void accumulate(Tensor g) {
        if (grad == null) {
            grad = BufferArena.detached(() -> g.copy());
        } else if (gradIsZero && grad.sameShape(g)) {
            grad.copyFrom(g);
            gradIsZero = false;
        } else {
            grad().addInPlace(g);
        }
    }

    /**
     * Adds {@code rows} into rows {@code ids} of this leaf's gradient ({@code grad[ids[i]] += rows[i]}),
     * starting from zeros when there is none yet: the sparse half of an embedding lookup's derivative,
     * which thus never builds a dense gradient of the whole table.
     */
    void accumulateRows(int[] ids, Tensor rows) {
        if (grad == null) {
            grad = BufferArena.detached(() -> Tensor.zeros(value.shape()));
        }
        grad().scatterAddInPlace(ids, rows);
    }

    public int[] shape() {
        return value.shape();
    }

    // ----- the operations, as methods for fluent use; each family keeps forward and backward together

    public Variable add(Variable other) {
        return Arithmetic.add(this, other);
    }

    public Variable sub(Variable other) {
        return Arithmetic.sub(this, other);
    }

    public Variable mul(Variable other) {
        return Arithmetic.mul(this, other);
    }

    public Variable div(Variable other) {
        return Arithmetic.div(this, other);
    }

    public Variable add(float value) {
        return Arithmetic.addScalar(this, value);
    }

    public Variable mul(float value) {
        return Arithmetic.mulScalar(this, value);
    }

    public Variable pow(float exponent) {
        return Arithmetic.pow(this, exponent);
    }

    public Variable neg() {
        return Arithmetic.mulScalar(this, -1f);
    }

    public Variable exp() {
        return UnaryMath.exp(this);
    }

    public Variable log() {
        return UnaryMath.log(this);
    }

    public Variable sqrt() {
        return UnaryMath.sqrt(this);
    }

    public Variable abs() {
        return UnaryMath.abs(this);
    }

    public Variable tanh() {
        return UnaryMath.tanh(this);
    }

    public Variable sigmoid() {
        return UnaryMath.sigmoid(this);
    }

    public Variable relu() {
        return UnaryMath.relu(this);
    }

    public Variable sum() {
        return Reduce.sum(this);
    }

    public Variable sum(int axis, boolean keepDims) {
        return Reduce.sum(this, axis, keepDims);
    }

    public Variable mean() {
        return Reduce.mean(this);
    }

    public Variable mean(int axis, boolean keepDims) {
        return Reduce.mean(this, axis, keepDims);
    }

    public Variable max(int axis, boolean keepDims) {
        return Reduce.max(this, axis, keepDims);
    }

    public Variable matmul(Variable other) {
        return MatMul.matmul(this, other, false, false);
    }

    public Variable reshape(int... shape) {
        return Reshaping.reshape(this, shape);
    }

    public Variable permute(int... order) {
        return Reshaping.permute(this, order);
    }

    public Variable transpose() {
        return Reshaping.permute(this, 1, 0);
    }

    @Override
    public String toString() {
        return "Variable(" + (node == null ? (requiresGrad ? "parameter" : "constant") : node.op()) + ", " + value + ")";
    }
}
