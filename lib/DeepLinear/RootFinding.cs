using MathNet.Numerics.RootFinding;

namespace DeepLinear;

/// <summary>
/// The three one-dimensional searches of the exact solver, each bounded by a <see cref="SolverSettings"/> entry:
/// widening a bracket outward by doubling steps, bisecting a monotone yes/no question to its threshold, and
/// finding a root of a function that changes sign (Brent, with bisection as the fallback). Used by
/// <see cref="Landscape.StationaryPoints"/> (roots of φ in u = log τ) and <see cref="RegimeDiagram"/> (critical
/// signals and decays, in logs).
/// </summary>
internal static class RootFinding
{
    /// <summary>
    /// The first point of start + direction·(1, 2, 4, …, <paramref name="reach"/>) where <paramref name="holds"/>
    /// is true, with the point tried before it (<paramref name="start"/> for the first): a bracket of the change
    /// of a question that is false at <paramref name="start"/>. Null when it is false up to the reach. The last
    /// step is cut to the reach, so the reach itself is always tried.
    /// </summary>
    public static (double Before, double At)? Widen(double start, int direction, Func<double, bool> holds, double reach)
    {
        double before = start;
        for (double step = 1; ; step *= 2)
        {
            double offset = Math.Min(step, reach);
            double at = start + direction * offset;
            if (holds(at)) return (before, at);
            if (offset >= reach) return null;
            before = at;
        }
    }

    /// <summary>
    /// The threshold of a question that is false at <paramref name="low"/> and true at <paramref name="high"/>
    /// and changes once between them: bisection until the bracket is at most <paramref name="width"/> wide (0: to
    /// adjacent doubles) or after <paramref name="limit"/> halvings; the midpoint of the last bracket.
    /// </summary>
    public static double Threshold(double low, double high, Func<double, bool> holds, double width, int limit)
    {
        for (int i = 0; i < limit && high - low > width; i++)
        {
            double mid = 0.5 * (low + high);
            if (mid <= low || mid >= high) break;
            if (holds(mid)) high = mid; else low = mid;
        }
        return 0.5 * (low + high);
    }

    /// <summary>
    /// A root of <paramref name="f"/> in [lo, hi], where f changes sign: Brent's method to
    /// <see cref="SolverSettings.RootAccuracy"/>, and where it does not converge within
    /// <see cref="SolverSettings.RootIterations"/>, bisection to adjacent doubles (an exact zero ends it early).
    /// </summary>
    public static double Root(Func<double, double> f, double lo, double hi, SolverSettings settings)
    {
        if (Brent.TryFindRoot(f, lo, hi, settings.RootAccuracy, settings.RootIterations, out double root)) return root;
        double fLo = f(lo);
        if (fLo == 0) return lo;
        for (int i = 0; i < settings.RootBisections; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            double fMid = f(mid);
            if (fMid == 0) return mid;
            if (Math.Sign(fMid) == Math.Sign(fLo)) (lo, fLo) = (mid, fMid);
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
