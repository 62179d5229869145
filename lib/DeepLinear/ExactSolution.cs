using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// A nontrivial stationary point of the one-variable landscape. <see cref="Scale"/> is the end-to-end scale
/// B = b_u b₂⋯b_D (the paper's b for D = 1; for D = 0, the norm of the regressor), <see cref="LayerNorms"/>
/// holds ‖W₁‖_F..‖W_D‖_F and then ‖U‖. <see cref="Improvement"/> is E[y²] − <see cref="Loss"/>, computed
/// as fit minus decay without the cancellation that subtracting two nearly equal losses would suffer.
/// </summary>
public sealed record StationaryPoint(double Scale, double Tau, double Loss, StationaryKind Kind, IReadOnlyList<double> LayerNorms, double Improvement);

/// <summary>
/// The exact global minimum of a deep linear network with weight decay and stochastic neurons:
/// every nontrivial stationary point of L(t), which one is the global minimum, the regime, what zero is,
/// and the full weights of any solution (which reproduce its loss through <see cref="ExpectedLoss"/>).
/// </summary>
public sealed class ExactSolution
{
    internal ExactSolution(DataStatistics data, Architecture architecture, Landscape? landscape, IReadOnlyList<StationaryPoint> solutions)
    {
        Data = data;
        Architecture = architecture;
        Landscape = landscape;
        Solutions = solutions;
        TrivialLoss = data.Eyy;
        var best = solutions.Where(s => s.Kind == StationaryKind.LocalMinimum).OrderByDescending(s => s.Improvement).FirstOrDefault();
        bool nontrivialWins = best is not null && best.Improvement > 0;
        GlobalMinimum = nontrivialWins ? best : null;
        GlobalMinimumLoss = nontrivialWins ? best!.Loss : TrivialLoss;
        Regime = nontrivialWins ? Regime.NontrivialGlobal : best is not null ? Regime.TrivialGlobal : Regime.TrivialOnly;
        ZeroIs = architecture.Depth switch
        {
            0 => data.SignalNorm == 0 ? ZeroKind.GlobalMinimum : ZeroKind.NotStationary,
            1 => nontrivialWins ? ZeroKind.Saddle : ZeroKind.GlobalMinimum,
            _ => nontrivialWins ? ZeroKind.LocalMinimum : ZeroKind.GlobalMinimum,
        };
    }

    public DataStatistics Data { get; }
    public Architecture Architecture { get; }

    /// <summary>The one-variable landscape (null for D = 0, which is a convex quadratic).</summary>
    public Landscape? Landscape { get; }

    /// <summary>Every nontrivial stationary point, by increasing scale.</summary>
    public IReadOnlyList<StationaryPoint> Solutions { get; }

    /// <summary>The nontrivial global minimum, or null when zero is the global minimum.</summary>
    public StationaryPoint? GlobalMinimum { get; }

    /// <summary>The loss at the global minimum.</summary>
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
        ArgumentNullException.ThrowIfNull(point, nameof(point));
        if (Architecture.Depth == 0) return new NetworkWeights(RidgeWeights(Data, Architecture.OutputDecay), []);
        return WeightsAt(point.Tau, sign: 1);
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
        return WeightsAt(Landscape!.TauOfScale(scale), Math.Sign(scale));
    }

    NetworkWeights WeightsAt(double tau, int sign)
    {
        int d = Data.Dimension;
        var shape = ExactSolver.ShapeOf(Landscape!, tau);
        var w = new Matrix<double>[Architecture.Depth];
        w[0] = Matrix<double>.Build.Dense(Architecture.Widths[0], d, (r, c) => sign * shape.W1Row[c]);
        for (int k = 2; k <= Architecture.Depth; k++)
            w[k - 1] = Matrix<double>.Build.Dense(Architecture.Widths[k - 1], Architecture.Widths[k - 2], shape.LayerScales[k - 2]);
        var u = Vector<double>.Build.Dense(Architecture.Widths[^1], sign * shape.OutputScale);
        return new NetworkWeights(u, w);
    }

    internal static Vector<double> RidgeWeights(DataStatistics data, double decay)
    {
        var coefficients = Vector<double>.Build.Dense(data.Dimension, i => data.Eigenvalues[i] + decay > 0 ? data.Projection[i] / (data.Eigenvalues[i] + decay) : 0);
        return data.Eigenvectors * coefficients;
    }
}
