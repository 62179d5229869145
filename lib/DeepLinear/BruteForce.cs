using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>Why one run of <see cref="BruteForce.Lbfgs"/> stopped.</summary>
public enum LbfgsStop
{
    /// <summary>‖∇L‖∞ reached the requested tolerance: a stationary point to that precision.</summary>
    Converged,

    /// <summary>The backtracking line search found no acceptable step along a descent direction before the step fell below 1e-20.</summary>
    LineSearchFailed,

    /// <summary>An accepted step moved neither L nor the point beyond round-off, with ‖∇L‖∞ still above the tolerance.</summary>
    Stalled,

    /// <summary>The iteration budget ran out.</summary>
    IterationLimit,
}

/// <summary>
/// The endpoint of one run of <see cref="BruteForce"/>, with the evidence that it is a local minimum:
/// the gradient norm reached (first order) and the smallest eigenvalue of the Hessian there (second order).
/// </summary>
/// <param name="Loss">L at the endpoint.</param>
/// <param name="Weights">The endpoint.</param>
/// <param name="GradientNorm">‖∇L‖∞ at the endpoint.</param>
/// <param name="GradientTolerance">The ‖∇L‖∞ that counts as stationary.</param>
/// <param name="SmallestCurvature">The smallest eigenvalue of the Hessian of L at the endpoint, by central finite differences of the exact gradient.</param>
/// <param name="CurvatureTolerance">How far below zero <paramref name="SmallestCurvature"/> may lie from finite-difference error alone.</param>
/// <param name="Stop">Why L-BFGS stopped (before the Newton polish); null for a point given to <see cref="BruteForce.Examine"/>.</param>
public sealed record FoundMinimum(double Loss, NetworkWeights Weights, double GradientNorm, double GradientTolerance, double SmallestCurvature, double CurvatureTolerance, LbfgsStop? Stop = null)
{
    /// <summary>True when the network computes (numerically) zero: ‖U W_D⋯W₁‖ below 1e-6.</summary>
    public bool IsTrivial => Weights.Product().L2Norm() < 1e-6;

    /// <summary>First order: ‖∇L‖∞ at the endpoint is within <see cref="GradientTolerance"/>.</summary>
    public bool IsConverged => GradientNorm <= GradientTolerance;

    /// <summary>
    /// A verified local minimum: converged, and no direction of negative curvature beyond the finite-difference
    /// error (a saddle point has one). Curvature flatter than <see cref="CurvatureTolerance"/> is not resolved.
    /// </summary>
    public bool IsMinimum => IsConverged && SmallestCurvature >= -CurvatureTolerance;

    /// <summary>
    /// √p‖∇L‖∞ / λ_min (√p‖∇L‖∞ bounds ‖∇L‖₂ over p weights): how far the exact minimum can lie from these weights,
    /// in the Euclidean norm over all weights, where L is locally quadratic with smallest Hessian eigenvalue λ_min;
    /// ∞ where the curvature is not resolved as positive.
    /// </summary>
    public double DistanceBound => SmallestCurvature > CurvatureTolerance ? Math.Sqrt(Weights.ParameterCount) * GradientNorm / SmallestCurvature : double.PositiveInfinity;
}

