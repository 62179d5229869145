namespace DeepLinear.Training;

/// <summary>
/// Activation applied after every hidden layer. Backward passes use the saved activation, never a second
/// transcendental call: Tanh' = 1 - a^2, ReLU' = sign(a), Swish' = s + a (1 - s) with s = sigmoid(z) saved.
/// </summary>
public enum Activation
{
    /// <summary>Identity: a deep linear network.</summary>
    Linear,
    /// <summary>max(0, z); derivative 1 where z &gt; 0, else 0.</summary>
    Relu,
    /// <summary>tanh(z).</summary>
    Tanh,
    /// <summary>z * sigmoid(z) (SiLU).</summary>
    Swish,
}
