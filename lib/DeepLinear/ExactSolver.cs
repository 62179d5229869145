using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// Solves for the exact global minimum of Eq. 9 (any depth, widths, noise and decays) through the
/// one-variable landscape. Used by `deeplinear solve` and by every notebook.
/// </summary>
public static class ExactSolver
{
    /// <summary>
    /// All nontrivial solutions, the global minimum, the regime and what zero is.
    /// D = 0 is ridge regression: u = (A0 + γ_u I)⁻¹E[xy] with loss E[y²] − E[xy]ᵀ(A0 + γ_u I)⁻¹E[xy]
    /// (the minimum-norm least-squares solution when γ_u = 0). D ≥ 1 requires every decay &gt; 0.
    /// </summary>
    public static ExactSolution Solve(DataStatistics data, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        ArgumentNullException.ThrowIfNull(architecture, nameof(architecture));
        if (architecture.Depth == 0)
        {
            var solutions = new List<StationaryPoint>();
            if (data.SignalNorm > 0)
            {
                var u = ExactSolution.RidgeWeights(data, architecture.OutputDecay);
                double explained = u.DotProduct(data.Exy);
                solutions.Add(new StationaryPoint(u.L2Norm(), u.DotProduct(u), data.Eyy - explained, StationaryKind.LocalMinimum, [u.L2Norm()], explained));
            }
            return new ExactSolution(data, architecture, null, solutions);
        }
        var landscape = new Landscape(data, architecture);
        var points = landscape.StationaryPoints()
            .Select(p => Point(landscape, p.Tau, p.Kind))
            .ToList();
        return new ExactSolution(data, architecture, landscape, points);
    }

    /// <summary>Only the regime and the global-minimum loss: what a phase diagram needs, without building weights.</summary>
    public static (Regime Regime, double GlobalMinimumLoss) Classify(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape, nameof(landscape));
        double eyy = landscape.Data.Eyy, best = double.NegativeInfinity;
        bool anyMinimum = false;
        foreach (var (tau, kind) in landscape.StationaryPoints())
        {
            if (kind != StationaryKind.LocalMinimum) continue;
            anyMinimum = true;
            best = Math.Max(best, landscape.Improvement(tau));
        }
        if (anyMinimum && best > 0) return (Regime.NontrivialGlobal, eyy - best);
        return (anyMinimum ? Regime.TrivialGlobal : Regime.TrivialOnly, eyy);
    }

    static StationaryPoint Point(Landscape landscape, double tau, StationaryKind kind)
    {
        var shape = ShapeOf(landscape, tau);
        var arch = landscape.Architecture;
        var norms = new double[arch.Depth + 1];
        norms[0] = Math.Sqrt(arch.Widths[0]) * shape.W1Row.L2Norm();
        for (int k = 2; k <= arch.Depth; k++)
            norms[k - 1] = shape.LayerScales[k - 2] * Math.Sqrt((double)arch.Widths[k - 1] * arch.Widths[k - 2]);
        norms[arch.Depth] = shape.OutputScale * Math.Sqrt(arch.Widths[^1]);
        return new StationaryPoint(landscape.ScaleOfTau(tau), tau, landscape.Loss(tau), kind, norms, landscape.Improvement(tau));
    }

    /// <summary>The scale factors of a solution at τ: b_u, b₂..b_D and the first-layer row w.</summary>
    internal static (double OutputScale, double[] LayerScales, Vector<double> W1Row) ShapeOf(Landscape landscape, double tau)
    {
        var arch = landscape.Architecture;
        var data = landscape.Data;
        int depth = arch.Depth;
        double logT = Math.Log(tau) - landscape.LogS;
        double logMu = (logT + landscape.LogBalance) / depth;
        double outputScale = Math.Exp(0.5 * (logMu - Math.Log(arch.OutputDecay) - Math.Log(arch.Widths[depth - 1])));
        var layerScales = new double[Math.Max(depth - 1, 0)];
        for (int k = 2; k <= depth; k++)
            layerScales[k - 2] = Math.Exp(0.5 * (logMu - Math.Log(arch.LayerDecays[k - 1]) - Math.Log(arch.Widths[k - 1]) - Math.Log(arch.Widths[k - 2])));
        double bk = Math.Sqrt(tau * landscape.Rho);
        var coefficients = Vector<double>.Build.Dense(data.Dimension, i => bk * data.Projection[i] / (data.Eigenvalues[i] * tau + landscape.G));
        return (outputScale, layerScales, data.Eigenvectors * coefficients);
    }
}