/// <summary>
/// The independent reference every closed form is tested against: multi-start L-BFGS over all weights
/// (U, W₁..W_D) of the exact expected loss <see cref="ExpectedLoss"/> from random starts, knowing nothing of the
/// reduction, with each endpoint's stationarity (gradient norm) and minimality (no negative Hessian eigenvalue)
/// measured rather than assumed. Slow by design; for small problems and for the notebooks' "check against brute force" cells.
/// </summary>
public static class BruteForce
{
    /// <summary>
    /// Minimises from <paramref name="starts"/> random points drawn from <paramref name="seed"/>: every weight an
    /// i.i.d. Gaussian of standard deviation s, with s spread geometrically over [0.05, 3] from start to start so
    /// that both the basin of zero and the far nontrivial minima are reached. Nothing of the theory shapes the
    /// starts (no rank-one or data-aligned weights, no start at zero). Each L-BFGS endpoint is examined
    /// (<see cref="Examine"/>) and, where its Hessian is positive definite but it is not yet converged or not yet
    /// within 1e-9 of the minimum (<see cref="FoundMinimum.DistanceBound"/>), polished by Newton steps, which judge
    /// progress by the gradient alone where L's own changes are below its round-off. Every endpoint comes back with
    /// its gradient norm, why L-BFGS stopped, and the smallest Hessian eigenvalue, best first.
    /// </summary>
    public static IReadOnlyList<FoundMinimum> Minimise(DataStatistics data, Architecture architecture, int starts, int seed, double gradientTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        if (starts < 1) throw new ArgumentException($"starts must be >= 1, got {starts}", nameof(starts));
        Guard.Positive(gradientTolerance, nameof(gradientTolerance));
        var template = NetworkWeights.Zero(architecture, data.Dimension);
        var objective = Objective(data, architecture, template);
        var random = new Random(seed);
        var found = new List<FoundMinimum>();
        for (int s = 0; s < starts; s++)
        {
            double scale = 0.05 * Math.Pow(60, s / Math.Max(1.0, starts - 1));
            var x0 = Vector<double>.Build.Dense(template.ParameterCount, _ => scale * random.NextGaussian());
            var (x, _, _, stop) = Lbfgs(objective, x0, gradientTolerance, 20000);
            found.Add(NewtonPolish(objective, template, x, gradientTolerance) with { Stop = stop });
        }
        return found.OrderBy(f => f.Loss).ToList();
    }

    /// <summary>
    /// The first- and second-order evidence at any weights: L, ‖∇L‖∞ and the smallest eigenvalue of the
    /// finite-difference Hessian, so that a reconstructed solution can be told a minimum or a saddle without the theory.
    /// </summary>
    public static FoundMinimum Examine(DataStatistics data, Architecture architecture, NetworkWeights weights, double gradientTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        Guard.Positive(gradientTolerance, nameof(gradientTolerance));
        return Inspect(Objective(data, architecture, weights), weights, weights.Flatten(), gradientTolerance).Point;
    }

    /// <summary>
    /// The Hessian of L at <paramref name="weights"/>, in the order of <see cref="NetworkWeights.Flatten"/>, by central
    /// differences of the exact gradient (step 1e-5·max(1, ‖weights‖∞)) and symmetrised: what <see cref="Examine"/> reads
    /// the curvature from, with none of the theory's algebra (compare <see cref="ExpectedLoss.HessianAtZero"/>).
    /// </summary>
    public static Matrix<double> FiniteDifferenceHessian(DataStatistics data, Architecture architecture, NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        var objective = Objective(data, architecture, weights);
        return FiniteDifferenceHessian(x => objective(x).G, weights.Flatten());
    }

    /// <summary>L and its gradient as functions of the flattened weights of <paramref name="template"/>'s shape.</summary>
    static Func<Vector<double>, (double F, Vector<double> G)> Objective(DataStatistics data, Architecture architecture, NetworkWeights template) => x =>
    {
        var (loss, gradient) = ExpectedLoss.ValueAndGradient(data, architecture, template.Unflatten(x));
        return (loss, gradient.Flatten());
    };

    static (FoundMinimum Point, Vector<double> Gradient, Matrix<double> Hessian) Inspect(Func<Vector<double>, (double F, Vector<double> G)> objective, NetworkWeights template, Vector<double> x, double gradientTolerance)
    {
        var (loss, gradient) = objective(x);
        var hessian = Hessian(v => objective(v).G, x);
        var (smallest, tolerance) = SmallestCurvature(hessian);
        return (new FoundMinimum(loss, template.Unflatten(x), gradient.InfinityNorm(), gradientTolerance, smallest, tolerance), gradient, hessian);
    }

