package org.neurite.autograd;

import org.neurite.tensor.Tensor;

/**
 * Matrix products with their derivative rules, computed with the transposed GEMM variants so no
 * transpose is ever materialised. For {@code C = A·B}: {@code dA = dC·Bᵀ}, {@code dB = Aᵀ·dC}; the
 * rules for transposed operands follow by transposing these. A 3-D input times a shared 2-D matrix
 * is one product of the flattened input, so its weight gradient sums over the batch for free.
 */
public final class MatMul {
    private MatMul() {
    }

    /** {@code op(a) · op(b)}, where op transposes the last two axes when asked. */
    public static Variable matmul(Variable a, Variable b, boolean transA, boolean transB) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor out = av.matmul(bv, transA, transB);
        if (av.rank() == 3 && bv.rank() == 2) {
            return transA ? sharedMatrixTransposedBatch(a, b, transB, out) : sharedMatrix(a, b, transB, out);
        }
        return Variable.result(Primitive.MATMUL, out, g -> new Tensor[] {
            a.requiresGrad() ? gradA(g, bv, transA, transB) : null,
            b.requiresGrad() ? gradB(g, av, transA, transB) : null}, a, b);
    }

    private static Variable sharedMatrix(Variable a, Variable b, boolean transB, Tensor out) {
        int[] shapeA = a.shape();
        Tensor flatA = a.value().reshape(shapeA[0] * shapeA[1], shapeA[2]);
        return Variable.result(Primitive.MATMUL, out, g -> {
            Tensor flatG = g.reshape(shapeA[0] * shapeA[1], g.dim(2));
            return new Tensor[] {
                a.requiresGrad() ? gradA(flatG, b.value(), false, transB).reshape(shapeA) : null,
                b.requiresGrad() ? gradB(flatG, flatA, false, transB) : null};
        }, a, b);
    }

    /**
     * {@code C_i = A_iᵀ·op(B)} for a batch A {@code (batch, k, m)}: the batch cannot be flattened, so
     * {@code dA_i = (dC_i·op(B)ᵀ)ᵀ} and {@code dB} is the batch's per-entry gradients summed.
     */
    private static Variable sharedMatrixTransposedBatch(Variable a, Variable b, boolean transB, Tensor out) {
        return Variable.result(Primitive.MATMUL, out, g -> new Tensor[] {
            a.requiresGrad() ? g.matmul(b.value(), false, !transB).permute(0, 2, 1) : null,
            b.requiresGrad() ? gradB(g, a.value(), true, transB).sum(0, false) : null}, a, b);
    }

    // C = op(A)·op(B). dop(A) = dC·op(B)ᵀ; if A was transposed, dA = (dC·op(B)ᵀ)ᵀ = op(B)·dCᵀ.
    private static Tensor gradA(Tensor g, Tensor b, boolean transA, boolean transB) {
        return transA ? b.matmul(g, transB, true) : g.matmul(b, false, !transB);
    }

    // dop(B) = op(A)ᵀ·dC; if B was transposed, dB = dCᵀ·op(A).
    private static Tensor gradB(Tensor g, Tensor a, boolean transA, boolean transB) {
        return transB ? g.matmul(a, true, transA) : a.matmul(g, !transA, false);
    }
}
