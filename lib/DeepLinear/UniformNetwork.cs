namespace DeepLinear;

/// <summary>
/// The paper's results for a uniform network (Proposition 3, Theorem 3, Eq. 20): every hidden width d₀,
/// every noise variance σ², and every decay (γ_u included) equal to γ. The paper's b is the common scale
/// of the hidden layers W_k = b r_k r_{k−1}ᵀ (k ≥ 2) with U = √d₀ b r_D (Eq. 17), so B = √d₀ b^D.
/// Each formula is checked against the exact landscape in the tests; where the paper's print disagrees,
/// the corrected form is implemented and the difference is stated. Notebooks: 02, 03.
/// </summary>
public static class UniformNetwork
{
    /// <summary>The paper's per-layer scale b from the end-to-end scale B: b = (B/√d₀)^{1/D}.</summary>
    public static double PaperScale(double endToEndScale, int depth, int width)
    {
        RequireShape(depth, width, 1);
        return Math.Pow(Math.Abs(endToEndScale) / Math.Sqrt(width), 1.0 / depth);
    }

    /// <summary>
    /// The left side of Eqs. 14 and 15,
    /// (D+1)/(2D) ‖E[xy]‖ d₀^{D−1} ((D−1)‖E[xy]‖ / (2D d₀ (σ²+d₀)^D a))^{(D−1)/(D+1)}:
    /// the largest γ for which the stationarity condition (Eq. 13) can hold if A0 were a·I.
    /// </summary>
    public static double ExistenceDecay(int depth, int width, double noiseVariance, double signalNorm, double eigenvalue)
    {
        RequireShape(depth, width, 1);
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        Guard.NonNegative(signalNorm, nameof(signalNorm));
        Guard.Positive(eigenvalue, nameof(eigenvalue));
        double D = depth;
        double logInner = Math.Log((D - 1) * signalNorm) - Math.Log(2 * D * width) - D * Math.Log(noiseVariance + width) - Math.Log(eigenvalue);
        double inner = depth == 1 ? 1 : Math.Exp((D - 1) / (D + 1) * logInner);
        return (D + 1) / (2 * D) * signalNorm * Math.Pow(width, D - 1) * inner;
    }

    /// <summary>Eq. 14: if ExistenceDecay(a_min) &lt; γ, the only solution is trivial.</summary>
    public static bool OnlyTrivial(int depth, int width, double noiseVariance, double decay, double signalNorm, double aMin) =>
        ExistenceDecay(depth, width, noiseVariance, signalNorm, aMin) < Guard.Positive(decay, nameof(decay));

    /// <summary>Eq. 15: if ExistenceDecay(a_max) ≥ γ, nontrivial solutions exist.</summary>
    public static bool SolutionsExist(int depth, int width, double noiseVariance, double decay, double signalNorm, double aMax) =>
        ExistenceDecay(depth, width, noiseVariance, signalNorm, aMax) >= Guard.Positive(decay, nameof(decay));

    /// <summary>
    /// Eq. 16: bounds on the paper's b for any nontrivial solution, D ≥ 2:
    /// (1/d₀)(γ/‖E[xy]‖)^{1/(D−1)} ≤ b* ≤ (‖E[xy]‖ / (d₀(σ²+d₀)^D a_min))^{1/(D+1)}.
    /// The paper prints a_max in the upper bound. From Eq. 13, Σ mᵢ/(aᵢτ+γd₀)² ≤ ‖E[xy]‖²/(a_min τ)², so the
    /// valid bound has a_min; with a_max it fails whenever the signal sits on small eigenvalues of A0
    /// (a test shows such a case). The two agree for whitened data.
    /// </summary>
    public static (double Lower, double Upper) ScaleBounds(int depth, int width, double noiseVariance, double decay, double signalNorm, double aMin)
    {
        RequireShape(depth, width, 2);
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        Guard.Positive(decay, nameof(decay));
        Guard.Positive(signalNorm, nameof(signalNorm));
        Guard.Positive(aMin, nameof(aMin));
        double D = depth;
        double lower = Math.Exp(Math.Log(decay / signalNorm) / (D - 1)) / width;
        double upper = Math.Exp((Math.Log(signalNorm) - Math.Log(width) - D * Math.Log(noiseVariance + width) - Math.Log(aMin)) / (D + 1));
        return (lower, upper);
    }

