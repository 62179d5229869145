using MathNet.Numerics.RootFinding;

namespace DeepLinear;

/// <summary>
/// The exact landscape of a deep linear network (D ≥ 1) reduced to one variable
/// (docs/derivation.md, sections 3-5: the structure of Theorem 2 with constants re-derived and
/// verified against brute force). With K = Π d_k, S = Π d_k(d_k + σ_k²) and the end-to-end scale
/// B = b_u b₂⋯b_D, the loss minimised over everything else is, for t = B²,
/// <code>
///   L(t) = E[y²] − K² Σᵢ mᵢ t / (S aᵢ t + γ₁d₁) + D α t^{1/D},   α = (γ_u d_D Π_{k≥2} γ_k d_k d_{k−1})^{1/D}
/// </code>
/// To stay finite at depth 20 and width 1000 it is evaluated in the rescaled variable τ = S t:
/// <code>
///   L(τ) = E[y²] − ρ Σᵢ mᵢ τ / (aᵢ τ + g) + D λ τ^{1/D},   ρ = K²/S = Π d_k/(d_k+σ_k²),  g = γ₁d₁,  λ = α S^{−1/D}
/// </code>
/// with every product formed as a sum of logarithms. Notebooks: 01, 02, 03.
/// </summary>
public sealed class Landscape
{
    readonly double[] a;      // distinct eigenvalues aᵢ > 0 that carry signal
    readonly double[] m;      // the signal mᵢ on each
    readonly double[] logA, logM;

    /// <summary>The data statistics this landscape was built from.</summary>
    public DataStatistics Data { get; }

    /// <summary>The architecture (D ≥ 1, all decays positive).</summary>
    public Architecture Architecture { get; }

    /// <summary>D.</summary>
    public int Depth => Architecture.Depth;

    /// <summary>ρ = K²/S = Π d_k/(d_k + σ_k²) ∈ (0, 1]: the fraction of the fit that survives the noise.</summary>
    public double Rho { get; }

    /// <summary>g = γ₁ d₁, the effective ridge on the first layer.</summary>
    public double G { get; }

    /// <summary>log λ, where λ = α S^{−1/D} is the weight-decay cost coefficient in τ.</summary>
    public double LogLambda { get; }

    /// <summary>log K = Σ log d_k.</summary>
    public double LogK { get; }

    /// <summary>log S = Σ log d_k(d_k + σ_k²).</summary>
    public double LogS { get; }

    /// <summary>log Π c_j with c = (γ_u d_D, γ_k d_k d_{k−1} for k = 2..D): the balancing constants.</summary>
    public double LogBalance { get; }

    public Landscape(DataStatistics data, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        ArgumentNullException.ThrowIfNull(architecture, nameof(architecture));
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
        Rho = Math.Exp(logRho);
        LogK = logK;
        LogS = logS;
        LogBalance = logBalance;
        LogLambda = (logBalance - logS) / depth;
        G = architecture.LayerDecays[0] * architecture.Widths[0];

        (a, m) = SignalTerms(data);
        logA = a.Select(x => Math.Log(x)).ToArray();
        logM = m.Select(x => Math.Log(x)).ToArray();
    }

    /// <summary>The same landscape with E[xy] rescaled by <paramref name="signalFactor"/> (mᵢ scale by its square); cheap, for sweeps.</summary>
    public Landscape WithSignalFactor(double signalFactor)
    {
        Guard.NonNegative(signalFactor, nameof(signalFactor));
        return new Landscape(this, signalFactor * signalFactor);
    }

    Landscape(Landscape source, double signalSquaredFactor)
    {
        Data = source.Data;
        Architecture = source.Architecture;
        Rho = source.Rho;
        G = source.G;
        LogLambda = source.LogLambda;
        LogK = source.LogK;
        LogS = source.LogS;
        LogBalance = source.LogBalance;
        a = signalSquaredFactor > 0 ? source.a : [];
        m = signalSquaredFactor > 0 ? source.m.Select(x => x * signalSquaredFactor).ToArray() : [];
        logA = signalSquaredFactor > 0 ? source.logA : [];
        logM = m.Select(x => Math.Log(x)).ToArray();
    }

