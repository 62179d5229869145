using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// A nontrivial stationary point of the one-variable landscape, held in logs so that nothing under- or
/// overflows: <see cref="LogScale"/> is log B of the end-to-end scale B = b_u b₂⋯b_D (the paper's b for D = 1;
/// for D = 0, the norm of the regressor), <see cref="LogTau"/> is log τ = log S B², <see cref="LogLayerNorms"/>
/// holds log ‖W₁‖_F..log ‖W_D‖_F and then log ‖U‖. <see cref="Scale"/>, <see cref="Tau"/> and
/// <see cref="LayerNorms"/> are their exponentials, which are 0 or ∞ where float64 cannot hold them (B underflows
/// at depth 100 and width 5000 while every layer is of order one). <see cref="Improvement"/> is E[y²] − <see cref="Loss"/>,
/// computed as fit minus decay without the cancellation that subtracting two nearly equal losses would suffer.
/// </summary>
public sealed record StationaryPoint(double LogTau, double LogScale, double Loss, StationaryKind Kind, IReadOnlyList<double> LogLayerNorms, double Improvement)
{
    /// <summary>B = e^<see cref="LogScale"/>.</summary>
    public double Scale => Math.Exp(LogScale);

    /// <summary>τ = e^<see cref="LogTau"/>.</summary>
    public double Tau => Math.Exp(LogTau);

    /// <summary>‖W₁‖_F..‖W_D‖_F, ‖U‖.</summary>
    public IReadOnlyList<double> LayerNorms => LogLayerNorms.Select(Math.Exp).ToArray();
}

/// <summary>
/// The exact global minimum of a deep linear network with weight decay and stochastic neurons:
/// every nontrivial stationary point of L(t), which one is the global minimum, the regime, what zero is,
/// and the full weights of any solution (which reproduce its loss through <see cref="ExpectedLoss"/>).
/// </summary>
public sealed class ExactSolution
{
    internal ExactSolution(DataStatistics data, Architecture architecture, Landscape? landscape, IReadOnlyList<StationaryPoint> solutions, IReadOnlyList<SignedLog> improvements)
    {
        Data = data;
        Architecture = architecture;
        Landscape = landscape;
        TrivialLoss = data.Eyy;
        var (regime, global, globalLoss) = Choose(solutions.Select((s, i) => (s.Kind, improvements[i], s.Loss)).ToList(), TrivialLoss, data.LogExplainedSecondMoment);
        Regime = regime;
        GlobalMinimumLoss = globalLoss;
        Solutions = solutions.Select((s, i) => i == global ? s with { Loss = globalLoss } : global < 0 && s.Loss < TrivialLoss ? s with { Loss = TrivialLoss } : s).ToList();
        GlobalMinimum = global < 0 ? null : Solutions[global];
        bool nontrivialWins = GlobalMinimum is not null;
        ZeroIs = architecture.Depth switch
        {
            0 => solutions.Count == 0 ? ZeroKind.GlobalMinimum : ZeroKind.NotStationary,
            1 => nontrivialWins ? ZeroKind.Saddle : ZeroKind.GlobalMinimum,
            _ => nontrivialWins ? ZeroKind.LocalMinimum : ZeroKind.GlobalMinimum,
        };
    }

