namespace DeepLinear.Training;

/// <summary>
/// The exact core's <see cref="Architecture"/> in the trainer's terms and back. The two count layers the same way
/// (hidden layers W₁..W_D, then the output U) but store the decays differently: the core keeps γ₁..γ_D
/// (<see cref="Architecture.LayerDecays"/>) apart from γ_u (<see cref="Architecture.OutputDecay"/>); the trainer
/// takes one list per weight matrix, input layer first, [γ₁, …, γ_D, γ_u] (<see cref="ModelSpec.WeightDecay"/>).
/// The trainer's noise multiplies every hidden unit with one law, so only architectures with one noise variance
/// for every layer have a trainer counterpart. Both objectives are the mean squared error plus Σ γ‖W‖²_F.
/// </summary>
public static class TrainerSetting
{
    /// <summary>The trainer's shape of <paramref name="architecture"/> on inputs of dimension d: its widths, no biases.</summary>
    public static NetworkShape ShapeOf(this Architecture architecture, int inputDimension)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return new NetworkShape(inputDimension, architecture.Widths, bias: false);
    }

    /// <summary>[γ₁, …, γ_D, γ_u]: the decays as <see cref="ModelSpec.WeightDecay"/> takes them, input layer first.</summary>
    public static double[] WeightDecayOf(this Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return [.. architecture.LayerDecays, architecture.OutputDecay];
    }

    /// <summary>
    /// The architecture a trainer model of <paramref name="shape"/> trains: decays from
    /// <paramref name="weightDecay"/> (one value for every matrix, or D + 1 values input layer first) and noise
    /// variance Var[ε] of <paramref name="noise"/> on every hidden layer (0 without noise). Rules: the shape has no
    /// biases (the exact theory has none), and the decays have 1 or D + 1 entries.
    /// </summary>
    public static Architecture ToArchitecture(this NetworkShape shape, IReadOnlyList<double> weightDecay, MultiplicativeNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(weightDecay);
        if (shape.Bias) throw new ArgumentException("shape must have no biases (bias: false): the exact deep linear network has none", nameof(shape));
        if (weightDecay.Count != 1 && weightDecay.Count != shape.LayerCount)
            throw new ArgumentException($"weightDecay must have 1 or D + 1 = {shape.LayerCount} entries, got {weightDecay.Count}", nameof(weightDecay));
        double Decay(int layer) => weightDecay.Count == 1 ? weightDecay[0] : weightDecay[layer];
        double variance = noise?.Variance ?? 0;
        int depth = shape.Depth;
        return new Architecture(depth, shape.HiddenWidths, Enumerable.Repeat(variance, depth).ToArray(), Decay(depth),
            Enumerable.Range(0, depth).Select(Decay).ToArray());
    }
}
