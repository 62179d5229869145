namespace DeepLinear;

/// <summary>
/// A deep linear network with stochastic neurons and weight decay (Eq. 9 of the paper):
/// depth D ≥ 0 hidden layers (D = 0 is ridge regression), widths d₁..d_D, multiplicative noise on each
/// hidden unit with E[ε] = 1 and Var[ε] = σ_k², weight decay γ_u on the output weights U and γ_k on W_k.
/// </summary>
public sealed class Architecture
{
    /// <summary>D, the number of hidden layers (the paper's "depth"; D = 0 is a linear regressor).</summary>
    public int Depth { get; }

    /// <summary>d₁..d_D, the hidden widths.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>σ₁²..σ_D², the variance of the multiplicative noise of each hidden layer (0: no noise).</summary>
    public IReadOnlyList<double> NoiseVariances { get; }

    /// <summary>γ_u, the weight decay of the output weights U.</summary>
    public double OutputDecay { get; }

    /// <summary>γ₁..γ_D, the weight decay of W₁..W_D.</summary>
    public IReadOnlyList<double> LayerDecays { get; }

    /// <summary>
    /// Rules: depth ≥ 0; one width (≥ 1), one noise variance (finite, ≥ 0) and one layer decay
    /// (finite, ≥ 0) per hidden layer; output decay finite and ≥ 0. Errors name these parameters, an entry as
    /// "layerDecays[k]" (k from 0, so layerDecays[k] is γ_{k+1}); the CLI restates them in its JSON fields.
    /// </summary>
    public Architecture(int depth, IReadOnlyList<int> widths, IReadOnlyList<double> noiseVariances, double outputDecay, IReadOnlyList<double> layerDecays)
    {
        if (depth < 0) throw new ArgumentException($"depth must be >= 0 (0 is ridge regression), got {depth}", nameof(depth));
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(noiseVariances);
        ArgumentNullException.ThrowIfNull(layerDecays);
        if (widths.Count != depth) throw new ArgumentException($"widths must have one entry per hidden layer: depth is {depth} but {widths.Count} widths were given", nameof(widths));
        if (noiseVariances.Count != depth) throw new ArgumentException($"noiseVariances must have one entry per hidden layer: depth is {depth} but {noiseVariances.Count} were given", nameof(noiseVariances));
        if (layerDecays.Count != depth) throw new ArgumentException($"layerDecays must have one entry per hidden layer: depth is {depth} but {layerDecays.Count} were given", nameof(layerDecays));
        for (int k = 0; k < depth; k++)
        {
            if (widths[k] < 1) throw new ArgumentException($"widths[{k}] must be >= 1, got {widths[k]}", $"widths[{k}]");
            Guard.NonNegative(noiseVariances[k], $"noiseVariances[{k}]");
            Guard.NonNegative(layerDecays[k], $"layerDecays[{k}]");
        }
        Guard.NonNegative(outputDecay, nameof(outputDecay));
        Depth = depth;
        Widths = widths.ToArray();
        NoiseVariances = noiseVariances.ToArray();
        OutputDecay = outputDecay;
        LayerDecays = layerDecays.ToArray();
    }

    /// <summary>All hidden layers of width <paramref name="width"/>, noise σ², and every decay (γ_u too) equal to γ: the setting of Proposition 3 and Theorems 3-4.</summary>
    public static Architecture Uniform(int depth, int width, double noiseVariance, double decay) =>
        new(depth, Enumerable.Repeat(width, depth).ToArray(), Enumerable.Repeat(noiseVariance, depth).ToArray(), decay, Enumerable.Repeat(decay, depth).ToArray());

    /// <summary>Ridge regression (D = 0) with decay γ_u.</summary>
    public static Architecture Ridge(double decay) => new(0, [], [], decay, []);

    /// <summary>
    /// Dropout with drop rate p keeps a unit with probability 1 − p and rescales it by 1/(1 − p), so
    /// ε has mean 1 and variance σ² = p / (1 − p).
    /// </summary>
    public static double NoiseVarianceFromDropRate(double dropRate)
    {
        Guard.Finite(dropRate, nameof(dropRate));
        if (dropRate < 0 || dropRate >= 1) throw new ArgumentException($"dropRate must be in [0, 1), got {dropRate}", nameof(dropRate));
        return dropRate / (1 - dropRate);
    }

    /// <summary>
    /// This architecture with γ_u = <paramref name="decay"/> and every γ_k scaled by the same factor γ/γ_u, so the
    /// decays keep their ratios to γ_u: the decay axis of a regime map (`deeplinear regime-grid --decays`, the
    /// explorer's map). The factor is applied in logs, so ratios near float64's limits survive. Rules: decay finite and
    /// > 0, γ_u > 0, and every scaled γ_k a normal float64 (neither 0 nor ∞ by overflow).
    /// </summary>
    public Architecture WithOutputDecay(double decay)
    {
        Guard.Positive(decay, nameof(decay));
        Guard.Positive(OutputDecay, "outputDecay", " to rescale the decays in their ratios to it");
        double logFactor = Math.Log(decay) - Math.Log(OutputDecay);
        var layers = LayerDecays.Select(g => Math.Exp(Math.Log(g) + logFactor)).ToArray();
        if (!layers.All(double.IsNormal))
            throw new ArgumentException($"decay {decay:R}: the layer decays, kept in their ratios to outputDecay, leave float64's range", nameof(decay));
        return new Architecture(Depth, Widths, NoiseVariances, decay, layers);
    }

    /// <summary>Width of layer k for k = 0..D, where layer 0 is the input (width d).</summary>
    internal int WidthOf(int k, int inputDimension) => k == 0 ? inputDimension : Widths[k - 1];

    /// <summary>
    /// Requires every decay to be positive: with any γ = 0 the global minimum need not exist (the paper's
    /// Proposition 1 assumes γ_u, γ₁..γ_D &gt; 0). D = 0 (ridge) accepts γ_u = 0 (least squares).
    /// Errors name "outputDecay" or "layerDecays[k]", as the constructor does.
    /// </summary>
    public void RequirePositiveDecays()
    {
        if (Depth == 0) return;
        const string why = " for the exact solution: with a zero weight decay the global minimum need not exist (Proposition 1)";
        Guard.Positive(OutputDecay, "outputDecay", why);
        for (int k = 0; k < Depth; k++) Guard.Positive(LayerDecays[k], $"layerDecays[{k}]", why);
    }
}
