namespace DeepLinear;

/// <summary>
/// A hidden-layer activation φ for comparing a deep linear net with nonlinear nets of the same weights
/// (Section 5, Figure 2). Named apart from DeepLinear.Training's Activation, which drives the trainer;
/// this one is plain float64 arithmetic for the exact core. Notebook 06.
/// </summary>
public enum Nonlinearity
{
    /// <summary>φ(z) = z: the deep linear net.</summary>
    Identity,
    /// <summary>φ(z) = max(0, z).</summary>
    Relu,
    /// <summary>φ(z) = tanh z = z − z³/3 + O(z⁵): agrees with the identity to second order at 0.</summary>
    Tanh,
    /// <summary>φ(z) = z·sigmoid(z) = z/2 + z²/4 + O(z⁴) (Ramachandran et al., 2017): half the identity's slope at 0.</summary>
    Swish,
}

/// <summary>Evaluation of <see cref="Nonlinearity"/>.</summary>
public static class NonlinearityFunctions
{
    /// <summary>φ(z).</summary>
    public static double Apply(this Nonlinearity nonlinearity, double z) => nonlinearity switch
    {
        Nonlinearity.Identity => z,
        Nonlinearity.Relu => z > 0 ? z : 0,
        Nonlinearity.Tanh => Math.Tanh(z),
        Nonlinearity.Swish => z >= 0 ? z / (1 + Math.Exp(-z)) : z * Math.Exp(z) / (1 + Math.Exp(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "unknown nonlinearity"),
    };
}