    /// <summary>
    /// Theorem 3 (Eq. 18): the global minimum is nontrivial if
    /// ‖E[xy]‖² ≥ γ^{(D+1)/D} D² (σ²+d₀)^{D−1} a_max^{(D−1)/D} / (d₀^{D−1} (D−1)^{(D−1)/D}).
    /// Returns the right side. For A0 = a·I it is exactly the boundary between nontrivial and trivial global
    /// minima (tested), and for D → 1 it tends to γ², Theorem 1's threshold (Eq. 19).
    /// </summary>
    public static double NontrivialGlobalSignalSquared(int depth, int width, double noiseVariance, double decay, double aMax) =>
        Math.Exp(LogNontrivialGlobalSignalSquared(depth, width, noiseVariance, decay, aMax));

    /// <summary>log of <see cref="NontrivialGlobalSignalSquared"/>, finite at any depth.</summary>
    public static double LogNontrivialGlobalSignalSquared(int depth, int width, double noiseVariance, double decay, double aMax)
    {
        RequireUniform(depth, width, 1, noiseVariance, decay, aMax);
        double D = depth;
        double dMinus1Term = depth == 1 ? 0 : (D - 1) / D * Math.Log(D - 1);
        return (D + 1) / D * Math.Log(decay) + 2 * Math.Log(D) + (D - 1) * Math.Log(noiseVariance + width)
             + (D - 1) / D * Math.Log(aMax) - (D - 1) * Math.Log(width) - dMinus1Term;
    }

    /// <summary>
    /// log ‖E[xy]‖² at which Eq. 15 holds with equality: the signal above which nontrivial solutions are
    /// guaranteed to exist. Solving Eq. 15 for ‖E[xy]‖ gives
    /// ‖E[xy]‖² = (2Dγ/(D+1))^{(D+1)/D} d₀^{(1−D)(D+1)/D} (2D d₀ a_max/(D−1))^{(D−1)/D} (σ²+d₀)^{D−1}.
    /// </summary>
    public static double LogExistenceSignalSquared(int depth, int width, double noiseVariance, double decay, double aMax)
    {
        RequireUniform(depth, width, 2, noiseVariance, decay, aMax);
        double D = depth;
        return (D + 1) / D * Math.Log(2 * D * decay / (D + 1)) + (1 - D) * (D + 1) / D * Math.Log(width)
             + (D - 1) / D * Math.Log(2 * D * width * aMax / (D - 1)) + (D - 1) * Math.Log(noiseVariance + width);
    }

    /// <summary>
    /// Eq. 20, the large-depth form of the existence condition (Eq. 15):
    /// ‖E[xy]‖² ≳ 4 a_max γ (d₀/(σ²+d₀)) e^{D log((σ²+d₀)/d₀)}; returns the log of the right side.
    /// The paper prints the prefactor 4d₀² a_max γ; the D → ∞ limit of the exact Eq. 15 threshold
    /// (<see cref="LogExistenceSignalSquared"/>) has 4 a_max γ d₀/(σ²+d₀), which the tests confirm
    /// (their ratio tends to 1). The exponential rate, the paper's point, is the same in both.
    /// </summary>
    public static double LogLargeDepthSignalSquared(int depth, int width, double noiseVariance, double decay, double aMax)
    {
        RequireUniform(depth, width, 1, noiseVariance, decay, aMax);
        double rate = Math.Log((noiseVariance + width) / width);
        return Math.Log(4 * aMax * decay) - rate + depth * rate;
    }

    static void RequireUniform(int depth, int width, int minDepth, double noiseVariance, double decay, double aMax)
    {
        RequireShape(depth, width, minDepth);
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        Guard.Positive(decay, nameof(decay));
        Guard.Positive(aMax, nameof(aMax));
    }

    static void RequireShape(int depth, int width, int minDepth)
    {
        if (depth < minDepth) throw new ArgumentException($"depth must be >= {minDepth} for this formula, got {depth}", nameof(depth));
        if (width < 1) throw new ArgumentException($"width must be >= 1, got {width}", nameof(width));
    }
}
