namespace DeepLinear.Training;

/// <summary>
/// One model of a batch: its data and everything that may differ between models trained together.
/// The objective is L = (1/n) Σᵢ (f(xᵢ) − yᵢ)² + Σ_l γ_l‖W_l‖²_F (plain mean squared error, no 1/2;
/// biases are not decayed), minimised by full-batch gradient descent.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>Training inputs, n rows by InputDim columns.</summary>
    public required double[,] Inputs { get; init; }

    /// <summary>Training targets, one per row of <see cref="Inputs"/>.</summary>
    public required double[] Targets { get; init; }

    /// <summary>
    /// φ after every hidden layer. The backward pass reads φ′ from saved values, never a second transcendental
    /// call: Tanh′ = 1 − a², ReLU′ = 1 where a &gt; 0, Swish′ = s + a(1 − s) with s = σ(z) saved.
    /// </summary>
    public Activation Activation { get; init; } = Activation.Linear;

    public Initialization Initialization { get; init; } = Initialization.Kaiming;

    /// <summary>
    /// Weight decay γ per weight matrix, input layer first, [γ₁, …, γ_D, γ_u]: one value (used for every layer) or
    /// D + 1 values. <see cref="TrainerSetting.WeightDecayOf"/> gives them for an exact-core Architecture.
    /// </summary>
    public IReadOnlyList<double> WeightDecay { get; init; } = [0.0];

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Gradient-descent steps this model takes in one call of <see cref="BatchedTrainer.Train"/>.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Seeds this model's own generator: its initial weights, then its noise draws.</summary>
    public long Seed { get; init; }

    /// <summary>Optional multiplicative noise on every hidden unit during training.</summary>
    public MultiplicativeNoise? Noise { get; init; }
}
