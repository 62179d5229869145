using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The only three data statistics the expected loss depends on (Eq. 1/9 of the paper):
/// <c>A0 = E[x xᵀ]</c>, <c>E[xy]</c> and <c>E[y²]</c>, together with the eigen-decomposition
/// <c>A0 = Σᵢ aᵢ qᵢ qᵢᵀ</c> and the projected signal <c>mᵢ = (qᵢ·E[xy])²</c> that the one-variable
/// landscape uses. Used by every notebook; see notebooks/01-two-layer-solution.ipynb for the derivation.
/// </summary>
public sealed class DataStatistics
{
    /// <summary>Relative size below which an eigenvalue of A0 counts as zero.</summary>
    public const double NullEigenvalueTolerance = 1e-12;

    /// <summary>A0 = E[x xᵀ], the input second-moment ("covariance") matrix, d × d, symmetric PSD.</summary>
    public Matrix<double> A0 { get; }

    /// <summary>E[xy], the input-output correlation; its norm is the paper's signal strength ‖E[xy]‖.</summary>
    public Vector<double> Exy { get; }

    /// <summary>E[y²], the loss of the trivial (all-zero) network.</summary>
    public double Eyy { get; }

    /// <summary>Input dimension d.</summary>
    public int Dimension => Exy.Count;

    /// <summary>Eigenvalues aᵢ of A0 (ascending, tiny negative round-off clamped to 0).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Orthonormal eigenvectors qᵢ of A0 as columns, in the order of <see cref="Eigenvalues"/>.</summary>
    public Matrix<double> Eigenvectors { get; }

    /// <summary>qᵢ · E[xy], the components of E[xy] along the eigenvectors, in the order of <see cref="Eigenvalues"/>.</summary>
    public Vector<double> Projection { get; }

    /// <summary>mᵢ = (qᵢ · E[xy])², the signal carried by each eigen-direction; Σ mᵢ = ‖E[xy]‖².</summary>
    public double[] ProjectedSignal { get; }

    /// <summary>‖E[xy]‖, the paper's signal strength.</summary>
    public double SignalNorm => Exy.L2Norm();

    /// <summary>Largest eigenvalue of A0, the paper's a_max.</summary>
    public double AMax => Eigenvalues[^1];

    /// <summary>Smallest eigenvalue of A0, the paper's a_min.</summary>
    public double AMin => Eigenvalues[0];

    /// <summary>
    /// Statistics given directly. Rules: A0 square, finite, symmetric and positive semi-definite; E[xy] of
    /// matching length, finite, and in the range of A0 (a direction with zero input variance cannot carry
    /// signal, by Cauchy–Schwarz); E[y²] finite and ≥ 0.
    /// </summary>
    public DataStatistics(Matrix<double> inputCovariance, Vector<double> inputOutputCorrelation, double outputSecondMoment)
    {
        ArgumentNullException.ThrowIfNull(inputCovariance, nameof(inputCovariance));
        ArgumentNullException.ThrowIfNull(inputOutputCorrelation, nameof(inputOutputCorrelation));
        int d = inputOutputCorrelation.Count;
        if (d < 1) throw new ArgumentException("inputOutputCorrelation must have at least one entry", nameof(inputOutputCorrelation));
        if (inputCovariance.RowCount != inputCovariance.ColumnCount)
            throw new ArgumentException($"inputCovariance must be square, got {inputCovariance.RowCount} x {inputCovariance.ColumnCount}", nameof(inputCovariance));
        if (inputCovariance.RowCount != d)
            throw new ArgumentException($"inputCovariance is {inputCovariance.RowCount} x {inputCovariance.RowCount} but inputOutputCorrelation has {d} entries; they must match", nameof(inputCovariance));
        Guard.AllFinite(inputCovariance.Enumerate(), nameof(inputCovariance));
        Guard.AllFinite(inputOutputCorrelation, nameof(inputOutputCorrelation));
        Guard.NonNegative(outputSecondMoment, nameof(outputSecondMoment));

        double scale = inputCovariance.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++)
                if (Math.Abs(inputCovariance[i, j] - inputCovariance[j, i]) > 1e-10 * Math.Max(scale, double.Epsilon))
                    throw new ArgumentException($"inputCovariance must be symmetric: entry [{i},{j}] = {inputCovariance[i, j]} but [{j},{i}] = {inputCovariance[j, i]}", nameof(inputCovariance));

