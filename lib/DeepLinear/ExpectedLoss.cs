using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The exact expected loss of any weight set, with the expectation over the multiplicative noise taken in
/// closed form by the second-moment recursion (docs/derivation.md, section 2):
/// <code>
///   M₀ = A0,  N_k = W_k M_{k−1} W_kᵀ,  M_k = N_k + σ_k² diag(N_k)
///   L  = E[y²] − 2 U W_D⋯W₁ E[xy] + U M_D Uᵀ + γ_u‖U‖² + Σ_k γ_k‖W_k‖_F²
/// </code>
/// This is the ground truth every closed form is tested against. Notebooks: 01, 02.
/// </summary>
public static class ExpectedLoss
{
    /// <summary>L(U, W₁..W_D), Eq. 9 with the noise averaged exactly.</summary>
    public static double Value(DataStatistics data, Architecture architecture, NetworkWeights weights) =>
        Evaluate(data, architecture, weights, gradient: false).Loss;

    /// <summary>L and its gradient ∂L/∂(U, W₁..W_D), returned as weights of the same shape.</summary>
    public static (double Loss, NetworkWeights Gradient) ValueAndGradient(DataStatistics data, Architecture architecture, NetworkWeights weights)
    {
        var (loss, grad) = Evaluate(data, architecture, weights, gradient: true);
        return (loss, grad!);
    }

    /// <summary>γ_u‖U‖² + Σ_k γ_k‖W_k‖_F², the weight-decay term of every objective here (also <see cref="SampleLoss"/>).</summary>
    internal static double DecayPenalty(Architecture architecture, NetworkWeights weights)
    {
        double penalty = architecture.OutputDecay * weights.U.DotProduct(weights.U);
        for (int k = 0; k < architecture.Depth; k++)
            penalty += architecture.LayerDecays[k] * weights.W[k].FrobeniusNorm() * weights.W[k].FrobeniusNorm();
        return penalty;
    }

    static (double Loss, NetworkWeights? Gradient) Evaluate(DataStatistics data, Architecture architecture, NetworkWeights weights, bool gradient)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        weights.RequireShape(architecture, data.Dimension);
        Guard.AllFinite(weights.Flatten(), "weights");
        int depth = architecture.Depth;
        var u = weights.U;
        var w = weights.W;

        var m = new Matrix<double>[depth + 1];
        var z = new Vector<double>[depth + 1];
        m[0] = data.A0;
        z[0] = data.Exy;
        for (int k = 1; k <= depth; k++)
        {
            m[k] = NextMoment(w[k - 1], m[k - 1], architecture.NoiseVariances[k - 1]);
            z[k] = w[k - 1] * z[k - 1];
        }
        double loss = data.Eyy - 2 * u.DotProduct(z[depth]) + u.DotProduct(m[depth] * u) + DecayPenalty(architecture, weights);
        if (!gradient) return (loss, null);

        var gu = -2 * z[depth] + 2 * (m[depth] * u) + 2 * architecture.OutputDecay * u;
        var gw = new Matrix<double>[depth];
        var g = u.OuterProduct(u);
        var back = u.Clone();
        for (int k = depth; k >= 1; k--)
        {
            var h = g + Matrix<double>.Build.DenseOfDiagonalVector(g.Diagonal() * architecture.NoiseVariances[k - 1]);
            var wk = w[k - 1];
            gw[k - 1] = -2 * back.OuterProduct(z[k - 1]) + 2 * (h * wk * m[k - 1]) + 2 * architecture.LayerDecays[k - 1] * wk;
            g = wk.TransposeThisAndMultiply(h) * wk;
            back = wk.TransposeThisAndMultiply(back);
        }
        return (loss, new NetworkWeights(gu, gw));
    }

    /// <summary>
    /// One step of the second-moment recursion: the noise-averaged second moment of a noisy layer's output,
    /// N + σ² diag(N) with N = W M Wᵀ, given the second moment M of its input.
    /// </summary>
    internal static Matrix<double> NextMoment(Matrix<double> w, Matrix<double> m, double noiseVariance)
    {
        var n = w * m * w.Transpose();
        return n + Matrix<double>.Build.DenseOfDiagonalVector(n.Diagonal() * noiseVariance);
    }

    /// <summary>
    /// The Hessian of L at the origin, in the order of <see cref="NetworkWeights.Flatten"/>.
    /// D = 0: 2(A0 + γ_u I). D = 1: 2γ on the diagonal plus the coupling ∂²L/∂U_j∂W_{ji} = −2E[xy]_i,
    /// which makes it indefinite exactly when ‖E[xy]‖² &gt; γ_uγ₁ (Theorem 1). D ≥ 2: every term of the
    /// data fit is of order ≥ 3 at the origin, so the Hessian is diagonal, 2·diag(γ_u, γ₁, ..., γ_D).
    /// Proposition 2 prints "γI": the second derivative of γ‖W‖² is 2γ, which brute force confirms.
    /// </summary>
    public static Matrix<double> HessianAtZero(DataStatistics data, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        int d = data.Dimension;
        var zero = NetworkWeights.Zero(architecture, d);
        int p = zero.ParameterCount;
        var hessian = Matrix<double>.Build.Dense(p, p);
        if (architecture.Depth == 0)
        {
            hessian.SetSubMatrix(0, 0, 2 * (data.A0 + architecture.OutputDecay * Matrix<double>.Build.DenseIdentity(d)));
            return hessian;
        }
        int at = 0;
        for (int j = 0; j < zero.U.Count; j++, at++) hessian[at, at] = 2 * architecture.OutputDecay;
        for (int k = 0; k < architecture.Depth; k++)
            for (int e = 0; e < zero.W[k].RowCount * zero.W[k].ColumnCount; e++, at++)
                hessian[at, at] = 2 * architecture.LayerDecays[k];
        if (architecture.Depth == 1)
        {
            int width = architecture.Widths[0];
            for (int j = 0; j < width; j++)
                for (int i = 0; i < d; i++)
                {
                    int wIndex = width + j * d + i;
                    hessian[j, wIndex] = hessian[wIndex, j] = -2 * data.Exy[i];
                }
        }
        return hessian;
    }
}
