namespace DeepLinear;

/// <summary>
/// The exact landscape of a deep linear network (D ≥ 1) reduced to one variable
/// (docs/derivation.md, sections 3-5: the structure of Theorem 2 with constants re-derived and
/// verified against brute force). With K = Π d_k, S = Π d_k(d_k + σ_k²) and the end-to-end scale
/// B = b_u b₂⋯b_D, the loss minimised over everything else is, for t = B²,
/// <code>
///   L(t) = E[y²] − K² Σᵢ mᵢ t / (S aᵢ t + γ₁d₁) + D α t^{1/D},   α = (γ_u d_D Π_{k≥2} γ_k d_k d_{k−1})^{1/D}
/// </code>
/// To stay finite at depth 100, width 5000 and statistics from 1e-300 to 1e300 it is evaluated in u = log τ
/// with the rescaled variable τ = S t:
/// <code>
///   L(τ) = E[y²] − ρ Σᵢ mᵢ τ / (aᵢ τ + g) + D λ τ^{1/D},   ρ = K²/S = Π d_k/(d_k+σ_k²),  g = γ₁d₁,  λ = α S^{−1/D}
/// </code>
/// with every product formed as a sum of logarithms, and written as a sum of non-negative terms
/// (<see cref="LossAtLogTau"/>) so that realisable statistics never give a loss below zero. Notebooks: 01, 02, 03.
/// </summary>
public sealed class Landscape
{
    readonly double[] logA;   // log aᵢ of the distinct eigenvalues aᵢ > 0 that carry signal, increasing
    readonly double[] logM;   // log mᵢ, the signal on each

    /// <summary>The data statistics this landscape was built from.</summary>
    public DataStatistics Data { get; }

    /// <summary>The architecture (D ≥ 1, all decays positive).</summary>
    public Architecture Architecture { get; }

    /// <summary>D, the number of hidden layers: the decay term grows as τ^{1/D} and φ's slope tends to 1 − 1/D at small τ.</summary>
    public int Depth => Architecture.Depth;

    /// <summary>ρ = K²/S = Π d_k/(d_k + σ_k²) ∈ (0, 1]: the fraction of the fit that survives the noise (may underflow; see <see cref="LogRho"/>).</summary>
    public double Rho => Math.Exp(LogRho);

    /// <summary>log ρ = Σ log d_k − log(d_k + σ_k²).</summary>
    public double LogRho { get; }

    /// <summary>g = γ₁ d₁, the effective ridge on the first layer (see <see cref="LogG"/>).</summary>
    public double G => Math.Exp(LogG);

    /// <summary>log g, which the landscape uses instead of g: g = γ₁d₁ leaves float64 where γ₁ is near 1e-300 or 1e300.</summary>
    public double LogG { get; }

    /// <summary>log λ, where λ = α S^{−1/D} is the weight-decay cost coefficient in τ.</summary>
    public double LogLambda { get; }

    /// <summary>log K = Σ log d_k.</summary>
    public double LogK { get; }

    /// <summary>log S = Σ log d_k(d_k + σ_k²).</summary>
    public double LogS { get; }

    /// <summary>log Π c_j with c = (γ_u d_D, γ_k d_k d_{k−1} for k = 2..D): the balancing constants.</summary>
    public double LogBalance { get; }

    /// <summary>E[y²] of this landscape: the trivial loss L(0).</summary>
    public double OutputSecondMoment { get; }

    /// <summary>r = E[y²] − Q, the least-squares loss (<see cref="DataStatistics.LeastSquaresLoss"/>) of this landscape's statistics.</summary>
    public double LeastSquaresLoss { get; }

    /// <summary>Q = Σᵢ mᵢ/aᵢ = E[xy]ᵀA0⁺E[xy] (<see cref="DataStatistics.ExplainedSecondMoment"/>) of this landscape's statistics.</summary>
    public double ExplainedSecondMoment { get; }

    /// <summary>log Q, finite where Q under- or overflows (statistics near 1e±300); −∞ when E[xy] = 0.</summary>
    public double LogExplainedSecondMoment { get; }

