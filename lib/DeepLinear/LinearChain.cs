using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// A deep linear network with several outputs and no noise or decay, as Laurent &amp; von Brecht (2018) write it: the
/// loss of the layers W₁..W_L (input first) is the loss of their product,
/// <code>
///   F(W₁, …, W_L) = f(W_L ⋯ W₁),    ∂F/∂W_k = (W_L ⋯ W_{k+1})ᵀ ∇f(A) (W_{k−1} ⋯ W₁)ᵀ,
/// </code>
/// with f the squared error of <see cref="MultiOutputRegression"/>. A hidden layer narrower than both d₀ and d_L caps
/// the rank of the product, which is how notebook 08 (section 4) breaks their width condition.
/// </summary>
public static class LinearChain
{
    /// <summary>F(W₁, …, W_L) = f(W_L ⋯ W₁).</summary>
    public static double Loss(MultiOutputRegression f, IReadOnlyList<Matrix<double>> layers)
    {
        RequireChain(f, layers);
        return f.Loss(LayerProduct.Of(layers));
    }

    /// <summary>∂F/∂W_k for every layer, input first, by the chain rule above (prefix and suffix products, O(L) products).</summary>
    public static Matrix<double>[] Gradients(MultiOutputRegression f, IReadOnlyList<Matrix<double>> layers)
    {
        RequireChain(f, layers);
        int count = layers.Count;
        // below[k] = W_k ⋯ W₁ (below[0] = I); the product A is below[count]
        var below = new Matrix<double>[count + 1];
        below[0] = Matrix<double>.Build.DenseIdentity(f.InputDimension);
        for (int k = 0; k < count; k++) below[k + 1] = layers[k] * below[k];
        var gradient = f.Gradient(below[count]);
        var result = new Matrix<double>[count];
        // back = (W_L ⋯ W_{k+2})ᵀ ∇f, carried down the chain
        var back = gradient;
        for (int k = count - 1; k >= 0; k--)
        {
            result[k] = back.TransposeAndMultiply(below[k]);
            back = layers[k].TransposeThisAndMultiply(back);
        }
        return result;
    }

    /// <summary>
    /// Full-batch gradient descent W_k ← W_k − η ∂F/∂W_k, all layers at once, for <paramref name="steps"/> steps from
    /// <paramref name="layers"/> (left unchanged); returns the final layers.
    /// </summary>
    public static Matrix<double>[] Descend(MultiOutputRegression f, IReadOnlyList<Matrix<double>> layers, double learningRate, int steps)
    {
        RequireChain(f, layers);
        Guard.Positive(learningRate, nameof(learningRate));
        if (steps < 0) throw new ArgumentException($"steps must be >= 0, got {steps}", nameof(steps));
        var current = layers.Select(w => w.Clone()).ToArray();
        for (int step = 0; step < steps; step++)
        {
            var gradients = Gradients(f, current);
            for (int k = 0; k < current.Length; k++) current[k] -= learningRate * gradients[k];
        }
        return current;
    }

    /// <summary>
    /// The Hessian of F at <paramref name="layers"/> by central differences of the exact <see cref="Gradients"/>
    /// (<see cref="BruteForce.FiniteDifferenceHessian(Func{Vector{double}, Vector{double}}, Vector{double})"/>), over the
    /// weights in the order of the layers, each layer column by column: tells a saddle (a negative eigenvalue) from a minimum.
    /// </summary>
    public static Matrix<double> Hessian(MultiOutputRegression f, IReadOnlyList<Matrix<double>> layers)
    {
        RequireChain(f, layers);
        return BruteForce.FiniteDifferenceHessian(flat => Flatten(Gradients(f, Unflatten(flat, layers))), Flatten(layers));
    }

    static Vector<double> Flatten(IReadOnlyList<Matrix<double>> layers) =>
        Vector<double>.Build.DenseOfEnumerable(layers.SelectMany(w => w.ToColumnMajorArray()));

    static Matrix<double>[] Unflatten(Vector<double> flat, IReadOnlyList<Matrix<double>> shapes)
    {
        var layers = new Matrix<double>[shapes.Count];
        for (int k = 0, at = 0; k < shapes.Count; at += shapes[k].RowCount * shapes[k].ColumnCount, k++)
            layers[k] = Matrix<double>.Build.DenseOfColumnMajor(shapes[k].RowCount, shapes[k].ColumnCount, flat.SubVector(at, shapes[k].RowCount * shapes[k].ColumnCount).ToArray());
        return layers;
    }

    static void RequireChain(MultiOutputRegression f, IReadOnlyList<Matrix<double>> layers)
    {
        ArgumentNullException.ThrowIfNull(f);
        LayerProduct.RequireChain(layers);
        if (layers[0].ColumnCount != f.InputDimension)
            throw new ArgumentException($"layers[0] must have {f.InputDimension} columns (one per input), got {layers[0].ColumnCount}", nameof(layers));
        if (layers[^1].RowCount != f.OutputDimension)
            throw new ArgumentException($"the last layer must have {f.OutputDimension} rows (one per output), got {layers[^1].RowCount}", nameof(layers));
    }
}
