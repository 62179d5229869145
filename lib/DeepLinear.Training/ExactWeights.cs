using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Training;

/// <summary>Trained parameters as the exact core's <see cref="NetworkWeights"/>, to evaluate their exact expected loss or variance.</summary>
public static class ExactWeights
{
    /// <summary>
    /// W₁..W_D from the hidden layers and U from the output layer. Only for nets trained without biases
    /// (<see cref="NetworkShape.Bias"/> false): the exact theory has none.
    /// </summary>
    public static NetworkWeights ToNetworkWeights(this IReadOnlyList<LayerParameters> layers)
    {
        ArgumentNullException.ThrowIfNull(layers, nameof(layers));
        if (layers.Count == 0) throw new ArgumentException("layers must contain at least the output layer", nameof(layers));
        if (layers.Any(l => l.Bias.Any(b => b != 0)))
            throw new ArgumentException("layers have nonzero biases; the exact deep linear network has none (train with NetworkShape bias: false)", nameof(layers));
        var output = layers[^1].Weight;
        if (output.GetLength(0) != 1) throw new ArgumentException($"the output layer must have one unit, got {output.GetLength(0)}", nameof(layers));
        var u = Vector<double>.Build.Dense(output.GetLength(1), j => output[0, j]);
        var w = layers.Take(layers.Count - 1).Select(l => Matrix<double>.Build.DenseOfArray(l.Weight)).ToArray();
        return new NetworkWeights(u, w);
    }
}
