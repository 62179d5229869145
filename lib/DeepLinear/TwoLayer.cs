namespace DeepLinear;

/// <summary>
/// Closed forms for the two-layer net (D = 1, Section 3): f(x) = Σ_j U_j ε_j W_j·x with hidden width d₁,
/// noise variance σ², decays γ_u (on U) and γ_w (on W). In this parametrisation the paper's b equals the
/// end-to-end scale B of <see cref="ExactSolution"/>. Notebook: 01-two-layer-solution.
/// </summary>
public static class TwoLayer
{
    /// <summary>
    /// Theorem 1 (Eq. 4): the global minimum is U = 0, W = 0 if and only if ‖E[xy]‖² ≤ γ_uγ_w.
    /// Returns true when the global minimum is nontrivial, ‖E[xy]‖² &gt; γ_uγ_w.
    /// </summary>
    public static bool IsNontrivial(double signalNorm, double outputDecay, double layerDecay)
    {
        Guard.NonNegative(signalNorm, nameof(signalNorm));
        Guard.Positive(outputDecay, nameof(outputDecay));
        Guard.Positive(layerDecay, nameof(layerDecay));
        return signalNorm * signalNorm > outputDecay * layerDecay;
    }

    /// <summary>Theorem 1's critical signal strength √(γ_uγ_w): the solution is nontrivial above it.</summary>
    public static double CriticalSignal(double outputDecay, double layerDecay)
    {
        Guard.Positive(outputDecay, nameof(outputDecay));
        Guard.Positive(layerDecay, nameof(layerDecay));
        return Math.Sqrt(outputDecay * layerDecay);
    }

    /// <summary>
    /// Eq. 8: bounds on b*² from the extreme eigenvalues of A0,
    /// (√(γ_w/γ_u)‖E[xy]‖ − γ_w) / ((σ² + d₁) a_max) ≤ b*² ≤ (√(γ_w/γ_u)‖E[xy]‖ − γ_w) / ((σ² + d₁) a_min).
    /// Requires a_min &gt; 0. Confirmed against the exact solution in the tests.
    /// </summary>
    public static (double Lower, double Upper) ScaleSquaredBounds(DataStatistics data, int width, double noiseVariance, double outputDecay, double layerDecay)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(data.AMin > 0)) throw new ArgumentException("Eq. 8 needs a positive smallest eigenvalue a_min of inputCovariance", nameof(data));
        double numerator = Numerator(data.SignalNorm, width, noiseVariance, outputDecay, layerDecay);
        double denominator = noiseVariance + width;
        return (numerator / (denominator * data.AMax), numerator / (denominator * data.AMin));
    }

    /// <summary>
    /// Section C, Eq. 105: for whitened data A0 = σx² I the scale is explicit,
    /// b*² = (√(γ_w/γ_u)‖E[xy]‖ − γ_w) / ((σ² + d₁) σx²), valid above the Theorem 1 threshold.
    /// </summary>
    public static double WhitenedScaleSquared(double inputVariance, double signalNorm, int width, double noiseVariance, double outputDecay, double layerDecay)
    {
        Guard.Positive(inputVariance, nameof(inputVariance));
        return Numerator(signalNorm, width, noiseVariance, outputDecay, layerDecay) / ((noiseVariance + width) * inputVariance);
    }

    /// <summary>
    /// Section C, Eq. 106: the norm of every row W_i: of the first layer for whitened data,
    /// ‖v‖ = √((√(γ_u/γ_w)‖E[xy]‖ − γ_u) / (σx²(σ² + d₁))), with v pointing along ±E[xy].
    /// </summary>
    public static double WhitenedRowNorm(double inputVariance, double signalNorm, int width, double noiseVariance, double outputDecay, double layerDecay)
    {
        double b2 = WhitenedScaleSquared(inputVariance, signalNorm, width, noiseVariance, outputDecay, layerDecay);
        return Math.Sqrt(b2 * outputDecay / layerDecay);
    }

    static double Numerator(double signalNorm, int width, double noiseVariance, double outputDecay, double layerDecay)
    {
        if (width < 1) throw new ArgumentException($"width must be >= 1, got {width}", nameof(width));
        Guard.NonNegative(noiseVariance, nameof(noiseVariance));
        if (!IsNontrivial(signalNorm, outputDecay, layerDecay))
            throw new ArgumentException($"signal ‖E[xy]‖ = {signalNorm} is at or below the Theorem 1 threshold √(γ_uγ_w) = {CriticalSignal(outputDecay, layerDecay)}: the only solution is b = 0", nameof(signalNorm));
        return Math.Sqrt(layerDecay / outputDecay) * signalNorm - layerDecay;
    }
}
