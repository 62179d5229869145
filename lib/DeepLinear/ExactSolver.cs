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
    /// Rule: every loss within float64's range (only statistics near 1.8e308 break it).
    /// <paramref name="settings"/>: the stationary-point search (null: <see cref="SolverSettings.Default"/>).
    /// </summary>
    public static ExactSolution Solve(DataStatistics data, Architecture architecture, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.Depth == 0)
        {
            var ridge = Ridge(data, architecture.OutputDecay);
            return new ExactSolution(data, architecture, null, ridge.Select(r => r.Point).ToList(), ridge.Select(r => r.Order).ToList());
        }
        var landscape = new Landscape(data, architecture);
        var stationary = landscape.StationaryPoints(settings);
        var points = stationary.Select(p => Point(landscape, p.LogTau, p.Kind)).ToList();
        return new ExactSolution(data, architecture, landscape, points, stationary.Select(p => landscape.ImprovementOrderAtLogTau(p.LogTau)).ToList());
    }

    /// <summary>Only the regime and the global-minimum loss: what a phase diagram needs, without building weights.</summary>
    public static (Regime Regime, double GlobalMinimumLoss) Classify(Landscape landscape, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var points = landscape.StationaryPoints(settings)
            .Select(p => (p.Kind, landscape.ImprovementOrderAtLogTau(p.LogTau), landscape.LossAtLogTau(p.LogTau)))
            .ToList();
        var (regime, _, loss) = ExactSolution.Choose(points, landscape.OutputSecondMoment, landscape.LogExplainedSecondMoment);
        return (regime, loss);
    }

    /// <summary>
    /// D = 0 in sums over the eigen-directions that carry signal: the regressor's norm ‖u‖² = Σ mᵢ/(aᵢ+γ)², the
    /// explained part Σ mᵢ/(aᵢ+γ) and the loss r + Σ mᵢγ/(aᵢ(aᵢ+γ)), non-negative for realisable statistics.
    /// </summary>
    static List<(StationaryPoint Point, SignedLog Order)> Ridge(DataStatistics data, double decay)
    {
        var (logA, logM) = data.SignalTerms();
        if (logA.Length == 0) return [];
        double logDecay = Math.Log(decay);
        var explained = new double[logA.Length];
        var norm = new double[logA.Length];
        var excess = new double[logA.Length];
        for (int i = 0; i < logA.Length; i++)
        {
            double logDen = LogSpace.AddExp(logA[i], logDecay);
            explained[i] = logM[i] - logDen;
            norm[i] = logM[i] - 2 * logDen;
            excess[i] = logM[i] - logA[i] + logDecay - logDen;
        }
        double logScale = 0.5 * LogSpace.SumExp(norm), logExplained = LogSpace.SumExp(explained);
        double loss = data.LeastSquaresLoss + Math.Exp(LogSpace.SumExp(excess));
        return [(new StationaryPoint(2 * logScale, logScale, loss, StationaryKind.LocalMinimum, [logScale], Math.Exp(logExplained)), new SignedLog(1, logExplained))];
    }

    /// <summary>
    /// The solution at u = log τ with its layer norms from the balance γ_k‖W_k‖² = γ_u‖U‖² = μ (k ≥ 2):
    /// ‖W_k‖ = √(μ/γ_k), ‖U‖ = √(μ/γ_u), and ‖W₁‖ = √d₁ ‖w‖ from the first-layer row.
    /// </summary>
    static StationaryPoint Point(Landscape landscape, double logTau, StationaryKind kind)
    {
        var shape = ShapeOf(landscape, logTau);
        var arch = landscape.Architecture;
        var logNorms = new double[arch.Depth + 1];
        logNorms[0] = 0.5 * Math.Log(arch.Widths[0]) + shape.LogW1RowNorm;
        for (int k = 2; k <= arch.Depth; k++)
            logNorms[k - 1] = 0.5 * (shape.LogMu - Math.Log(arch.LayerDecays[k - 1]));
        logNorms[arch.Depth] = 0.5 * (shape.LogMu - Math.Log(arch.OutputDecay));
        return new StationaryPoint(logTau, 0.5 * (logTau - landscape.LogS), landscape.LossAtLogTau(logTau), kind, logNorms, landscape.ImprovementAtLogTau(logTau));
    }

    /// <summary>
    /// The scale factors of a solution at u = log τ: b_u, b₂..b_D, the first-layer row
    /// w = √(τρ) Σᵢ qᵢ (qᵢ·E[xy])/(aᵢτ + g) with log ‖w‖, and log μ where μ = (B² Π c_j)^{1/D} is the common
    /// balanced value γ_u‖U‖² = γ_k‖W_k‖²; all formed in logs, so only the returned entries can under- or overflow.
    /// </summary>
    internal static (double OutputScale, double[] LayerScales, Vector<double> W1Row, double LogMu, double LogW1RowNorm) ShapeOf(Landscape landscape, double logTau)
    {
        var arch = landscape.Architecture;
        var data = landscape.Data;
        int depth = arch.Depth;
        double logT = logTau - landscape.LogS;
        double logMu = (logT + landscape.LogBalance) / depth;
        double outputScale = Math.Exp(0.5 * (logMu - Math.Log(arch.OutputDecay) - Math.Log(arch.Widths[depth - 1])));
        var layerScales = new double[Math.Max(depth - 1, 0)];
        for (int k = 2; k <= depth; k++)
            layerScales[k - 2] = Math.Exp(0.5 * (logMu - Math.Log(arch.LayerDecays[k - 1]) - Math.Log(arch.Widths[k - 1]) - Math.Log(arch.Widths[k - 2])));
        double logBk = 0.5 * (logTau + landscape.LogRho);
        var logCoefficients = new double[data.Dimension];
        var coefficients = Vector<double>.Build.Dense(data.Dimension);
        for (int i = 0; i < data.Dimension; i++)
        {
            logCoefficients[i] = double.IsNegativeInfinity(data.LogEigenvalues[i])
                ? double.NegativeInfinity
                : logBk + 0.5 * data.LogProjectedSignal[i] - LogSpace.AddExp(data.LogEigenvalues[i] + logTau, landscape.LogG);
            coefficients[i] = Math.Sign(data.Projection[i]) * Math.Exp(logCoefficients[i]);
        }
        double logRowNorm = 0.5 * LogSpace.SumExp(logCoefficients.Select(c => 2 * c).ToArray());
        return (outputScale, layerScales, data.Eigenvectors * coefficients, logMu, logRowNorm);
    }
}
