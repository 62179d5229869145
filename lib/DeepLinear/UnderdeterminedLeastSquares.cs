using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>
/// The least-squares problem L(y) = ½‖Ay − b‖² of the companion paper on the implicit bias of initialisation
/// (Section 2.2, "Solving underdetermined least squares using gradient descent"), and where gradient descent on it ends.
/// <para>
/// With A = UΣVᵀ of rank r, V₁ the first r right singular vectors and V₂ the other d − r, gradient descent
/// y ← y − αAᵀ(Ay − b) from any y₀ with 0 &lt; α &lt; 2/‖A‖² converges to
/// <c>y∞ = V₂V₂ᵀy₀ + θ*</c>, θ* = A⁺b (the minimum-norm least-squares solution): the start's null-space component is
/// kept, the rest becomes θ*. This is the paper's Theorem 4. The theorem says "A of any rank" but takes V₂ as the last
/// d − n columns; that is right only for rank n. When r &lt; n the directions v_{r+1}..v_n have zero singular value,
/// gradient descent never moves along them, and V₂ must hold all d − r null directions, as here (the tests show a case).
/// </para>
/// Used by notebooks/09-initialisation-implicit-bias.ipynb.
/// </summary>
public sealed class UnderdeterminedLeastSquares
{
    /// <summary>Singular values below this fraction of the largest count as zero when finding the rank.</summary>
    public const double RankTolerance = 1e-12;

    /// <summary>
    /// Set up the problem for A (n × d) and b (length n). Rules: A has at least one entry and only finite entries;
    /// b has one finite entry per row of A. Any shape and rank are allowed (n ≤ d is the paper's case).
    /// </summary>
    public UnderdeterminedLeastSquares(Matrix<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount < 1 || a.ColumnCount < 1) throw new ArgumentException("a must have at least one row and one column", nameof(a));
        Guard.AllFinite(a.Enumerate(), nameof(a));
        if (b.Count != a.RowCount) throw new ArgumentException($"b must have one entry per row of a ({a.RowCount}), got {b.Count}", nameof(b));
        Guard.AllFinite(b, nameof(b));
        A = a;
        B = b;

        var svd = a.Svd(computeVectors: true);
        var s = svd.S.ToArray();
        double largest = s.Length == 0 ? 0 : s.Max();
        Rank = s.Count(v => v > RankTolerance * largest);
        SingularValues = s.Take(Rank).ToArray();
        var v = svd.VT.Transpose();
        int d = a.ColumnCount;
        RowSpaceBasis = v.SubMatrix(0, d, 0, Rank);
        NullSpaceBasis = v.SubMatrix(0, d, Rank, d - Rank);
        var ub = svd.U.SubMatrix(0, a.RowCount, 0, Rank).TransposeThisAndMultiply(b);
        MinimumNormSolution = RowSpaceBasis * Vector<double>.Build.Dense(Rank, i => ub[i] / SingularValues[i]);
    }

    /// <summary>The coefficient matrix A, n × d.</summary>
    public Matrix<double> A { get; }

    /// <summary>The target vector b, length n.</summary>
    public Vector<double> B { get; }

    /// <summary>Number of input dimensions d (length of y).</summary>
    public int Dimension => A.ColumnCount;

    /// <summary>Rank r of A (singular values above <see cref="RankTolerance"/> times the largest).</summary>
    public int Rank { get; }

    /// <summary>The r nonzero singular values of A, largest first.</summary>
    public double[] SingularValues { get; }

    /// <summary>V₁: d × r, orthonormal columns spanning the row space of A (range of Aᵀ).</summary>
    public Matrix<double> RowSpaceBasis { get; }

    /// <summary>V₂: d × (d − r), orthonormal columns spanning the null space of A.</summary>
    public Matrix<double> NullSpaceBasis { get; }

    /// <summary>θ* = A⁺b = V₁Σ₁⁻¹U₁ᵀb, the least-squares solution of smallest norm (= Aᵀ(AAᵀ)⁻¹b for rank n).</summary>
    public Vector<double> MinimumNormSolution { get; }

    /// <summary>2/‖A‖², the step size below which gradient descent converges (infinite for A = 0).</summary>
    public double StableStepLimit => Rank == 0 ? double.PositiveInfinity : 2 / (SingularValues[0] * SingularValues[0]);

    /// <summary>V₂V₂ᵀy: the part of y that A does not see and gradient descent never changes.</summary>
    public Vector<double> NullSpaceComponent(Vector<double> y) => Project(CheckLength(y, nameof(y)));

    /// <summary>Theorem 4: y∞ = V₂V₂ᵀy₀ + θ*, the limit of gradient descent from <paramref name="start"/> at any stable step.</summary>
    public Vector<double> GradientDescentLimit(Vector<double> start) => Project(CheckLength(start, nameof(start))) + MinimumNormSolution;

    /// <summary>
    /// ‖y_k − y∞‖ after <paramref name="iterations"/> steps of size <paramref name="step"/> from <paramref name="start"/>,
    /// exactly: the error's component along each row-space direction vᵢ shrinks by (1 − ασᵢ²) per step,
    /// so ‖y_k − y∞‖² = Σᵢ (1 − ασᵢ²)^{2k} (vᵢ·(y₀ − θ*))². Rules: step &gt; 0, iterations ≥ 0.
    /// </summary>
    public double DistanceToLimit(Vector<double> start, double step, int iterations)
    {
        CheckLength(start, nameof(start));
        Guard.Positive(step, nameof(step));
        ArgumentOutOfRangeException.ThrowIfNegative(iterations, nameof(iterations));
        var c = RowSpaceBasis.TransposeThisAndMultiply(start - MinimumNormSolution);
        double sum = 0;
        for (int i = 0; i < Rank; i++)
            sum += Math.Pow(1 - step * SingularValues[i] * SingularValues[i], 2.0 * iterations) * c[i] * c[i];
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Algorithm 1 in closed form: a start from which gradient descent converges to <paramref name="target"/>.
    /// The algorithm solves V₂V₂ᵀy₀ = θ − θ* (by an inner gradient descent); this returns that system's
    /// minimum-norm solution V₂V₂ᵀθ, which equals θ − θ*. Rule: the target must be a least-squares solution
    /// (its row-space component equal to θ*'s, to 1e-9 relative), since gradient descent reaches no other point.
    /// </summary>
    public Vector<double> StartFor(Vector<double> target)
    {
        CheckLength(target, nameof(target));
        var rowPart = RowSpaceBasis.TransposeThisAndMultiply(target - MinimumNormSolution);
        double scale = target.L2Norm() + MinimumNormSolution.L2Norm();
        if (rowPart.L2Norm() > 1e-9 * scale)
            throw new ArgumentException(
                $"target must be a least-squares solution (row-space part equal to θ*'s), but it differs by {rowPart.L2Norm():G3}", nameof(target));
        return Project(target);
    }

    Vector<double> Project(Vector<double> y) => NullSpaceBasis * NullSpaceBasis.TransposeThisAndMultiply(y);

    Vector<double> CheckLength(Vector<double> y, string name)
    {
        ArgumentNullException.ThrowIfNull(y, name);
        if (y.Count != Dimension) throw new ArgumentException($"{name} must have one entry per column of A ({Dimension}), got {y.Count}", name);
        Guard.AllFinite(y, name);
        return y;
    }
}
