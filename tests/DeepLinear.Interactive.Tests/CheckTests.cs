using DeepLinear.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace DeepLinear.Interactive.Tests;

/// <summary>The notebooks' checks: the bound each one applies, the message a failure gives, and how passes display.</summary>
public class CheckTests
{
    [Fact]
    public void Close_passes_exactly_up_to_relative_plus_absolute_allowance()
    {
        // allowed = 0.1·|2| + 0.05 = 0.25: 2.25 sits on the bound, 2.2501 is past it
        var passed = Check.Close(2, 2.25, 0.1, 0.05, "x");
        Assert.Equal(("2", "2.25"), (passed.Expected, passed.Measured));
        Assert.Equal("|difference| 0.25 ≤ 0.25", passed.Allowed);
        var failure = Assert.Throws<CheckFailedException>(() => Check.Close(2, 2.2501, 0.1, 0.05, "x"));
        Assert.Equal("Check failed: x: theory 2, measured 2.2501, |difference| 0.2501 exceeds the allowed 0.25 (relative 0.1, absolute 0.05)", failure.Message);
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void Close_fails_on_a_value_that_is_not_finite(double theory, double measured) =>
        Assert.Throws<CheckFailedException>(() => Check.Close(theory, measured, 1, 1, "x"));

    [Fact]
    public void Close_rejects_negative_or_missing_tolerances()
    {
        Assert.Throws<ArgumentException>(() => Check.Close(1, 1, -1e-9));
        Assert.Throws<ArgumentException>(() => Check.Close(1, 1, double.NaN));
    }

    [Fact]
    public void InRange_includes_its_ends_and_names_the_interval_when_it_fails()
    {
        Assert.Equal("in [0, 1]", Check.InRange(1, 0, 1, "r").Expected);
        Assert.Equal("Check failed: r: 1.5 is outside [0, 1]", Assert.Throws<CheckFailedException>(() => Check.InRange(1.5, 0, 1, "r")).Message);
        Assert.Throws<CheckFailedException>(() => Check.InRange(double.NaN, 0, 1, "r"));
    }

    [Fact]
    public void That_and_Equal_report_the_claim()
    {
        Assert.Equal("Check failed: claim (detail)", Assert.Throws<CheckFailedException>(() => Check.That(false, "claim", "detail")).Message);
        Assert.Equal("Check failed: count: expected 3, got 4", Assert.Throws<CheckFailedException>(() => Check.Equal(3, 4, "count")).Message);
        Assert.Equal(("3", "3"), (Check.Equal(3, 3, "count").Expected, Check.Equal(3, 3, "count").Measured));
    }

    [Fact]
    public void A_cell_of_checks_displays_as_one_table_with_a_row_per_check()
    {
        var table = Check.All(Check.Close(1, 1.0001, 1e-3, 0, "first <claim>"), Check.That(true, "second"));
        string html = table.ToDisplayString("text/html");
        Assert.StartsWith("<table class=\"deeplinear-checks\"", html);
        Assert.Equal(2, CountOf(html, "<tr><td"));
        Assert.Contains("first &lt;claim&gt;", html);
        Assert.Equal("✓ first <claim>: measured 1.0001, expected 1 (|difference| 0.0001 ≤ 0.001)" + Environment.NewLine + "✓ second: measured holds, expected holds",
            table.ToDisplayString("text/plain"));
    }

    [Fact]
    public void A_single_check_displays_as_a_one_row_table()
    {
        string html = Check.InRange(0.5, 0, 1, "r").ToDisplayString("text/html");
        Assert.StartsWith("<table class=\"deeplinear-checks\"", html);
        Assert.Equal(1, CountOf(html, "<tr><td"));
        Assert.Equal(new[] { Check.That(true, "a") }.ToTable().Rows.Single(), Check.That(true, "a"));
    }

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
