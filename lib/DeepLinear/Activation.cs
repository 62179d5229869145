namespace DeepLinear;

/// <summary>
/// The activation φ applied after every hidden layer: one type for the exact core, which evaluates it in float64
/// (<see cref="ActivationFunctions.Apply"/>, <see cref="SampleLoss"/>), and for the trainer in
/// DeepLinear.Training, which applies it to tensors and derives its backward pass from the saved activation.
/// Section 5 and Figure 2 of the paper put the deep linear net's exact solution (φ = identity) into ReLU, Tanh and
/// Swish nets. Notebooks 04, 06, 07 and 08.
/// </summary>
public enum Activation
{
    /// <summary>φ(z) = z: the deep linear net.</summary>
    Linear,
    /// <summary>φ(z) = max(0, z); φ′(z) = 1 for z &gt; 0, else 0.</summary>
    Relu,
    /// <summary>φ(z) = tanh z = z − z³/3 + O(z⁵): agrees with the identity to second order at 0; φ′ = 1 − φ².</summary>
    Tanh,
    /// <summary>
    /// φ(z) = z·σ(z) with σ the logistic sigmoid (SiLU; Ramachandran et al., 2017) = z/2 + z²/4 + O(z⁴): half the
    /// identity's slope at 0; φ′ = σ + φ(1 − σ).
    /// </summary>
    Swish,
}

// CS8524 asks for a catch-all arm for unnamed (cast) values only; such an arm would also hide a new named value,
// which should fail to compile (CS8509) here until it is given its φ. A cast value throws SwitchExpressionException.
#pragma warning disable CS8524
/// <summary>Evaluation of <see cref="Activation"/> in float64.</summary>
public static class ActivationFunctions
{
    /// <summary>φ(z). Swish is evaluated in the form that neither overflows nor cancels for large |z|.</summary>
    public static double Apply(this Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.Relu => z > 0 ? z : 0,
        Activation.Tanh => Math.Tanh(z),
        Activation.Swish => z >= 0 ? z / (1 + Math.Exp(-z)) : z * Math.Exp(z) / (1 + Math.Exp(z)),
    };
}
#pragma warning restore CS8524
