using System.Globalization;

namespace DeepLinear.Interactive;

/// <summary>Thrown by <see cref="Check"/> when theory and measurement disagree; the message says by how much.</summary>
public sealed class CheckFailedException(string message) : Exception(message);

/// <summary>
/// In-notebook checks where theory meets numbers: each passes quietly with a <see cref="CheckResult"/> or
/// throws <see cref="CheckFailedException"/>, which stops a headless run at that cell. A cell that makes several
/// checks ends in <see cref="All(CheckResult[])"/> (or <c>checks.ToTable()</c>), so every check of the collection
/// reads as the same small table: what, expected, measured, allowed, ✓.
/// </summary>
public static class Check
{
    /// <summary>Passes when |measured − theory| ≤ relative·|theory| + absolute.</summary>
    public static CheckResult Close(double theory, double measured, double relative, double absolute = 0, string what = "value")
    {
        if (!(relative >= 0) || !(absolute >= 0)) throw new ArgumentException($"tolerances must be >= 0, got relative {relative}, absolute {absolute}");
        double allowed = relative * Math.Abs(theory) + absolute;
        double difference = Math.Abs(measured - theory);
        if (!double.IsFinite(theory) || !double.IsFinite(measured) || difference > allowed)
            throw new CheckFailedException($"Check failed: {what}: theory {G(theory, 6)}, measured {G(measured, 6)}, |difference| {G(difference, 6)} exceeds the allowed {G(allowed, 6)} (relative {G(relative, 3)}, absolute {G(absolute, 3)})");
        return new CheckResult(what, G(theory, 6), G(measured, 6), $"|difference| {G(difference, 3)} ≤ {G(allowed, 3)}");
    }

    /// <summary>Passes when <paramref name="condition"/> holds; <paramref name="what"/> states the claim.</summary>
    public static CheckResult That(bool condition, string what, string detail = "holds")
    {
        if (!condition) throw new CheckFailedException($"Check failed: {what}" + (detail == "holds" ? "" : $" ({detail})"));
        return new CheckResult(what, "holds", detail, "");
    }

    /// <summary>Passes when low ≤ value ≤ high.</summary>
    public static CheckResult InRange(double value, double low, double high, string what)
    {
        if (!(value >= low && value <= high))
            throw new CheckFailedException($"Check failed: {what}: {G(value, 6)} is outside [{G(low, 6)}, {G(high, 6)}]");
        return new CheckResult(what, $"in [{G(low, 6)}, {G(high, 6)}]", G(value, 6), "");
    }

    /// <summary>Passes when the two labels are equal (regimes, kinds, counts as text).</summary>
    public static CheckResult Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailedException($"Check failed: {what}: expected {expected}, got {actual}");
        return new CheckResult(what, $"{expected}", $"{actual}", "exactly");
    }

    /// <summary>The passed checks of one cell as one table; a cell that checks several things ends in this.</summary>
    public static CheckTable All(params CheckResult[] checks) => new(checks);

    /// <summary>The passed checks of one cell as one table.</summary>
    public static CheckTable ToTable(this IEnumerable<CheckResult> checks) => new(checks.ToArray());

    static string G(double value, int digits) => value.ToString("G" + digits, CultureInfo.InvariantCulture);
}