    /// <summary>
    /// The regime, the index of the global minimum among <paramref name="points"/> (−1 when zero is global) and its
    /// loss. The local minimum of largest improvement wins when that improvement is positive (improvements have no
    /// cancellation, so this holds even where L is flatter than E[y²]'s round-off, and they are compared as sign and
    /// log, so also where fit and decay underflow float64). The reported loss is then the
    /// least of every point's loss and E[y²], so round-off never shows a stationary point below the global minimum;
    /// when zero wins, points whose loss round-off puts below E[y²] are reported at E[y²].
    /// Rule: every loss finite.
    /// </summary>
    internal static (Regime Regime, int Global, double Loss) Choose(IReadOnlyList<(StationaryKind Kind, SignedLog Improvement, double Loss)> points, double trivialLoss, double logExplained)
    {
        int best = -1;
        for (int i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].Loss) || double.IsNaN(points[i].Improvement.Log))
                throw new ArgumentException($"outputSecondMoment: the loss at a stationary point is beyond float64's range (E[y²] = {trivialLoss:G6}, E[xy]ᵀA0⁺E[xy] = 10^{logExplained / Math.Log(10):F1}); divide y by a constant c, and the decays of U and W₂..W_D by c², for the same landscape at a smaller scale", "outputSecondMoment");
            if (points[i].Kind == StationaryKind.LocalMinimum && (best < 0 || points[i].Improvement.CompareTo(points[best].Improvement) > 0)) best = i;
        }
        if (best >= 0 && points[best].Improvement.Sign > 0)
            return (Regime.NontrivialGlobal, best, Math.Min(trivialLoss, points.Min(p => p.Loss)));
        return (best >= 0 ? Regime.TrivialGlobal : Regime.TrivialOnly, -1, trivialLoss);
    }

    public DataStatistics Data { get; }
    public Architecture Architecture { get; }

    /// <summary>The one-variable landscape (null for D = 0, which is a convex quadratic).</summary>
    public Landscape? Landscape { get; }

    /// <summary>Every nontrivial stationary point, by increasing scale.</summary>
    public IReadOnlyList<StationaryPoint> Solutions { get; }

    /// <summary>The nontrivial global minimum, or null when zero is the global minimum.</summary>
    public StationaryPoint? GlobalMinimum { get; }

    /// <summary>The loss at the global minimum: no higher than <see cref="TrivialLoss"/> or any point of <see cref="Solutions"/>.</summary>
    public double GlobalMinimumLoss { get; }

    /// <summary>E[y²], the loss of the all-zero network.</summary>
    public double TrivialLoss { get; }

    public Regime Regime { get; }

    public ZeroKind ZeroIs { get; }

    /// <summary>Weights of the global minimum (all zero in a trivial regime).</summary>
    public NetworkWeights GlobalMinimumWeights() =>
        GlobalMinimum is null ? NetworkWeights.Zero(Architecture, Data.Dimension) : Weights(GlobalMinimum);

    /// <summary>
    /// The full weights of a solution with every sign vector r_k = (1, ..., 1) (any vertex of the hypercube
    /// gives the same loss): U = b_u r_D, W_k = b_k r_k r_{k−1}ᵀ (k ≥ 2), W₁ = r₁ wᵀ with
    /// w = B K (B² S A0 + γ₁d₁ I)⁻¹ E[xy] and the b's balanced so that γ_u d_D b_u² = γ_k d_k d_{k−1} b_k².
    /// </summary>
    public NetworkWeights Weights(StationaryPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (Architecture.Depth == 0) return new NetworkWeights(RidgeWeights(Data, Architecture.OutputDecay), []);
        return WeightsAt(point.LogTau, sign: 1);
    }

    /// <summary>
    /// The weights along the solutions' direction at any end-to-end scale B = b_u b₂⋯b_D, stationary or not:
    /// the same balanced, aligned shape as <see cref="Weights"/> with τ = S B², so
    /// <c>ExpectedLoss.Value(Data, Architecture, WeightsAtScale(B)) = Landscape.LossAtScale(B)</c>.
    /// A negative B flips the sign of U and of W₁ (for D = 1 the paper's b → −b), which leaves the product
    /// U W_D⋯W₁, and so every linear quantity, unchanged; a hidden activation that is not odd (ReLU) tells the
    /// two signs apart. B = 0 gives the zero network. Notebook 06 draws the nonlinear landscapes along this line.
    /// Rules: depth ≥ 1, scale finite.
    /// </summary>
    public NetworkWeights WeightsAtScale(double scale)
    {
        Guard.Finite(scale, nameof(scale));
        if (Architecture.Depth == 0) throw new InvalidOperationException("WeightsAtScale needs depth >= 1: a depth-0 regressor has no scale to move along");
        if (scale == 0) return NetworkWeights.Zero(Architecture, Data.Dimension);
        return WeightsAt(Landscape!.LogTauOfScale(scale), Math.Sign(scale));
    }

    NetworkWeights WeightsAt(double logTau, int sign)
    {
        int d = Data.Dimension;
        var shape = ExactSolver.ShapeOf(Landscape!, logTau);
        var w = new Matrix<double>[Architecture.Depth];
        w[0] = Matrix<double>.Build.Dense(Architecture.Widths[0], d, (r, c) => sign * shape.W1Row[c]);
        for (int k = 2; k <= Architecture.Depth; k++)
            w[k - 1] = Matrix<double>.Build.Dense(Architecture.Widths[k - 1], Architecture.Widths[k - 2], shape.LayerScales[k - 2]);
        var u = Vector<double>.Build.Dense(Architecture.Widths[^1], sign * shape.OutputScale);
        return new NetworkWeights(u, w);
    }

    /// <summary>u = Σᵢ qᵢ (qᵢ·E[xy])/(aᵢ + γ) over the directions of A0's range, each coefficient formed in logs.</summary>
    internal static Vector<double> RidgeWeights(DataStatistics data, double decay)
    {
        double logDecay = Math.Log(decay);
        var coefficients = Vector<double>.Build.Dense(data.Dimension, i => double.IsNegativeInfinity(data.LogEigenvalues[i])
            ? 0
            : Math.Sign(data.Projection[i]) * Math.Exp(0.5 * data.LogProjectedSignal[i] - LogSpace.AddExp(data.LogEigenvalues[i], logDecay)));
        return data.Eigenvectors * coefficients;
    }
}
