using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The training objective of a network with a hidden activation φ on a sample, without noise:
/// <code>
///   L = (1/n) Σᵢ (f(xᵢ) − yᵢ)² + γ_u‖U‖² + Σ_k γ_k‖W_k‖_F²,   f(x) = U · φ(W_D ⋯ φ(W₁ x))
/// </code>
/// the same convention as <see cref="ExpectedLoss"/> (mean squared error over the sample, decay on squared
/// norms), so for φ = identity it equals ExpectedLoss on DataStatistics.FromSamples of the same sample.
/// Section 5 (Figure 2) plugs the linear net's exact solution into ReLU, Tanh and Swish nets. Notebook 06.
/// </summary>
public static class SampleLoss
{
    /// <summary>
    /// L for inputs <paramref name="x"/> (n × d) and labels <paramref name="y"/> (n). Rules: one label per
    /// sample, finite data and weights shaped like <paramref name="architecture"/>, every noise variance 0
    /// (a nonlinear net's noise average has no closed form; Figure 2 uses no dropout).
    /// </summary>
    public static double Value(Matrix<double> x, Vector<double> y, Architecture architecture, NetworkWeights weights, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        if (x.RowCount < 1) throw new ArgumentException("x must have at least one row (sample)", nameof(x));
        if (x.RowCount != y.Count) throw new ArgumentException($"x has {x.RowCount} rows but y has {y.Count} entries; one label per sample", nameof(y));
        for (int k = 0; k < architecture.Depth; k++)
            if (architecture.NoiseVariances[k] != 0)
                throw new ArgumentException($"noiseVariances[{k}] must be 0 for the sample loss of a nonlinear net, got {architecture.NoiseVariances[k]}", nameof(architecture));
        weights.RequireShape(architecture, x.ColumnCount);
        Guard.AllFinite(y, nameof(y));
        var residual = Predictions(x, weights, activation) - y;
        return residual.DotProduct(residual) / x.RowCount + ExpectedLoss.DecayPenalty(architecture, weights);
    }

    /// <summary>f(xᵢ) = U · φ(W_D ⋯ φ(W₁ xᵢ)) for every row xᵢ of <paramref name="x"/>. Rules: x has d = W₁'s column count columns, finite entries.</summary>
    public static Vector<double> Predictions(Matrix<double> x, NetworkWeights weights, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weights);
        if (x.ColumnCount != weights.InputDimension)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the weights take inputs of dimension {weights.InputDimension}", nameof(x));
        Guard.AllFinite(x.Enumerate(), nameof(x));
        Guard.AllFinite(weights.Flatten(), "weights");
        var hidden = x.Transpose();
        foreach (var w in weights.W)
        {
            hidden = w * hidden;
            hidden.MapInplace(z => activation.Apply(z));
        }
        return hidden.TransposeThisAndMultiply(weights.U);
    }
}