    /// <summary>Distinct positive eigenvalues of A0 that carry signal, with the signal summed over equal eigenvalues.</summary>
    static (double[] A, double[] M) SignalTerms(DataStatistics data)
    {
        var a = new List<double>();
        var m = new List<double>();
        double top = data.AMax;
        for (int i = 0; i < data.Dimension; i++)
        {
            if (data.ProjectedSignal[i] <= 0 || data.Eigenvalues[i] <= 0) continue;
            if (a.Count > 0 && data.Eigenvalues[i] - a[^1] <= 1e-12 * top) m[^1] += data.ProjectedSignal[i];
            else { a.Add(data.Eigenvalues[i]); m.Add(data.ProjectedSignal[i]); }
        }
        return (a.ToArray(), m.ToArray());
    }

    /// <summary>L(τ) for τ = S B² ≥ 0; L(0) = E[y²] is the trivial solution.</summary>
    public double Loss(double tau)
    {
        if (!(tau >= 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be >= 0");
        if (tau == 0) return Data.Eyy;
        return Data.Eyy - Fit(tau) + Regularisation(tau);
    }

    /// <summary>E[y²] − L(τ) = Fit(τ) − Regularisation(τ): how much better than zero the network does at τ, without cancellation.</summary>
    public double Improvement(double tau) => tau == 0 ? 0 : Fit(tau) - Regularisation(tau);

    /// <summary>L as a function of the end-to-end scale B (any sign: L is even in B).</summary>
    public double LossAtScale(double scale) => Loss(TauOfScale(scale));

    /// <summary>τ = S B².</summary>
    public double TauOfScale(double scale) => scale == 0 ? 0 : Math.Exp(LogS + 2 * Math.Log(Math.Abs(scale)));

    /// <summary>B = √(τ/S).</summary>
    public double ScaleOfTau(double tau) => tau == 0 ? 0 : Math.Exp(0.5 * (Math.Log(tau) - LogS));

    /// <summary>ρ Σᵢ mᵢ τ/(aᵢτ + g): the part of E[y²] the network explains at scale τ.</summary>
    public double Fit(double tau)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += m[i] * tau / (a[i] * tau + G);
        return Rho * sum;
    }

    /// <summary>D λ τ^{1/D}: the weight decay of the balanced layers U, W₂..W_D plus nothing else (W₁'s decay sits in the fit).</summary>
    public double Regularisation(double tau) => Depth * Math.Exp(LogLambda + Math.Log(tau) / Depth);

    /// <summary>
    /// φ(u) = log h(e^u) − log λ with h(τ) = ρ g τ^{1−1/D} Σ mᵢ/(aᵢτ + g)², so that
    /// dL/dτ = τ^{1/D−1}(λ − h): stationary points are the roots of φ, L decreases where φ &gt; 0.
    /// Also returns φ′(u) = (1 − 1/D) − 2 Σ wᵢ σᵢ with σᵢ = aᵢτ/(aᵢτ + g) and weights wᵢ ∝ mᵢ/(aᵢτ + g)².
    /// Its second derivative obeys |φ″| ≤ 1 everywhere, which makes root isolation rigorous.
    /// </summary>
    public (double Phi, double Slope) Phi(double u)
    {
        double logG = Math.Log(G);
        Span<double> logTerms = a.Length <= 256 ? stackalloc double[a.Length] : new double[a.Length];
        Span<double> sigma = a.Length <= 256 ? stackalloc double[a.Length] : new double[a.Length];
        double maxTerm = double.NegativeInfinity;
        for (int i = 0; i < a.Length; i++)
        {
            double x = logA[i] + u;
            double logDen = LogAddExp(x, logG);
            logTerms[i] = logM[i] - 2 * logDen;
            sigma[i] = Math.Exp(x - logDen);
            maxTerm = Math.Max(maxTerm, logTerms[i]);
        }
        double sum = 0, weighted = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double wgt = Math.Exp(logTerms[i] - maxTerm);
            sum += wgt;
            weighted += wgt * sigma[i];
        }
        double logSum = maxTerm + Math.Log(sum);
        double phi = Math.Log(Rho) + logG + (1 - 1.0 / Depth) * u + logSum - LogLambda;
        return (phi, (1 - 1.0 / Depth) - 2 * weighted / sum);
    }

    static double LogAddExp(double x, double y) => x > y ? x + Math.Log(1 + Math.Exp(y - x)) : y + Math.Log(1 + Math.Exp(x - y));

