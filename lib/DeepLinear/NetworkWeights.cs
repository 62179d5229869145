using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// A full weight set (U, W₁..W_D) of a deep linear network: W₁ is d₁ × d, W_k is d_k × d_{k−1}, U has
/// d_D entries (d entries when D = 0). The network computes f(x) = U · (ε_D ∘ W_D ⋯ ε₁ ∘ W₁ x).
/// </summary>
public sealed class NetworkWeights
{
    /// <summary>Output weights U (a row vector, stored as a vector).</summary>
    public Vector<double> U { get; }

    /// <summary>Hidden-layer weights W₁..W_D (index 0 holds W₁).</summary>
    public IReadOnlyList<Matrix<double>> W { get; }

    public NetworkWeights(Vector<double> u, IReadOnlyList<Matrix<double>> w)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(w);
        for (int k = 1; k < w.Count; k++)
            if (w[k].ColumnCount != w[k - 1].RowCount)
                throw new ArgumentException($"W[{k}] has {w[k].ColumnCount} columns but W[{k - 1}] has {w[k - 1].RowCount} rows; consecutive layers must chain", nameof(w));
        if (w.Count > 0 && u.Count != w[^1].RowCount)
            throw new ArgumentException($"U has {u.Count} entries but the last hidden layer has width {w[^1].RowCount}", nameof(u));
        U = u;
        W = w;
    }

    /// <summary>Depth D (number of hidden layers).</summary>
    public int Depth => W.Count;

    /// <summary>Input dimension d.</summary>
    public int InputDimension => W.Count == 0 ? U.Count : W[0].ColumnCount;

    /// <summary>Number of scalar parameters.</summary>
    public int ParameterCount => U.Count + W.Sum(m => m.RowCount * m.ColumnCount);

    /// <summary>All zero weights of the given shape: the trivial solution.</summary>
    public static NetworkWeights Zero(Architecture architecture, int inputDimension)
    {
        var w = new Matrix<double>[architecture.Depth];
        for (int k = 1; k <= architecture.Depth; k++)
            w[k - 1] = Matrix<double>.Build.Dense(architecture.WidthOf(k, inputDimension), architecture.WidthOf(k - 1, inputDimension));
        return new NetworkWeights(Vector<double>.Build.Dense(architecture.WidthOf(architecture.Depth, inputDimension)), w);
    }

    /// <summary>Checks that these weights have the shapes of <paramref name="architecture"/> on inputs of dimension d.</summary>
    public void RequireShape(Architecture architecture, int inputDimension)
    {
        if (Depth != architecture.Depth) throw new ArgumentException($"weights have depth {Depth} but the architecture has depth {architecture.Depth}", "weights");
        for (int k = 1; k <= Depth; k++)
        {
            int rows = architecture.WidthOf(k, inputDimension), cols = architecture.WidthOf(k - 1, inputDimension);
            if (W[k - 1].RowCount != rows || W[k - 1].ColumnCount != cols)
                throw new ArgumentException($"W[{k - 1}] must be {rows} x {cols}, got {W[k - 1].RowCount} x {W[k - 1].ColumnCount}", "weights");
        }
        if (U.Count != architecture.WidthOf(Depth, inputDimension))
            throw new ArgumentException($"U must have {architecture.WidthOf(Depth, inputDimension)} entries, got {U.Count}", "weights");
    }

    /// <summary>Flattens to one vector: U first, then W₁..W_D row by row.</summary>
    public Vector<double> Flatten()
    {
        var flat = new double[ParameterCount];
        int at = 0;
        foreach (var v in U) flat[at++] = v;
        foreach (var m in W)
            for (int r = 0; r < m.RowCount; r++)
                for (int c = 0; c < m.ColumnCount; c++)
                    flat[at++] = m[r, c];
        return Vector<double>.Build.Dense(flat);
    }

    /// <summary>The inverse of <see cref="Flatten"/> for weights shaped like this set.</summary>
    public NetworkWeights Unflatten(Vector<double> flat)
    {
        if (flat.Count != ParameterCount) throw new ArgumentException($"expected {ParameterCount} parameters, got {flat.Count}", nameof(flat));
        int at = 0;
        var u = Vector<double>.Build.Dense(U.Count, i => flat[at + i]);
        at += U.Count;
        var w = new Matrix<double>[W.Count];
        for (int k = 0; k < W.Count; k++)
        {
            int rows = W[k].RowCount, cols = W[k].ColumnCount, start = at;
            w[k] = Matrix<double>.Build.Dense(rows, cols, (r, c) => flat[start + r * cols + c]);
            at += rows * cols;
        }
        return new NetworkWeights(u, w);
    }

    /// <summary>The end-to-end linear map P = U W_D ⋯ W₁ (a vector of length d).</summary>
    public Vector<double> Product()
    {
        var p = U.Clone();
        for (int k = W.Count - 1; k >= 0; k--) p = W[k].TransposeThisAndMultiply(p);
        return p;
    }
}
