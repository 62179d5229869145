using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The only three data statistics the expected loss depends on (Eq. 1/9 of the paper):
/// <c>A0 = E[x xᵀ]</c>, <c>E[xy]</c> and <c>E[y²]</c>, together with the eigen-decomposition
/// <c>A0 = Σᵢ aᵢ qᵢ qᵢᵀ</c> and the projected signal <c>mᵢ = (qᵢ·E[xy])²</c> that the one-variable
/// landscape uses. Magnitudes anywhere in float64's range are handled: A0 and E[xy] are decomposed after an
/// exact power-of-two rescaling, and aᵢ, mᵢ are also kept as logarithms (mᵢ itself overflows when
/// |qᵢ·E[xy]| &gt; 1.3e154). Used by every notebook; see notebooks/01-two-layer-solution.ipynb for the derivation.
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

    /// <summary>Eigenvalues aᵢ of A0 (ascending; round-off below <see cref="NullEigenvalueTolerance"/>·a_max set to 0).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>log aᵢ, in the order of <see cref="Eigenvalues"/> (−∞ for a null eigenvalue); exact where aᵢ is subnormal.</summary>
    public double[] LogEigenvalues { get; }

    /// <summary>Orthonormal eigenvectors qᵢ of A0 as columns, in the order of <see cref="Eigenvalues"/>.</summary>
    public Matrix<double> Eigenvectors { get; }

    /// <summary>qᵢ · E[xy], the components of E[xy] along the eigenvectors, in the order of <see cref="Eigenvalues"/>.</summary>
    public Vector<double> Projection { get; }

    /// <summary>log mᵢ = 2 log|qᵢ · E[xy]|, the signal carried by each eigen-direction (−∞ where none, and on null directions).</summary>
    public double[] LogProjectedSignal { get; }

    /// <summary>‖E[xy]‖, the paper's signal strength.</summary>
    public double SignalNorm { get; }

    /// <summary>Largest eigenvalue of A0, the paper's a_max.</summary>
    public double AMax => Eigenvalues[^1];

    /// <summary>Smallest eigenvalue of A0, the paper's a_min.</summary>
    public double AMin => Eigenvalues[0];

    /// <summary>
    /// Q = E[xy]ᵀA0⁺E[xy] = Σᵢ mᵢ/aᵢ: the second moment E[ŷ²] of the best linear predictor ŷ = vᵀx, summed in the
    /// power-of-two-rescaled eigenbasis, so it is accurate to round-off at any magnitude. It exceeds float64 (∞)
    /// only for statistics that no data set has; <see cref="LogExplainedSecondMoment"/> always holds it.
    /// </summary>
    public double ExplainedSecondMoment { get; }

    /// <summary>log Q (−∞ when E[xy] = 0).</summary>
    public double LogExplainedSecondMoment { get; }

    /// <summary>
    /// The relative slack ε allowed in Q ≤ (1 + ε) E[y²]: ε = 1e-9 + 16·d·ε₆₄·κ with κ = a_max/a_min over the
    /// eigen-directions that carry signal. The eigensolver is backward stable (its eigenpairs are exact for a
    /// matrix within about d·ε₆₄·‖A0‖ of A0), which moves Q by a relative d·ε₆₄·κ at most; the 1e-9 admits
    /// statistics written with ten or more significant digits.
    /// </summary>
    public double RealisabilitySlack { get; }

    /// <summary>
    /// Whether some data set has these statistics: the second-moment matrix of (x, y) is PSD, i.e. A0 is PSD,
    /// E[xy] lies in its range and E[y²] ≥ E[xy]ᵀA0⁺E[xy] (Cauchy–Schwarz), the last up to
    /// <see cref="RealisabilitySlack"/>. Statistics of a sample (<see cref="FromSamples"/>) always are.
    /// </summary>
    public bool IsRealisable { get; }

    /// <summary>
    /// r = E[y²] − E[xy]ᵀA0⁺E[xy] = min_v E[(y − vᵀx)²], the least-squares loss: ≥ 0 for realisable statistics
    /// (a negative round-off within the slack is set to 0), negative for statistics no data set has.
    /// </summary>
    public double LeastSquaresLoss { get; }

    /// <summary>
    /// Statistics given directly. Rules: A0 square, finite, symmetric and positive semi-definite, its largest
    /// eigenvalue within float64; E[xy] of matching length, finite, of norm within float64, and in the range of
    /// A0 (a direction with zero input variance cannot carry signal, by Cauchy–Schwarz); E[y²] finite and ≥ 0.
    /// E[y²] ≥ E[xy]ᵀA0⁺E[xy] is not required here (signal sweeps at fixed E[y²] leave it); see
    /// <see cref="RequireRealisable"/>.
    /// </summary>
    public DataStatistics(Matrix<double> inputCovariance, Vector<double> inputOutputCorrelation, double outputSecondMoment)
        : this(inputCovariance, inputOutputCorrelation, outputSecondMoment, fromSamples: false)
    {
    }

    DataStatistics(Matrix<double> inputCovariance, Vector<double> inputOutputCorrelation, double outputSecondMoment, bool fromSamples)
    {
        ArgumentNullException.ThrowIfNull(inputCovariance);
        ArgumentNullException.ThrowIfNull(inputOutputCorrelation);
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

        // a + (aᵀ − a)/2: exact for symmetric input, and neither overflows near 1.8e308 nor underflows near 5e-324
        A0 = Matrix<double>.Build.Dense(d, d, (i, j) => inputCovariance[i, j] + 0.5 * (inputCovariance[j, i] - inputCovariance[i, j]));
        Exy = inputOutputCorrelation.Clone();
        Eyy = outputSecondMoment;
        SignalNorm = Exy.L2Norm();
        if (double.IsInfinity(SignalNorm))
            throw new ArgumentException("inputOutputCorrelation is too large: its norm ‖E[xy]‖ exceeds float64's range (1.8e308); rescale x or y", nameof(inputOutputCorrelation));

        int a0Exponent = BinaryExponent(scale);
        var evd = A0.Map(v => Math.ScaleB(v, -a0Exponent)).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        var vectors = evd.EigenVectors;
        var order = Enumerable.Range(0, d).OrderBy(i => values[i]).ToArray();
        var scaledEigenvalues = order.Select(i => values[i]).ToArray();
        Eigenvectors = Matrix<double>.Build.Dense(d, d, (r, c) => vectors[r, order[c]]);
        double top = Math.Max(scaledEigenvalues[^1], 0);
        if (scaledEigenvalues[0] < -1e-10 * Math.Max(top, double.Epsilon))
            throw new ArgumentException($"inputCovariance must be positive semi-definite, but it has eigenvalue {Math.ScaleB(scaledEigenvalues[0], a0Exponent):G6}", nameof(inputCovariance));
        if (double.IsInfinity(Math.ScaleB(top, a0Exponent)))
            throw new ArgumentException("inputCovariance is too large: its largest eigenvalue exceeds float64's range (1.8e308); rescale x", nameof(inputCovariance));

        int exyExponent = BinaryExponent(Exy.InfinityNorm());
        var scaledProjection = Eigenvectors.TransposeThisAndMultiply(Exy.Map(v => Math.ScaleB(v, -exyExponent)));
        Projection = scaledProjection.Map(p => Math.ScaleB(p, exyExponent));
        Eigenvalues = new double[d];
        LogEigenvalues = new double[d];
        LogProjectedSignal = new double[d];
        double nullSignal = 0, scaledExplained = 0;
        for (int i = 0; i < d; i++)
        {
            double p = scaledProjection[i];
            if (scaledEigenvalues[i] <= NullEigenvalueTolerance * top)
            {
                nullSignal += p * p;
                LogEigenvalues[i] = LogProjectedSignal[i] = double.NegativeInfinity;
                continue;
            }
            scaledExplained += p * p / scaledEigenvalues[i];
            Eigenvalues[i] = Math.ScaleB(scaledEigenvalues[i], a0Exponent);
            LogEigenvalues[i] = Math.Log(scaledEigenvalues[i]) + a0Exponent * Math.Log(2);
            LogProjectedSignal[i] = p == 0 ? double.NegativeInfinity : 2 * (Math.Log(Math.Abs(p)) + exyExponent * Math.Log(2));
        }
        if (Math.Sqrt(nullSignal) > 1e-8 * scaledProjection.L2Norm())
            throw new ArgumentException("inputOutputCorrelation must lie in the range of inputCovariance: E[xy] has a component along a direction where E[xxᵀ] has zero variance, which no data set can produce (Cauchy–Schwarz)", nameof(inputOutputCorrelation));

        // Q = 2^(2f − e) Σ p̂ᵢ²/âᵢ with p̂, â of order one: the power of two is exact
        ExplainedSecondMoment = Math.ScaleB(scaledExplained, 2 * exyExponent - a0Exponent);
        LogExplainedSecondMoment = Math.Log(scaledExplained) + (2 * exyExponent - a0Exponent) * Math.Log(2);
        var (logA, _) = SignalTerms();
        double conditioning = logA.Length == 0 ? 1 : Math.Exp(logA[^1] - logA[0]);
        RealisabilitySlack = 1e-9 + 16 * d * MachineEpsilon * conditioning;
        // in doubles where Q is a normal number; in logs where it under- or overflowed (Q = 1e-450 > E[y²] = 0 counts)
        IsRealisable = fromSamples || (double.IsNormal(ExplainedSecondMoment) || double.IsNegativeInfinity(LogExplainedSecondMoment)
            ? ExplainedSecondMoment - Eyy <= RealisabilitySlack * Eyy
            : LogExplainedSecondMoment <= Math.Log(Eyy) + Math.Log(1 + RealisabilitySlack));
        double residual = Eyy - ExplainedSecondMoment;
        LeastSquaresLoss = IsRealisable ? Math.Max(0, residual) : residual;
    }

    /// <summary>float64 machine epsilon ε₆₄ = 2⁻⁵², the spacing of doubles at 1.</summary>
    const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The power of two of |x| (0 for x = 0), for exact rescaling before a decomposition.</summary>
    static int BinaryExponent(double x) => x == 0 ? 0 : Math.ILogB(x);

    /// <summary>
    /// Rejects statistics that no data set has: E[y²] must be at least E[xy]ᵀA0⁺E[xy] (up to
    /// <see cref="RealisabilitySlack"/>), the part of E[y²] that the best linear predictor explains (Cauchy–Schwarz).
    /// Otherwise losses below zero would be reported for a network that no data can train.
    /// </summary>
    public void RequireRealisable()
    {
        if (IsRealisable) return;
        throw new ArgumentException(
            $"outputSecondMoment must be at least E[xy]ᵀA0⁺E[xy] = {(double.IsNormal(ExplainedSecondMoment) ? ExplainedSecondMoment.ToString("G6") : $"10^{LogExplainedSecondMoment / Math.Log(10):F2}")}, the part of E[y²] that the best linear predictor of y explains, but it is {Eyy:G6}: no data set has these statistics (Cauchy–Schwarz)",
            "outputSecondMoment");
    }

    /// <summary>
    /// The distinct positive eigenvalues of A0 that carry signal, as (log aᵢ, log mᵢ) in increasing order, with the
    /// signal summed over eigenvalues equal to within <see cref="NullEigenvalueTolerance"/>·a_max.
    /// </summary>
    internal (double[] LogA, double[] LogM) SignalTerms()
    {
        var logA = new List<double>();
        var logM = new List<double>();
        double logTop = LogEigenvalues[^1];
        for (int i = 0; i < Dimension; i++)
        {
            if (double.IsNegativeInfinity(LogProjectedSignal[i]) || double.IsNegativeInfinity(LogEigenvalues[i])) continue;
            if (logA.Count > 0 && Math.Exp(LogEigenvalues[i] - logTop) - Math.Exp(logA[^1] - logTop) <= NullEigenvalueTolerance)
                logM[^1] = LogSpace.AddExp(logM[^1], LogProjectedSignal[i]);
            else
            {
                logA.Add(LogEigenvalues[i]);
                logM.Add(LogProjectedSignal[i]);
            }
        }
        return (logA.ToArray(), logM.ToArray());
    }

    /// <summary>
    /// Statistics of a sample: A0 = XᵀX/n, E[xy] = Xᵀy/n, E[y²] = yᵀy/n, with X of shape n × d. Realisable by
    /// construction. Rule: the moments within float64's range.
    /// </summary>
    public static DataStatistics FromSamples(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount < 1) throw new ArgumentException("x must have at least one row (sample)", nameof(x));
        if (x.RowCount != y.Count) throw new ArgumentException($"x has {x.RowCount} rows but y has {y.Count} entries; one label per sample", nameof(y));
        Guard.AllFinite(x.Enumerate(), nameof(x));
        Guard.AllFinite(y, nameof(y));
        int n = x.RowCount;
        var a0 = x.TransposeThisAndMultiply(x) / n;
        var exy = x.TransposeThisAndMultiply(y) / n;
        double eyy = y.DotProduct(y) / n;
        if (!a0.Enumerate().All(double.IsFinite) || !exy.All(double.IsFinite))
            throw new ArgumentException("x is too large: the second moments E[xxᵀ] or E[xy] of these samples exceed float64's range (1.8e308); rescale the inputs", nameof(x));
        if (!double.IsFinite(eyy))
            throw new ArgumentException("y is too large: E[y²] of these samples exceeds float64's range (1.8e308); rescale the labels", nameof(y));
        return new DataStatistics(a0, exy, eyy, fromSamples: true);
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
