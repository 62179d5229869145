namespace DeepLinear.Training;

/// <summary>How a model's weights and biases are drawn before training.</summary>
public abstract record Initialization
{
    private Initialization() { }

    /// <summary>
    /// PyTorch's <c>nn.Linear</c> default (kaiming_uniform with a = √5): every weight and bias of a layer with
    /// fan-in m is U(−1/√m, 1/√m). This is what "Kaiming" means throughout the project.
    /// </summary>
    public static Initialization Kaiming { get; } = new KaimingUniform(1.0);

    /// <summary>All weights and biases zero: the origin, a stationary point of every network here.</summary>
    public static Initialization Zero { get; } = new KaimingUniform(0.0);

    /// <summary>Kaiming draws multiplied by <paramref name="scale"/> (scale &lt; 1 starts nearer the origin).</summary>
    public static Initialization Scaled(double scale)
    {
        if (!double.IsFinite(scale) || scale < 0)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be finite and non-negative");
        return new KaimingUniform(scale);
    }

    /// <summary>
    /// Data-dependent (LSUV-style, Mishkin and Matas 2016, one pass): Kaiming draws, then each hidden layer in turn is
    /// rescaled (weights and bias together) so that its pre-activations on the model's own training inputs have unit
    /// standard deviation; the output layer is then rescaled so the initial outputs have the standard deviation of
    /// the targets. Layers whose pre-activations are constant are left as drawn.
    /// </summary>
    public static Initialization DataDependent { get; } = new LayerSequentialUnitVariance();

    /// <summary>Kaiming-uniform draws times <see cref="Scale"/>.</summary>
    public sealed record KaimingUniform(double Scale) : Initialization;

    /// <summary>See <see cref="DataDependent"/>.</summary>
    public sealed record LayerSequentialUnitVariance : Initialization;
}