    /// <summary>
    /// Up to eight Newton steps x ← x − t H⁻¹∇L(x) on the finite-difference Hessian H, each with the largest
    /// t ∈ {1, ½, .., 1/64} that lowers ‖∇L‖₂, while the point is not converged or its distance bound exceeds 1e-9;
    /// none where H is not resolved as positive definite (a saddle, or a flat valley), which is then reported as such.
    /// Returns the examined last point.
    /// </summary>
    static FoundMinimum NewtonPolish(Func<Vector<double>, (double F, Vector<double> G)> objective, NetworkWeights template, Vector<double> x, double gradientTolerance)
    {
        var (point, g, hessian) = Inspect(objective, template, x, gradientTolerance);
        for (int iteration = 0; iteration < 8 && (!point.IsConverged || point.DistanceBound > 1e-9) && point.SmallestCurvature > point.CurvatureTolerance; iteration++)
        {
            var newton = ((hessian + hessian.Transpose()) * 0.5).Cholesky().Solve(g);
            Vector<double>? accepted = null;
            for (double t = 1; t >= 1.0 / 64 && accepted is null; t /= 2)
                if (objective(x - t * newton).G.L2Norm() < g.L2Norm()) accepted = x - t * newton;
            if (accepted is null) break;
            x = accepted;
            (point, g, hessian) = Inspect(objective, template, x, gradientTolerance);
        }
        return point;
    }

    /// <summary>
    /// The Hessian at <paramref name="x"/> of any function whose exact gradient is <paramref name="gradient"/>, by the
    /// same symmetrised central differences as the expected loss's (step 1e-5·max(1, ‖x‖∞)). Notebook 08 reads the
    /// curvature of its other losses (<see cref="LinearChain.Hessian"/>, the smoothed counterexample) with it.
    /// </summary>
    public static Matrix<double> FiniteDifferenceHessian(Func<Vector<double>, Vector<double>> gradient, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(x);
        var hessian = Hessian(gradient, x);
        return (hessian + hessian.Transpose()) * 0.5;
    }

