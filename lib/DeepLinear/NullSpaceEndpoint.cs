using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// Where a deep linear net trained on an underdetermined system Ay = b ends, measured against the minimum-norm
/// solution θ* (the companion paper on the implicit bias of initialisation, Lemma 8 and Section 4).
/// The net computes the row vector w = U W_D ⋯ W₁; the first layer's null-space part C = W₁(0) V₂V₂ᵀ never changes
/// under gradient descent (each gradient of W₁ is (something) × A), so at an interpolating end point
/// <code>
///   w∞ − θ* = v∞ C,   v∞ = U W_D ⋯ W₂ at the end (v = 1 for D = 0),   ‖w∞ − θ*‖ ≤ ‖U‖ ‖W_D‖ ⋯ ‖W₂‖ ‖C‖.
/// </code>
/// Notebook 09 (section 3 and Figure 4.4).
/// </summary>
/// <param name="Distance">‖w∞ − θ*‖.</param>
/// <param name="Kept">‖v∞ C‖, the conserved null-space part carried through the later layers.</param>
/// <param name="Drift">‖W₁(∞) V₂V₂ᵀ − C‖_F: how far C moved (zero in exact arithmetic).</param>
/// <param name="NormProduct">‖U‖ ‖W_D‖ ⋯ ‖W₂‖ (spectral norms; 1 for D = 0), the factor in the bound.</param>
/// <param name="CNorm">‖C‖, the spectral norm (the bound's); for D = 0, ‖V₂V₂ᵀw₀‖, Theorem 4's kept component.</param>
/// <param name="Residual">‖A w∞ − b‖: how far the end point is from interpolating.</param>
public sealed record NullSpaceEndpoint(double Distance, double Kept, double Drift, double NormProduct, double CNorm, double Residual)
{
    /// <summary>
    /// The measures of a net that started at <paramref name="initial"/> and ended at <paramref name="final"/> on
    /// <paramref name="problem"/>. Rules: both weight sets have the same shape and take inputs of dimension d of A.
    /// </summary>
    public static NullSpaceEndpoint Of(UnderdeterminedLeastSquares problem, NetworkWeights initial, NetworkWeights final)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(final);
        if (initial.Depth != final.Depth)
            throw new ArgumentException($"final has depth {final.Depth} but initial has depth {initial.Depth}; both must be the same net", nameof(final));
        foreach (var (weights, name) in new[] { (initial, nameof(initial)), (final, nameof(final)) })
            if (weights.InputDimension != problem.Dimension)
                throw new ArgumentException($"{name} takes inputs of dimension {weights.InputDimension} but A has {problem.Dimension} columns", name);

        var w = final.Product();
        var residual = (problem.A * w - problem.B).L2Norm();
        var distance = (w - problem.MinimumNormSolution).L2Norm();
        if (final.Depth == 0)
        {
            var kept = problem.NullSpaceComponent(initial.U);
            return new(distance, kept.L2Norm(), (problem.NullSpaceComponent(final.U) - kept).L2Norm(), 1, kept.L2Norm(), residual);
        }
        var nullProjector = problem.NullSpaceBasis * problem.NullSpaceBasis.Transpose();
        var c = initial.W[0] * nullProjector;
        var v = new NetworkWeights(final.U, final.W.Skip(1).ToArray()).Product();
        double normProduct = final.W.Skip(1).Aggregate(final.U.L2Norm(), (p, layer) => p * layer.L2Norm());
        return new(distance, c.TransposeThisAndMultiply(v).L2Norm(), (final.W[0] * nullProjector - c).FrobeniusNorm(), normProduct,
            c.L2Norm(), residual);
    }
}
