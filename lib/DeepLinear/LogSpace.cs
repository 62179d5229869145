namespace DeepLinear;

/// <summary>
/// Sums of positive numbers held as their logarithms, so that statistics from 1e-300 to 1e300 and products over
/// hundreds of layers neither overflow nor underflow: log(eˣ + eʸ) and log Σᵢ e^{xᵢ}, exact for −∞ (a zero term), and eˣ − 1 without cancellation.
/// </summary>
internal static class LogSpace
{
    /// <summary>log(eˣ + eʸ).</summary>
    public static double AddExp(double x, double y)
    {
        if (double.IsNegativeInfinity(x)) return y;
        if (double.IsNegativeInfinity(y)) return x;
        return x > y ? x + Math.Log(1 + Math.Exp(y - x)) : y + Math.Log(1 + Math.Exp(x - y));
    }

    /// <summary>log Σᵢ e^{xᵢ}; −∞ for no terms.</summary>
    public static double SumExp(ReadOnlySpan<double> x)
    {
        double max = double.NegativeInfinity;
        foreach (double v in x) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double v in x) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>
    /// eˣ − 1 to a few ulps for every x (Kahan's form (u − 1)·x/log u with u = eˣ). MathNet's Expm1 is not
    /// used: it is off by 1e-9 relative at x = −0.08.
    /// </summary>
    public static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : double.IsInfinity(u) ? u : um1 * x / Math.Log(u);
    }
}
