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
    /// Minimises from the origin and from <paramref name="starts"/> random points (Gaussian entries, scales
    /// spread geometrically over [0.05, 3]) drawn from <paramref name="seed"/>; returns every local minimum
    /// reached, best first.
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
        for (int s = 0; s <= starts; s++)
        {
            var x0 = Vector<double>.Build.Dense(template.ParameterCount);
            if (s > 0)
            {
                double scale = 0.05 * Math.Pow(60, (s - 1) / Math.Max(1.0, starts - 1));
                for (int i = 0; i < x0.Count; i++) x0[i] = scale * Gaussian(random);
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

    /// <summary>Limited-memory BFGS with a backtracking Armijo line search.</summary>
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
            double step = 1;
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

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
