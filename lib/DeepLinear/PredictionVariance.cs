using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// Theorem 4: the variance, over the network's own noise, of a stochastic net's prediction at a solution.
/// For the solution at τ = S B² with first-layer row w, E[f(x)] = B K (w·x) and E[f(x)²] = B² S (w·x)², so
/// <code>  Var[f(x)] = B²(S − K²)(w·x)² = τ (1 − ρ) (w·x)²  </code>
/// which needs no large products. Notebook: 05-prediction-variance.
/// </summary>
public static class PredictionVariance
{
    /// <summary>Var_ε[f(x)] at the solution <paramref name="point"/> of <paramref name="solution"/> (zero for the trivial solution).</summary>
    public static double At(ExactSolution solution, StationaryPoint? point, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != solution.Data.Dimension) throw new ArgumentException($"x has {x.Count} entries but the data have dimension {solution.Data.Dimension}", nameof(x));
        if (point is null || solution.Architecture.Depth == 0) return 0;
        var shape = ExactSolver.ShapeOf(solution.Landscape!, point.LogTau);
        double wx = shape.W1Row.DotProduct(x);
        return point.Tau * (1 - solution.Landscape!.Rho) * wx * wx;
    }

    /// <summary>
    /// Var_ε[f(x)] for any weights: the second-moment recursion of <see cref="ExpectedLoss"/> started from
    /// M₀ = x xᵀ gives E[f(x)²] = U M_D Uᵀ, and E[f(x)] = U W_D⋯W₁ x. For comparing trained nets with Monte Carlo.
    /// </summary>
    public static double OfWeights(Architecture architecture, NetworkWeights weights, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(x);
        weights.RequireShape(architecture, x.Count);
        Guard.AllFinite(x, nameof(x));
        var m = x.OuterProduct(x);
        for (int k = 0; k < architecture.Depth; k++) m = ExpectedLoss.NextMoment(weights.W[k], m, architecture.NoiseVariances[k]);
        double mean = weights.Product().DotProduct(x);
        return Math.Max(0, weights.U.DotProduct(m * weights.U) - mean * mean);
    }

    /// <summary>Var_ε[f(x)] at the global minimum.</summary>
    public static double AtGlobalMinimum(ExactSolution solution, Vector<double> x) => At(solution, solution.GlobalMinimum, x);

    /// <summary>
    /// The upper bound in the proof of Theorem 4 for a uniform network and A0 = σx² I:
    /// Var[f(x)] ≤ d₀^D((σ²+d₀)^D − d₀^D)(E[xy]·x)² / ((σ²+d₀)^{2D} σx⁴).
    /// The appendix prints d₀^{3D} in Eq. 100 and σx² in Eq. 101; using Eq. 13 correctly gives d₀^{D+2}
    /// and σx⁴ (σx⁴ is also what makes both sides scale alike when x is rescaled). Tested against the exact
    /// variance. As D grows the bound decays like e^{−D log((σ²+d₀)/d₀)}.
    /// </summary>
    public static double UniformWhitenedBound(int depth, int width, double noiseVariance, double inputVariance, double projectedSignal)
    {
        if (depth < 1) throw new ArgumentException($"depth must be >= 1, got {depth}", nameof(depth));
        if (width < 1) throw new ArgumentException($"width must be >= 1, got {width}", nameof(width));
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        Guard.Positive(inputVariance, nameof(inputVariance));
        Guard.Finite(projectedSignal, nameof(projectedSignal));
        double ratio = width / (noiseVariance + width);
        double factor = Math.Pow(ratio, depth) - Math.Pow(ratio, 2 * depth);
        return factor * projectedSignal * projectedSignal / (inputVariance * inputVariance);
    }
}