        A0 = (inputCovariance + inputCovariance.Transpose()) * 0.5;
        Exy = inputOutputCorrelation.Clone();
        Eyy = outputSecondMoment;

        var evd = A0.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        var vectors = evd.EigenVectors;
        var order = Enumerable.Range(0, d).OrderBy(i => values[i]).ToArray();
        Eigenvalues = order.Select(i => values[i]).ToArray();
        Eigenvectors = Matrix<double>.Build.Dense(d, d, (r, c) => vectors[r, order[c]]);
        double top = Math.Max(Eigenvalues[^1], 0);
        if (Eigenvalues[0] < -1e-10 * Math.Max(top, double.Epsilon))
            throw new ArgumentException($"inputCovariance must be positive semi-definite, but it has eigenvalue {Eigenvalues[0]:G6}", nameof(inputCovariance));
        Projection = Eigenvectors.TransposeThisAndMultiply(Exy);
        ProjectedSignal = Projection.Select(p => p * p).ToArray();
        double nullSignal = 0;
        for (int i = 0; i < d; i++)
        {
            if (Eigenvalues[i] > NullEigenvalueTolerance * top) continue;
            Eigenvalues[i] = 0;
            nullSignal += ProjectedSignal[i];
            ProjectedSignal[i] = 0;
        }
        double signal = Exy.L2Norm();
        if (Math.Sqrt(nullSignal) > 1e-8 * signal)
            throw new ArgumentException("inputOutputCorrelation must lie in the range of inputCovariance: E[xy] has a component along a direction where E[xxᵀ] has zero variance, which no data set can produce (Cauchy–Schwarz)", nameof(inputOutputCorrelation));
    }

    /// <summary>Statistics of a sample: A0 = XᵀX/n, E[xy] = Xᵀy/n, E[y²] = yᵀy/n, with X of shape n × d.</summary>
    public static DataStatistics FromSamples(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y, nameof(y));
        if (x.RowCount < 1) throw new ArgumentException("x must have at least one row (sample)", nameof(x));
        if (x.RowCount != y.Count) throw new ArgumentException($"x has {x.RowCount} rows but y has {y.Count} entries; one label per sample", nameof(y));
        Guard.AllFinite(x.Enumerate(), nameof(x));
        Guard.AllFinite(y, nameof(y));
        int n = x.RowCount;
        return new DataStatistics(x.TransposeThisAndMultiply(x) / n, x.TransposeThisAndMultiply(y) / n, y.DotProduct(y) / n);
    }

    /// <summary>The same data with E[xy] rescaled to norm <paramref name="signal"/> (direction kept), for signal sweeps.</summary>
    public DataStatistics WithSignal(double signal)
    {
        Guard.NonNegative(signal, nameof(signal));
        double norm = SignalNorm;
        if (norm == 0 && signal > 0) throw new InvalidOperationException("E[xy] is zero, so it has no direction to rescale");
        return new DataStatistics(A0, norm == 0 ? Exy.Clone() : Exy * (signal / norm), Eyy);
    }

    /// <summary>Isotropic statistics A0 = σx² I (Section C), E[xy] = <paramref name="exy"/>.</summary>
    public static DataStatistics Isotropic(double inputVariance, Vector<double> exy, double outputSecondMoment)
    {
        Guard.NonNegative(inputVariance, nameof(inputVariance));
        return new DataStatistics(Matrix<double>.Build.DenseIdentity(exy.Count) * inputVariance, exy, outputSecondMoment);
    }
}
