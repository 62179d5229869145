using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepLinear.Interactive;

/// <summary>Thrown by <see cref="Check"/> when theory and measurement disagree; the message says by how much.</summary>
public sealed class CheckFailedException(string message) : Exception(message);

/// <summary>
/// The outcome of a passed check; notebooks end a check cell with it, so the reader sees what was confirmed.
/// It formats itself as its "✓ what: detail" line, in the runner and in the .NET Interactive kernel alike.
/// </summary>
[TypeFormatterSource(typeof(CheckResultFormatters))]
public sealed record CheckResult(string What, string Detail)
{
    public override string ToString() => $"✓ {What}: {Detail}";
}

/// <summary>
/// In-notebook checks where theory meets numbers: each passes quietly with a <see cref="CheckResult"/> or
/// throws <see cref="CheckFailedException"/>, which stops a headless run at that cell.
/// </summary>
public static class Check
{
    /// <summary>Passes when |measured − theory| ≤ relative·|theory| + absolute.</summary>
    public static CheckResult Close(double theory, double measured, double relative, double absolute = 0, string what = "value")
    {
        if (!(relative >= 0) || !(absolute >= 0)) throw new ArgumentException($"tolerances must be >= 0, got relative {relative}, absolute {absolute}");
        double allowed = relative * Math.Abs(theory) + absolute;
        double difference = Math.Abs(measured - theory);
        string detail = $"theory {theory:G6}, measured {measured:G6}, |difference| {difference:G3}";
        if (!double.IsFinite(theory) || !double.IsFinite(measured) || difference > allowed)
            throw new CheckFailedException($"Check failed: {what}: {detail} exceeds the allowed {allowed:G3} (relative {relative:G3}, absolute {absolute:G3})");
        return new CheckResult(what, $"{detail} ≤ {allowed:G3}");
    }

    /// <summary>Passes when <paramref name="condition"/> holds; <paramref name="what"/> states the claim.</summary>
    public static CheckResult That(bool condition, string what, string detail = "holds")
    {
        if (!condition) throw new CheckFailedException($"Check failed: {what}" + (detail == "holds" ? "" : $" ({detail})"));
        return new CheckResult(what, detail);
    }

    /// <summary>Passes when low ≤ value ≤ high.</summary>
    public static CheckResult InRange(double value, double low, double high, string what)
    {
        if (!(value >= low && value <= high))
            throw new CheckFailedException($"Check failed: {what}: {value:G6} is outside [{low:G6}, {high:G6}]");
        return new CheckResult(what, $"{value:G6} in [{low:G6}, {high:G6}]");
    }

    /// <summary>Passes when the two labels are equal (regimes, kinds, counts as text).</summary>
    public static CheckResult Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailedException($"Check failed: {what}: expected {expected}, got {actual}");
        return new CheckResult(what, $"{actual}");
    }
}

/// <summary>Text and HTML formatters for <see cref="CheckResult"/>, found by the Formatter through the type's attribute.</summary>
public sealed class CheckResultFormatters : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters() =>
    [
        new PlainTextFormatter<CheckResult>(r => r.ToString()),
        new HtmlFormatter<CheckResult>(r => $"<div class=\"deeplinear-check\" style=\"color:#1a7f37;font-family:monospace\">{WebUtility.HtmlEncode(r.ToString())}</div>"),
    ];
}
