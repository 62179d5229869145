using System.Globalization;

namespace DeepLinear.Cli;

/// <summary>
/// An axis of a grid on the command line: <c>A:B:N</c>, N values from A to B spaced evenly in log (A, B &gt; 0), or
/// a comma list <c>a,b,c</c> of the values themselves.
/// </summary>
internal static class AxisValues
{
    /// <summary>The most values one axis may have.</summary>
    public const int MaxCount = 100_000;

    public static double[] Parse(string flag, string text, bool allowZero)
    {
        string rule = allowZero ? ">= 0" : "> 0";
        var parts = text.Split(':');
        if (parts.Length == 3)
        {
            double a = Value(flag, parts[0], allowZero: false, " (A:B:N is spaced in log)"), b = Value(flag, parts[1], allowZero: false, " (A:B:N is spaced in log)");
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > MaxCount)
                throw new UsageException($"{flag} {text}: N in A:B:N must be an integer from 1 to {MaxCount}, got '{parts[2]}'");
            if (n == 1) return [a];
            double ratio = b / a;
            return Enumerable.Range(0, n).Select(i => i == 0 ? a : i == n - 1 ? b
                : double.IsNormal(ratio) ? a * Math.Pow(ratio, (double)i / (n - 1)) : Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * i / (n - 1))).ToArray();
        }
        if (parts.Length != 1) throw new UsageException($"{flag} {text}: expected A:B:N (N log-spaced values from A to B) or a comma list of numbers {rule}");
        var values = text.Split(',').Select(v => Value(flag, v, allowZero, "")).ToArray();
        if (values.Length > MaxCount) throw new UsageException($"{flag}: at most {MaxCount} values, got {values.Length}");
        return values;
    }

    static double Value(string flag, string text, bool allowZero, string why)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x) || x < 0 || (x == 0 && !allowZero))
            throw new UsageException($"{flag}: '{text}' is not a finite number {(allowZero ? ">= 0" : "> 0")}{why}");
        return x;
    }
}
