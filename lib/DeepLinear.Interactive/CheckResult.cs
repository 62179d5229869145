using Microsoft.DotNet.Interactive.Formatting;

namespace DeepLinear.Interactive;

/// <summary>
/// A passed check: what was checked, what theory expected, what was measured and the allowance it was held to.
/// It displays as a one-row <see cref="CheckTable"/>, so a single check and a cell of many look alike, in the
/// .NET Interactive kernel and on the site.
/// </summary>
[TypeFormatterSource(typeof(CheckFormatters))]
public sealed record CheckResult(string What, string Expected, string Measured, string Allowed)
{
    /// <summary>One line: "✓ what: measured …, expected … (allowed)".</summary>
    public override string ToString() =>
        $"✓ {What}: measured {Measured}, expected {Expected}" + (Allowed.Length == 0 ? "" : $" ({Allowed})");
}

/// <summary>The passed checks of one cell, displayed as one table with a row per check.</summary>
[TypeFormatterSource(typeof(CheckFormatters))]
public sealed record CheckTable(IReadOnlyList<CheckResult> Rows)
{
    /// <summary>One line per check.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Rows);
}

/// <summary>Text and HTML formatters for <see cref="CheckResult"/> and <see cref="CheckTable"/>, found by the Formatter through the types' attribute.</summary>
public sealed class CheckFormatters : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters() =>
    [
        new PlainTextFormatter<CheckResult>(r => r.ToString()),
        new PlainTextFormatter<CheckTable>(t => t.ToString()),
        new HtmlFormatter<CheckResult>(r => Html([r])),
        new HtmlFormatter<CheckTable>(t => Html(t.Rows)),
    ];

    static readonly string[] Headers = ["", "check", "expected", "measured", "allowed"];

    static string Html(IReadOnlyList<CheckResult> rows) =>
        TableHtml.Render("deeplinear-checks", Headers, rows.Select(r => (IReadOnlyList<string>)["✓", r.What, r.Expected, r.Measured, r.Allowed]), new HashSet<int> { 1 }, markColumn: 0);
}