    /// <summary>
    /// The Hessian at <paramref name="x"/>, each column a central difference of the exact gradient with step
    /// h = 1e-5·max(1, ‖x‖∞): truncation O(h²·L⁗) and round-off O(ε₆₄·|∇L terms|/h), and not symmetrised, so that
    /// its asymmetry measures that error (<see cref="SmallestCurvature"/>).
    /// </summary>
    static Matrix<double> Hessian(Func<Vector<double>, Vector<double>> gradient, Vector<double> x)
    {
        int p = x.Count;
        double h = 1e-5 * Math.Max(1, x.InfinityNorm());
        var hessian = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < p; i++)
        {
            var plus = x.Clone(); plus[i] += h;
            var minus = x.Clone(); minus[i] -= h;
            hessian.SetColumn(i, (gradient(plus) - gradient(minus)) / (2 * h));
        }
        return hessian;
    }

    /// <summary>
    /// The smallest eigenvalue of the symmetric part of a finite-difference <see cref="Hessian"/>, and how far below zero
    /// error alone can put it. The true Hessian is symmetric, so the antisymmetric part E_a = (H − Hᵀ)/2 is pure error,
    /// and the symmetric part's error, whose spectral norm bounds how far any eigenvalue moves, is of the same size
    /// (the errors of H_ij and H_ji are independent). The tolerance is 10‖E_a‖₂, and at least 1e-10 of the largest
    /// |eigenvalue| (and 1e-10) for a point where the error happens to be symmetric. Measured ‖E_a‖₂ is about 1e-11 of
    /// the largest eigenvalue on the tests' problems.
    /// </summary>
    static (double Smallest, double Tolerance) SmallestCurvature(Matrix<double> hessian)
    {
        var symmetric = (hessian + hessian.Transpose()) * 0.5;
        double asymmetry = ((hessian - hessian.Transpose()) * 0.5).L2Norm();
        var eigenvalues = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        return (eigenvalues.Min(), Math.Max(10 * asymmetry, 1e-10 * Math.Max(1, eigenvalues.Max(Math.Abs))));
    }

    /// <summary>
    /// Limited-memory BFGS with a backtracking Armijo line search and a cap on the step length. Where a trial step changes f
    /// by less than its round-off (1e-14·max(1, |f|)) the Armijo test cannot judge it, and a step that shrinks the
    /// directional derivative by 10% is taken instead, so that the search goes on by the gradient (without this it stalls
    /// at ‖∇‖∞ of order √(λ_max·ε₆₄·|f|): 1e-4 was measured at f ≈ 4e5). Returns the last point, its value, its ‖∇‖∞ and why it
    /// stopped; only <see cref="LbfgsStop.Converged"/> means ‖∇‖∞ ≤ <paramref name="gradientTolerance"/>.
    /// </summary>
    public static (Vector<double> X, double F, double GradientNorm, LbfgsStop Stop) Lbfgs(Func<Vector<double>, (double F, Vector<double> G)> objective, Vector<double> x0, double gradientTolerance, int maxIterations, int memory = 12)
    {
        var x = x0.Clone();
        var (f, g) = objective(x);
        var sList = new List<Vector<double>>();
        var yList = new List<Vector<double>>();
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (g.InfinityNorm() <= gradientTolerance) return (x, f, g.InfinityNorm(), LbfgsStop.Converged);
            var direction = -TwoLoop(g, sList, yList);
            double slope = direction.DotProduct(g);
            if (slope >= 0) { direction = -g; slope = -g.DotProduct(g); sList.Clear(); yList.Clear(); }
            // a trust cap: no trial step longer than 20% of the current distance from the origin (plus 0.01), so
            // the search follows the descent path from its start instead of jumping into another basin
            double step = Math.Min(1, (0.2 * x.L2Norm() + 0.01) / direction.L2Norm());
            Vector<double> xNew;
            double fNew;
            Vector<double> gNew;
            while (true)
            {
                xNew = x + step * direction;
                (fNew, gNew) = objective(xNew);
                if (fNew <= f + 1e-4 * step * slope) break;
                // the curvature half of the Wolfe conditions, where the Armijo half is below round-off
                bool unresolved = Math.Abs(fNew - f) <= 1e-14 * Math.Max(1, Math.Abs(f));
                if (unresolved && Math.Abs(gNew.DotProduct(direction)) <= 0.9 * Math.Abs(slope)) break;
                step *= 0.5;
                if (step < 1e-20) return (x, f, g.InfinityNorm(), LbfgsStop.LineSearchFailed);
            }
            var sk = xNew - x;
            var yk = gNew - g;
            if (sk.DotProduct(yk) > 1e-300)
            {
                sList.Add(sk);
                yList.Add(yk);
                if (sList.Count > memory) { sList.RemoveAt(0); yList.RemoveAt(0); }
            }
            bool stalled = Math.Abs(f - fNew) <= 1e-16 * Math.Max(1, Math.Abs(f)) && sk.InfinityNorm() <= 1e-15 * Math.Max(1, x.InfinityNorm());
            (x, f, g) = (xNew, fNew, gNew);
            if (stalled) return (x, f, g.InfinityNorm(), g.InfinityNorm() <= gradientTolerance ? LbfgsStop.Converged : LbfgsStop.Stalled);
        }
        return (x, f, g.InfinityNorm(), g.InfinityNorm() <= gradientTolerance ? LbfgsStop.Converged : LbfgsStop.IterationLimit);
    }

    static Vector<double> TwoLoop(Vector<double> g, List<Vector<double>> s, List<Vector<double>> y)
    {
        var q = g.Clone();
        var alpha = new double[s.Count];
        for (int i = s.Count - 1; i >= 0; i--)
        {
            alpha[i] = s[i].DotProduct(q) / y[i].DotProduct(s[i]);
            q -= alpha[i] * y[i];
        }
        if (s.Count > 0) q *= s[^1].DotProduct(y[^1]) / y[^1].DotProduct(y[^1]);
        for (int i = 0; i < s.Count; i++)
        {
            double beta = y[i].DotProduct(q) / y[i].DotProduct(s[i]);
            q += (alpha[i] - beta) * s[i];
        }
        return q;
    }
}
