using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The end-to-end matrix of a chain of linear layers, A = W_L ⋯ W₂ W₁, with the layers listed input first (W₁ is
/// d₁ × d₀, W_k is d_k × d_{k−1}): the map a deep linear network computes, x ↦ A x. Used by notebook 08; the array overload takes a trainer's
/// weights, the form in which notebook 09 writes the same product.
/// </summary>
public static class LayerProduct
{
    /// <summary>W_L ⋯ W₁ for layers W₁..W_L (input first); consecutive layers must chain (W_{k+1} has d_k columns).</summary>
    public static Matrix<double> Of(IReadOnlyList<Matrix<double>> layers)
    {
        RequireChain(layers);
        var product = layers[0];
        for (int k = 1; k < layers.Count; k++) product = layers[k] * product;
        return product;
    }

    /// <summary>W_L ⋯ W₁ for layers given as arrays (rows × columns, e.g. a trainer's LayerParameters.Weight), input first.</summary>
    public static Matrix<double> Of(IEnumerable<double[,]> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return Of(layers.Select(w => Matrix<double>.Build.DenseOfArray(w ?? throw new ArgumentException("layers must not contain null", nameof(layers)))).ToArray());
    }

    /// <summary>Throws unless <paramref name="layers"/> is a non-empty list of matrices whose shapes chain.</summary>
    internal static void RequireChain(IReadOnlyList<Matrix<double>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("layers must contain at least one matrix", nameof(layers));
        if (layers.Any(w => w is null)) throw new ArgumentException("layers must not contain null", nameof(layers));
        for (int k = 1; k < layers.Count; k++)
            if (layers[k].ColumnCount != layers[k - 1].RowCount)
                throw new ArgumentException($"layers[{k}] has {layers[k].ColumnCount} columns but layers[{k - 1}] has {layers[k - 1].RowCount} rows; consecutive layers must chain", nameof(layers));
    }
}