    /// <summary>
    /// Every nontrivial stationary point τ &gt; 0 of L, in increasing order, found rigorously:
    /// φ is monotone outside [g/(3a_max), g/a_min] (increasing below for D ≥ 2, decreasing above), and
    /// inside that window an interval is discarded only when |φ″| ≤ 1 proves it root-free or monotone.
    /// </summary>
    public IReadOnlyList<(double Tau, StationaryKind Kind)> StationaryPoints()
    {
        var roots = new List<(double U, StationaryKind Kind)>();
        if (a.Length == 0) return [];
        double logG = Math.Log(G);
        double uLow = logG - Math.Log(3 * a[^1]) - 1, uHigh = logG - Math.Log(a[0]) + 1;
        double Value(double u) => Phi(u).Phi;

        if (Depth == 1)
        {
            // φ decreases strictly from φ(−∞) = log(ρ‖c‖²/g) − log λ: one root iff ‖E[xy]‖² > γ_uγ₁.
            double phiMinusInfinity = Math.Log(Rho) - logG + Math.Log(m.Sum()) - LogLambda;
            if (phiMinusInfinity <= 0) return [];
            double left = uLow;
            while (Value(left) <= 0) left -= Math.Max(1, uHigh - left);
            double right = uHigh;
            while (Value(right) > 0) right += Math.Max(1, right - uLow);
            roots.Add((Brent.FindRoot(Value, left, right, 1e-13, 400), StationaryKind.LocalMinimum));
        }
        else
        {
            double phiLow = Value(uLow), phiHigh = Value(uHigh);
            if (phiLow > 0)
            {
                double step = 1, left = uLow - step;
                while (Value(left) > 0) { step *= 2; left = uLow - step; }
                roots.Add((Brent.FindRoot(Value, left, uLow, 1e-13, 400), StationaryKind.LocalMaximum));
            }
            Isolate(uLow, uHigh, Phi(uLow), Phi(uHigh), roots, 0);
            if (phiHigh > 0)
            {
                double step = 1, right = uHigh + step;
                while (Value(right) > 0) { step *= 2; right = uHigh + step; }
                roots.Add((Brent.FindRoot(Value, uHigh, right, 1e-13, 400), StationaryKind.LocalMinimum));
            }
        }
        roots.Sort((p, q) => p.U.CompareTo(q.U));
        var result = new List<(double Tau, StationaryKind Kind)>();
        foreach (var (u, kind) in roots)
            if (result.Count == 0 || Math.Abs(Math.Log(result[^1].Tau) - u) > 1e-9) result.Add((Math.Exp(u), kind));
        return result;
    }

    void Isolate(double lo, double hi, (double Phi, double Slope) atLo, (double Phi, double Slope) atHi, List<(double U, StationaryKind Kind)> roots, int level)
    {
        double width = hi - lo;
        bool sameSign = Math.Sign(atLo.Phi) == Math.Sign(atHi.Phi) && atLo.Phi != 0;
        // |φ″| ≤ 1: φ stays within width²/8 of its chord, and φ′ within width of φ′(lo).
        if (sameSign && Math.Min(Math.Abs(atLo.Phi), Math.Abs(atHi.Phi)) > width * width / 8) return;
        bool monotone = Math.Abs(atLo.Slope) > width || Math.Abs(atHi.Slope) > width;
        if (monotone || level > 60)
        {
            if (!sameSign)
            {
                double root = atLo.Phi == 0 ? lo : Brent.FindRoot(u => Phi(u).Phi, lo, hi, 1e-13, 400);
                roots.Add((root, atLo.Phi > 0 || atHi.Phi < 0 ? StationaryKind.LocalMinimum : StationaryKind.LocalMaximum));
            }
            else if (!monotone && Math.Min(Math.Abs(atLo.Phi), Math.Abs(atHi.Phi)) < 1e-12)
            {
                roots.Add((Math.Abs(atLo.Phi) < Math.Abs(atHi.Phi) ? lo : hi, StationaryKind.Saddle));
            }
            return;
        }
        double mid = 0.5 * (lo + hi);
        var atMid = Phi(mid);
        Isolate(lo, mid, atLo, atMid, roots, level + 1);
        Isolate(mid, hi, atMid, atHi, roots, level + 1);
    }
}
