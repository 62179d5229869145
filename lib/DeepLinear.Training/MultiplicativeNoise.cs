namespace DeepLinear.Training;

/// <summary>
/// Noise multiplying every hidden unit's output, drawn afresh for every sample and every step (the ε of the
/// paper's Eq. (1)). Both kinds have mean 1, so the noise-free network is the mean network.
/// </summary>
public abstract record MultiplicativeNoise
{
    private MultiplicativeNoise() { }

    /// <summary>Dropout: ε = Bernoulli(1 − p) / (1 − p), so E[ε] = 1 and Var[ε] = p / (1 − p).</summary>
    public static MultiplicativeNoise Dropout(double p)
    {
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        return new Bernoulli(p);
    }

    /// <summary>Gaussian: ε ~ N(1, σ²).</summary>
    public static MultiplicativeNoise Gaussian(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and non-negative");
        return new Normal(sigma);
    }

    /// <summary>Var[ε].</summary>
    public abstract double Variance { get; }

    public sealed record Bernoulli(double DropProbability) : MultiplicativeNoise
    {
        public override double Variance => DropProbability / (1 - DropProbability);
    }

    public sealed record Normal(double Sigma) : MultiplicativeNoise
    {
        public override double Variance => Sigma * Sigma;
    }
}
