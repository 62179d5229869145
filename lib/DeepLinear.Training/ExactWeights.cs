using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Training;

/// <summary>
/// Conversions between the exact core's weights (<see cref="NetworkWeights"/>: U and W₁..W_D) and the trainer's
/// layers (<see cref="LayerParameters"/>, input layer first, the output layer U last as a 1 × d_D row), both ways.
/// Used to evaluate trained nets exactly (notebooks 05 and 08) and to start training at an exact solution.
/// </summary>
public static class ExactWeights
{
    /// <summary>
    /// W₁..W_D from the hidden layers and U from the output layer. Only for nets trained without biases
    /// (<see cref="NetworkShape.Bias"/> false): the exact theory has none. Inverse of <see cref="ToLayerParameters"/>.
    /// </summary>
    public static NetworkWeights ToNetworkWeights(this IReadOnlyList<LayerParameters> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("layers must contain at least the output layer", nameof(layers));
        if (layers.Any(l => l.Bias.Any(b => b != 0)))
            throw new ArgumentException("layers have nonzero biases; the exact deep linear network has none (train with NetworkShape bias: false)", nameof(layers));
        var output = layers[^1].Weight;
        if (output.GetLength(0) != 1) throw new ArgumentException($"the output layer must have one unit, got {output.GetLength(0)}", nameof(layers));
        var u = Vector<double>.Build.Dense(output.GetLength(1), j => output[0, j]);
        var w = layers.Take(layers.Count - 1).Select(l => Matrix<double>.Build.DenseOfArray(l.Weight)).ToArray();
        return new NetworkWeights(u, w);
    }

    /// <summary>
    /// The trainer's layers for (U, W₁..W_D): W₁..W_D in order, then U as a one-row matrix, every bias zero; for
    /// <see cref="BatchedTrainer.SetParameters"/> on a net of shape <see cref="TrainerSetting.ShapeOf"/>.
    /// Inverse of <see cref="ToNetworkWeights"/>.
    /// </summary>
    public static LayerParameters[] ToLayerParameters(this NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var hidden = weights.W.Select(w => new LayerParameters(w.ToArray(), new double[w.RowCount]));
        return [.. hidden, new LayerParameters(weights.U.ToRowMatrix().ToArray(), new double[1])];
    }
}
