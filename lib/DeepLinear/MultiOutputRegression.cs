using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The squared error of a linear map A (d_L × d₀) with several outputs, from the second moments of the data,
/// <code>
///   f(A) = E‖Ax − y‖² = tr E[yyᵀ] − 2 tr(A E[xyᵀ]) + tr(A A₀ Aᵀ),    ∇f(A) = 2(A A₀ − E[yxᵀ]),
/// </code>
/// and its minima over all A and over A of rank at most r (reduced-rank regression). With C = E[yxᵀ] A₀^{−1/2} and
/// its singular value decomposition C = Σᵢ ςᵢ uᵢ vᵢᵀ, f(A) = tr E[yyᵀ] − ‖C‖²_F + ‖A A₀^{1/2} − C‖²_F, so by
/// Eckart–Young the best rank-r loss is tr E[yyᵀ] − Σ_{i≤r} ςᵢ² (least squares at full rank), and there
/// ‖∇f‖_F = 2‖Σ_{i&gt;r} ςᵢ uᵢ vᵢᵀ A₀^{1/2}‖_F. This is Laurent &amp; von Brecht (2018)'s f for the squared error, the loss
/// of the one-layer model that <see cref="LinearChain"/> factors into layers. Used by notebook 08 (section 4).
/// </summary>
public sealed class MultiOutputRegression
{
    readonly Matrix<double> _a0Root, _a0RootInverse;
    readonly MathNet.Numerics.LinearAlgebra.Factorization.Svd<double> _svd;

    /// <summary>From the moments A₀ = E[xxᵀ] (positive definite), E[yxᵀ] and tr E[yyᵀ].</summary>
    public MultiOutputRegression(Matrix<double> a0, Matrix<double> syx, double traceSyy)
    {
        ArgumentNullException.ThrowIfNull(a0);
        ArgumentNullException.ThrowIfNull(syx);
        if (a0.RowCount != a0.ColumnCount) throw new ArgumentException($"a0 must be square, got {a0.RowCount} x {a0.ColumnCount}", nameof(a0));
        if (syx.ColumnCount != a0.RowCount) throw new ArgumentException($"syx must have {a0.RowCount} columns (one per input), got {syx.ColumnCount}", nameof(syx));
        Guard.AllFinite(a0.Enumerate(), nameof(a0));
        Guard.AllFinite(syx.Enumerate(), nameof(syx));
        Guard.NonNegative(traceSyy, nameof(traceSyy));
        var evd = ((a0 + a0.Transpose()) * 0.5).Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(z => z.Real).ToArray();
        if (eigenvalues.Min() <= 0) throw new ArgumentException($"a0 must be positive definite, its smallest eigenvalue is {eigenvalues.Min()}", nameof(a0));
        var q = evd.EigenVectors;
        _a0Root = q * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues.Select(Math.Sqrt).ToArray()) * q.Transpose();
        _a0RootInverse = q * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues.Select(e => 1 / Math.Sqrt(e)).ToArray()) * q.Transpose();
        A0 = a0;
        Syx = syx;
        TraceSyy = traceSyy;
        _svd = (syx * _a0RootInverse).Svd();
        SingularValues = _svd.S.ToArray();
    }

    /// <summary>The moments of samples: rows of <paramref name="x"/> (n × d₀) and of <paramref name="y"/> (n × d_L).</summary>
    public static MultiOutputRegression FromSamples(Matrix<double> x, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount != y.RowCount) throw new ArgumentException($"x has {x.RowCount} rows but y has {y.RowCount}; one row per sample in both", nameof(y));
        int n = x.RowCount;
        return new MultiOutputRegression(x.TransposeThisAndMultiply(x) / n, y.TransposeThisAndMultiply(x) / n, y.TransposeThisAndMultiply(y).Trace() / n);
    }

    /// <summary>A₀ = E[xxᵀ].</summary>
    public Matrix<double> A0 { get; }

    /// <summary>E[yxᵀ], d_L × d₀.</summary>
    public Matrix<double> Syx { get; }

    /// <summary>tr E[yyᵀ] = E‖y‖².</summary>
    public double TraceSyy { get; }

    /// <summary>d₀, the number of inputs.</summary>
    public int InputDimension => A0.RowCount;

    /// <summary>d_L, the number of outputs.</summary>
    public int OutputDimension => Syx.RowCount;

    /// <summary>ς₁ ≥ ς₂ ≥ ⋯, the singular values of C = E[yxᵀ] A₀^{−1/2}.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>f(A) = tr E[yyᵀ] − 2 tr(A E[xyᵀ]) + tr(A A₀ Aᵀ).</summary>
    public double Loss(Matrix<double> a)
    {
        RequireMap(a);
        return TraceSyy - 2 * a.TransposeAndMultiply(Syx).Trace() + (a * A0).TransposeAndMultiply(a).Trace();
    }

    /// <summary>∇f(A) = 2(A A₀ − E[yxᵀ]).</summary>
    public Matrix<double> Gradient(Matrix<double> a)
    {
        RequireMap(a);
        return 2 * (a * A0 - Syx);
    }

    /// <summary>min_A f = tr E[yyᵀ] − ‖C‖²_F, the least-squares loss.</summary>
    public double LeastSquaresLoss => BestRankLoss(SingularValues.Count);

    /// <summary>Eckart–Young: min f over A of rank ≤ r, tr E[yyᵀ] − Σ_{i≤r} ςᵢ².</summary>
    public double BestRankLoss(int rank)
    {
        RequireRank(rank);
        return TraceSyy - SingularValues.Take(rank).Sum(s => s * s);
    }

    /// <summary>‖∇f‖_F at the best rank-r map: 2‖Σ_{i&gt;r} ςᵢ uᵢ vᵢᵀ A₀^{1/2}‖_F (zero at full rank).</summary>
    public double BestRankGradientNorm(int rank)
    {
        RequireRank(rank);
        var rest = Matrix<double>.Build.Dense(OutputDimension, InputDimension);
        for (int i = rank; i < SingularValues.Count; i++) rest += SingularValues[i] * _svd.U.Column(i).OuterProduct(_svd.VT.Row(i));
        return 2 * (rest * _a0Root).FrobeniusNorm();
    }

    /// <summary>
    /// The two layers W₁ = √ςᵢ vᵢᵀ A₀^{−1/2} (1 × d₀) and W₂ = √ςᵢ uᵢ (d_L × 1) that put a width-one chain on the i-th
    /// singular pair (i from 0): a critical point of f(W₂W₁) with loss tr E[yyᵀ] − ςᵢ², the global minimum for i = 0
    /// and a saddle for i &gt; 0 (Baldi &amp; Hornik 1989).
    /// </summary>
    public Matrix<double>[] SingularPairLayers(int index)
    {
        if (index < 0 || index >= SingularValues.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, {SingularValues.Count})");
        double root = Math.Sqrt(SingularValues[index]);
        return [root * _a0RootInverse.TransposeThisAndMultiply(_svd.VT.Row(index)).ToRowMatrix(), root * _svd.U.Column(index).ToColumnMatrix()];
    }

    void RequireMap(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.RowCount != OutputDimension || a.ColumnCount != InputDimension)
            throw new ArgumentException($"a must be {OutputDimension} x {InputDimension} (outputs x inputs), got {a.RowCount} x {a.ColumnCount}", nameof(a));
    }

    void RequireRank(int rank)
    {
        if (rank < 0 || rank > SingularValues.Count)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [0, {SingularValues.Count}]");
    }
}
