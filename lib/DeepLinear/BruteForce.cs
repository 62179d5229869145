using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear;

/// <summary>A local minimum of the full expected loss found by <see cref="BruteForce"/>.</summary>
public sealed record FoundMinimum(double Loss, NetworkWeights Weights, double GradientNorm)
{
    /// <summary>True when the network computes (numerically) zero: ‖U W_D⋯W₁‖ below 1e-6.</summary>
    public bool IsTrivial => Weights.Product().L2Norm() < 1e-6;
}

/// <summary>
/// The independent reference every closed form is tested against: multi-start L-BFGS over all weights
/// (U, W₁..W_D) of the exact expected loss <see cref="ExpectedLoss"/>, knowing nothing of the reduction.
/// Slow by design; for small problems and for the notebooks' "check against brute force" cells.
/// </summary>
public static class BruteForce
{
    /// <summary>
    /// Minimises from the origin and from <paramref name="starts"/> random points drawn from
    /// <paramref name="seed"/>, with scales spread geometrically over [0.05, 3]: even starts have i.i.d.
    /// Gaussian entries; odd starts are random balanced rank-one weights, every layer of Frobenius norm s,
    /// with W₁'s rows along ±E[xy] and random signs elsewhere (a data-dependent initialisation), plus 10%
    /// noise, because shallow nontrivial minima in high dimension are rarely reached from isotropic starts.
    /// No value of the closed-form solution is used. Returns every local minimum reached, best first.
    /// </summary>
    public static IReadOnlyList<FoundMinimum> Minimise(DataStatistics data, Architecture architecture, int starts, int seed, double gradientTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        ArgumentNullException.ThrowIfNull(architecture, nameof(architecture));
        if (starts < 0) throw new ArgumentException($"starts must be >= 0, got {starts}", nameof(starts));
        Guard.Positive(gradientTolerance, nameof(gradientTolerance));
        var template = NetworkWeights.Zero(architecture, data.Dimension);
        var random = new Random(seed);
        var found = new List<FoundMinimum>();
        var direction = data.SignalNorm > 0 ? data.Exy / data.SignalNorm : data.Exy;
        for (int s = 0; s <= starts; s++)
        {
            var x0 = Vector<double>.Build.Dense(template.ParameterCount);
            if (s > 0)
            {
                double scale = 0.05 * Math.Pow(60, (s - 1) / Math.Max(1.0, starts - 1));
                for (int i = 0; i < x0.Count; i++) x0[i] = scale * random.NextGaussian();
                if (s % 2 == 1 && architecture.Depth > 0) x0 = RankOneStart(template, direction, scale, random).Flatten() + 0.1 * x0;
            }
            (double, Vector<double>) Objective(Vector<double> x)
            {
                var (loss, gradient) = ExpectedLoss.ValueAndGradient(data, architecture, template.Unflatten(x));
                return (loss, gradient.Flatten());
            }
            var (xMin, fMin, gNorm) = Lbfgs(Objective, x0, gradientTolerance, 20000);
            found.Add(new FoundMinimum(fMin, template.Unflatten(xMin), gNorm));
        }
        return found.OrderBy(f => f.Loss).ToList();
    }

    /// <summary>Balanced rank-one weights with every layer of Frobenius norm <paramref name="norm"/> and random sign vectors.</summary>
    static NetworkWeights RankOneStart(NetworkWeights template, Vector<double> direction, double norm, Random random)
    {
        Vector<double> Signs(int n) => Vector<double>.Build.Dense(n, _ => (random.Next(2) * 2 - 1) / Math.Sqrt(n));
        var r = template.W.Select(m => Signs(m.RowCount)).ToArray();
        var w = new Matrix<double>[template.Depth];
        w[0] = norm * r[0].OuterProduct(direction);
        for (int k = 1; k < w.Length; k++) w[k] = norm * r[k].OuterProduct(r[k - 1]);
        return new NetworkWeights(norm * r[^1], w);
    }

    /// <summary>Limited-memory BFGS with a backtracking Armijo line search and a cap on the step length.</summary>
    public static (Vector<double> X, double F, double GradientNorm) Lbfgs(Func<Vector<double>, (double F, Vector<double> G)> objective, Vector<double> x0, double gradientTolerance, int maxIterations, int memory = 12)
    {
        var x = x0.Clone();
        var (f, g) = objective(x);
        var sList = new List<Vector<double>>();
        var yList = new List<Vector<double>>();
        for (int iteration = 0; iteration < maxIterations && g.InfinityNorm() > gradientTolerance; iteration++)
        {
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
                step *= 0.5;
                if (step < 1e-20) return (x, f, g.InfinityNorm());
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
            if (stalled) break;
        }
        return (x, f, g.InfinityNorm());
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