    public Landscape(DataStatistics data, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.Depth < 1) throw new ArgumentException("depth must be >= 1 for the one-variable landscape; D = 0 is ridge regression (see ExactSolver)", nameof(architecture));
        architecture.RequirePositiveDecays();
        Data = data;
        Architecture = architecture;
        int depth = architecture.Depth;
        double logRho = 0, logK = 0, logS = 0;
        for (int k = 0; k < depth; k++)
        {
            double dk = architecture.Widths[k], s2 = architecture.NoiseVariances[k];
            logK += Math.Log(dk);
            logS += Math.Log(dk) + Math.Log(dk + s2);
            logRho += Math.Log(dk) - Math.Log(dk + s2);
        }
        double logBalance = Math.Log(architecture.OutputDecay) + Math.Log(architecture.Widths[depth - 1]);
        for (int k = 2; k <= depth; k++)
            logBalance += Math.Log(architecture.LayerDecays[k - 1]) + Math.Log(architecture.Widths[k - 1]) + Math.Log(architecture.Widths[k - 2]);
        LogRho = logRho;
        LogK = logK;
        LogS = logS;
        LogBalance = logBalance;
        LogLambda = (logBalance - logS) / depth;
        LogG = Math.Log(architecture.LayerDecays[0]) + Math.Log(architecture.Widths[0]);
        (logA, logM) = data.SignalTerms();
        OutputSecondMoment = data.Eyy;
        LeastSquaresLoss = data.LeastSquaresLoss;
        ExplainedSecondMoment = data.ExplainedSecondMoment;
        LogExplainedSecondMoment = data.LogExplainedSecondMoment;
    }

    /// <summary>
    /// The same landscape with E[xy] rescaled by <paramref name="signalFactor"/> (mᵢ scale by its square) and
    /// E[y²] kept; cheap, for sweeps. Large factors give statistics that no data set has (E[y²] &lt; Q).
    /// </summary>
    public Landscape WithSignalFactor(double signalFactor)
    {
        Guard.NonNegative(signalFactor, nameof(signalFactor));
        return new Landscape(this, signalFactor, scaleLabel: false, logDecayFactor: 0);
    }

    /// <summary>
    /// The same landscape with the label y multiplied by <paramref name="labelFactor"/>: E[xy] scales by it and
    /// E[y²] by its square, so realisable statistics stay realisable. Same stationary points as
    /// <see cref="WithSignalFactor"/>; only the losses differ.
    /// </summary>
    public Landscape WithLabelFactor(double labelFactor)
    {
        Guard.NonNegative(labelFactor, nameof(labelFactor));
        if (!double.IsFinite(OutputSecondMoment * labelFactor * labelFactor))
            throw new ArgumentException($"labelFactor = {labelFactor:G6} takes E[y²] = {OutputSecondMoment:G6} beyond float64's range", nameof(labelFactor));
        return new Landscape(this, labelFactor, scaleLabel: true, logDecayFactor: 0);
    }

    /// <summary>
    /// Every decay (γ_u, γ₁..γ_D) multiplied by e^<paramref name="logDecayFactor"/>: g and λ scale by the factor.
    /// Formed in logs, so factors beyond float64 are fine; <see cref="Architecture"/> keeps the unscaled decays,
    /// so only the losses, stationary points and regime of the result are meaningful (for critical decays).
    /// </summary>
    internal Landscape WithDecayFactor(double logDecayFactor) => new(this, 1, scaleLabel: false, logDecayFactor);

    /// <summary>E[xy] scaled by k = <paramref name="signalFactor"/> (mᵢ and Q by k², formed as 2 log k in logs), E[y²] too when the label is.</summary>
    Landscape(Landscape source, double signalFactor, bool scaleLabel, double logDecayFactor)
    {
        double logSignalSquaredFactor = 2 * Math.Log(signalFactor);
        Data = source.Data;
        Architecture = source.Architecture;
        LogRho = source.LogRho;
        LogK = source.LogK;
        LogS = source.LogS;
        LogG = source.LogG + logDecayFactor;
        LogLambda = source.LogLambda + logDecayFactor;
        LogBalance = source.LogBalance + Depth * logDecayFactor;
        bool none = double.IsNegativeInfinity(logSignalSquaredFactor);
        logA = none ? [] : source.logA;
        logM = none ? [] : source.logM.Select(x => x + logSignalSquaredFactor).ToArray();
        LogExplainedSecondMoment = none ? double.NegativeInfinity : source.LogExplainedSecondMoment + logSignalSquaredFactor;
        // x·k·k rather than x·k²: k² overflows at k = 1e200 where x·k·k need not
        double k = signalFactor;
        ExplainedSecondMoment = none ? 0 : source.ExplainedSecondMoment * k * k;
        if (scaleLabel)
        {
            OutputSecondMoment = source.OutputSecondMoment * k * k;
            LeastSquaresLoss = source.LeastSquaresLoss * k * k;
        }
        else
        {
            OutputSecondMoment = source.OutputSecondMoment;
            // r' = E[y²] − k²Q = r − (k²Q − Q), exact for k = 1
            LeastSquaresLoss = k == 1 ? source.LeastSquaresLoss : source.LeastSquaresLoss - (ExplainedSecondMoment - source.ExplainedSecondMoment);
        }
    }

    /// <summary>L(τ) for τ = S B² ≥ 0; L(0) = E[y²] is the trivial solution.</summary>
    public double Loss(double tau)
    {
        if (!(tau >= 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be >= 0");
        return tau == 0 ? OutputSecondMoment : LossAtLogTau(Math.Log(tau));
    }

    /// <summary>
    /// L at τ = eᵘ, as the sum of non-negative terms (for realisable statistics, r ≥ 0)
    /// <code>  L = r + (1 − ρ) Q + ρ Σᵢ (mᵢ/aᵢ) g/(aᵢτ + g) + D λ τ^{1/D}  </code>
    /// which equals E[y²] − Fit + Regularisation since E[y²] = r + Q, and has no cancellation near a perfect fit.
    /// </summary>
    public double LossAtLogTau(double u)
    {
        Span<double> terms = logA.Length <= 256 ? stackalloc double[logA.Length] : new double[logA.Length];
        for (int i = 0; i < logA.Length; i++) terms[i] = logM[i] - logA[i] + LogG - LogSpace.AddExp(logA[i] + u, LogG);
        double unexplained = Math.Exp(LogRho + LogSpace.SumExp(terms));
        double noise = -LogSpace.ExpMinusOne(LogRho) * ExplainedSecondMoment;
        return LeastSquaresLoss + noise + unexplained + RegularisationAtLogTau(u);
    }

    /// <summary>E[y²] − L(τ) = Fit(τ) − Regularisation(τ): how much better than zero the network does at τ, without cancellation.</summary>
    public double Improvement(double tau) => tau == 0 ? 0 : ImprovementAtLogTau(Math.Log(tau));

    /// <summary><see cref="Improvement"/> at τ = eᵘ.</summary>
    public double ImprovementAtLogTau(double u) => FitAtLogTau(u) - RegularisationAtLogTau(u);

    /// <summary>The improvement at τ = eᵘ as sign and log size, exact in sign where fit and decay both underflow.</summary>
    internal SignedLog ImprovementOrderAtLogTau(double u) => SignedLog.Difference(LogFitAtLogTau(u), LogRegularisationAtLogTau(u));

    /// <summary>L as a function of the end-to-end scale B (any sign: L is even in B).</summary>
    public double LossAtScale(double scale) => scale == 0 ? OutputSecondMoment : LossAtLogTau(LogTauOfScale(scale));

    /// <summary>τ = S B² (may overflow; see <see cref="LogTauOfScale"/>).</summary>
    public double TauOfScale(double scale) => scale == 0 ? 0 : Math.Exp(LogTauOfScale(scale));

    /// <summary>log τ = log S + 2 log|B| for B ≠ 0.</summary>
    public double LogTauOfScale(double scale) => LogS + 2 * Math.Log(Math.Abs(scale));

    /// <summary>B = √(τ/S).</summary>
    public double ScaleOfTau(double tau) => tau == 0 ? 0 : Math.Exp(0.5 * (Math.Log(tau) - LogS));

    /// <summary>ρ Σᵢ mᵢ τ/(aᵢτ + g): the part of E[y²] the network explains at scale τ.</summary>
    public double Fit(double tau) => tau == 0 ? 0 : FitAtLogTau(Math.Log(tau));

    /// <summary><see cref="Fit"/> at τ = eᵘ; each term is below mᵢ/aᵢ, so the fit never exceeds ρQ.</summary>
    public double FitAtLogTau(double u) => Math.Exp(LogFitAtLogTau(u));

    /// <summary>log of <see cref="Fit"/> at τ = eᵘ.</summary>
    public double LogFitAtLogTau(double u)
    {
        Span<double> terms = logA.Length <= 256 ? stackalloc double[logA.Length] : new double[logA.Length];
        for (int i = 0; i < logA.Length; i++) terms[i] = logM[i] + u - LogSpace.AddExp(logA[i] + u, LogG);
        return LogRho + LogSpace.SumExp(terms);
    }

    /// <summary>D λ τ^{1/D}: the weight decay of the balanced layers U, W₂..W_D plus nothing else (W₁'s decay sits in the fit).</summary>
    public double Regularisation(double tau) => tau == 0 ? 0 : RegularisationAtLogTau(Math.Log(tau));

    /// <summary><see cref="Regularisation"/> at τ = eᵘ.</summary>
    public double RegularisationAtLogTau(double u) => Math.Exp(LogRegularisationAtLogTau(u));

    /// <summary>log of <see cref="Regularisation"/> at τ = eᵘ: log D + log λ + u/D.</summary>
    public double LogRegularisationAtLogTau(double u) => Math.Log(Depth) + LogLambda + u / Depth;

    /// <summary>
    /// φ(u) = log h(eᵘ) − log λ with h(τ) = ρ g τ^{1−1/D} Σ mᵢ/(aᵢτ + g)², so that
    /// dL/dτ = τ^{1/D−1}(λ − h): stationary points are the roots of φ, L decreases where φ &gt; 0.
    /// Also returns φ′(u) = (1 − 1/D) − 2 Σ wᵢ σᵢ with σᵢ = aᵢτ/(aᵢτ + g) and weights wᵢ ∝ mᵢ/(aᵢτ + g)².
    /// Its second derivative obeys |φ″| ≤ 1 everywhere, which makes root isolation rigorous.
    /// </summary>
    public (double Phi, double Slope) Phi(double u)
    {
        Span<double> logTerms = logA.Length <= 256 ? stackalloc double[logA.Length] : new double[logA.Length];
        Span<double> sigma = logA.Length <= 256 ? stackalloc double[logA.Length] : new double[logA.Length];
        double maxTerm = double.NegativeInfinity;
        for (int i = 0; i < logA.Length; i++)
        {
            double x = logA[i] + u;
            double logDen = LogSpace.AddExp(x, LogG);
            logTerms[i] = logM[i] - 2 * logDen;
            sigma[i] = Math.Exp(x - logDen);
            maxTerm = Math.Max(maxTerm, logTerms[i]);
        }
        double sum = 0, weighted = 0;
        for (int i = 0; i < logA.Length; i++)
        {
            double wgt = Math.Exp(logTerms[i] - maxTerm);
            sum += wgt;
            weighted += wgt * sigma[i];
        }
        double logSum = maxTerm + Math.Log(sum);
        double phi = LogRho + LogG + (1 - 1.0 / Depth) * u + logSum - LogLambda;
        return (phi, (1 - 1.0 / Depth) - 2 * weighted / sum);
    }

    /// <summary>
    /// Every nontrivial stationary point of L, as u = log τ in increasing order, found rigorously:
    /// φ is monotone outside [log(g/(3a_max)), log(g/a_min)] (increasing below for D ≥ 2, decreasing above), and
    /// inside that window an interval is discarded only when |φ″| ≤ 1 proves it root-free or monotone.
    /// Every loop is bounded: brackets grow by doubling steps up to <see cref="SolverSettings.TailReach"/>, and the
    /// isolation stops refining after <see cref="SolverSettings.IsolationBudget"/> evaluations of φ. The numbers
    /// of the search are <paramref name="settings"/> (null: <see cref="SolverSettings.Default"/>).
    /// </summary>
    public IReadOnlyList<(double LogTau, StationaryKind Kind)> StationaryPoints(SolverSettings? settings = null)
    {
        settings ??= SolverSettings.Default;
        if (logA.Length == 0) return [];
        var roots = new List<(double U, StationaryKind Kind)>();
        // the window of the proof (φ is monotone below log(g/(3a_max)) and above log(g/a_min)), widened by the margin
        double uLow = LogG - Math.Log(3) - logA[^1] - settings.WindowMargin, uHigh = LogG - logA[0] + settings.WindowMargin;
        double Value(double u) => Phi(u).Phi;
        double Root(double lo, double hi) => RootFinding.Root(Value, lo, hi, settings);
        // the first u of start ± (1, 2, 4, ...) where a tail's question holds, start itself included
        double? Outward(double start, int direction, Func<double, bool> holds) =>
            holds(start) ? start : RootFinding.Widen(start, direction, holds, settings.TailReach)?.At;

        if (Depth == 1)
        {
            // φ decreases strictly from φ(−∞) = log(ρ‖c‖²/g) − log λ: one root iff ‖E[xy]‖² > γ_uγ₁.
            double phiMinusInfinity = LogRho - LogG + LogSpace.SumExp(logM) - LogLambda;
            if (phiMinusInfinity <= 0) return [];
            // φ(−∞) > 0 by less than φ's round-off: no u where float64 sees φ > 0, and an improvement below round-off
            if (Outward(uLow, -1, u => Value(u) > 0) is not { } left) return [];
            double right = Outward(uHigh, +1, u => Value(u) <= 0) ?? throw Unbracketed();
            roots.Add((Root(left, right), StationaryKind.LocalMinimum));
        }
        else
        {
            var atLow = Phi(uLow);
            var atHigh = Phi(uHigh);
            if (atLow.Phi > 0)
            {
                double left = RootFinding.Widen(uLow, -1, u => Value(u) <= 0, settings.TailReach)?.At ?? throw Unbracketed();
                roots.Add((Root(left, uLow), StationaryKind.LocalMaximum));
            }
            int budget = settings.IsolationBudget;
            Isolate(uLow, uHigh, atLow, atHigh, roots, 0, ref budget, settings);
            if (atHigh.Phi > 0)
            {
                double right = RootFinding.Widen(uHigh, +1, u => Value(u) <= 0, settings.TailReach)?.At ?? throw Unbracketed();
                roots.Add((Root(uHigh, right), StationaryKind.LocalMinimum));
            }
        }
        roots.Sort((p, q) => p.U.CompareTo(q.U));
        var result = new List<(double LogTau, StationaryKind Kind)>();
        foreach (var (u, kind) in roots)
            if (result.Count == 0 || Math.Abs(result[^1].LogTau - u) > settings.DuplicateTolerance) result.Add((u, kind));
        return result;
    }

    static InvalidOperationException Unbracketed() => new("internal error: a root of φ that must exist could not be bracketed; please report the problem");

    /// <summary>
    /// Halves [lo, hi] until |φ″| ≤ 1 proves each piece root-free or monotone (a monotone piece with a sign change
    /// holds one root), or <see cref="SolverSettings.IsolationDepth"/> or the budget runs out; a piece left with one
    /// sign and |φ| below <see cref="SolverSettings.SaddleTolerance"/> at an end is reported as a double root.
    /// </summary>
    void Isolate(double lo, double hi, (double Phi, double Slope) atLo, (double Phi, double Slope) atHi, List<(double U, StationaryKind Kind)> roots, int level, ref int budget, SolverSettings settings)
    {
        double width = hi - lo;
        bool sameSign = Math.Sign(atLo.Phi) == Math.Sign(atHi.Phi) && atLo.Phi != 0;
        // |φ″| ≤ 1: φ stays within width²/8 of its chord, and φ′ within width of φ′(lo).
        if (sameSign && Math.Min(Math.Abs(atLo.Phi), Math.Abs(atHi.Phi)) > width * width / 8) return;
        bool monotone = Math.Abs(atLo.Slope) > width || Math.Abs(atHi.Slope) > width;
        if (monotone || level > settings.IsolationDepth || budget <= 0)
        {
            if (!sameSign)
            {
                double root = atLo.Phi == 0 ? lo : RootFinding.Root(u => Phi(u).Phi, lo, hi, settings);
                roots.Add((root, atLo.Phi > 0 || atHi.Phi < 0 ? StationaryKind.LocalMinimum : StationaryKind.LocalMaximum));
            }
            else if (!monotone && Math.Min(Math.Abs(atLo.Phi), Math.Abs(atHi.Phi)) < settings.SaddleTolerance)
            {
                roots.Add((Math.Abs(atLo.Phi) < Math.Abs(atHi.Phi) ? lo : hi, StationaryKind.Saddle));
            }
            return;
        }
        double mid = 0.5 * (lo + hi);
        var atMid = Phi(mid);
        budget--;
        Isolate(lo, mid, atLo, atMid, roots, level + 1, ref budget, settings);
        Isolate(mid, hi, atMid, atHi, roots, level + 1, ref budget, settings);
    }
}
