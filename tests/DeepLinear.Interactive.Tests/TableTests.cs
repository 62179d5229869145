using DeepLinear.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace DeepLinear.Interactive.Tests;

/// <summary>Tables of results: columns from properties, numbers to the asked digits, one HTML style with the checks.</summary>
public class TableTests
{
    [Fact]
    public void Rows_become_columns_of_their_properties_with_numbers_rounded()
    {
        var table = Table.Of(new[] { new { D = 2, Ratio = 1.190381229, Name = "a<b" }, new { D = 10, Ratio = 1.5, Name = "c" } }, digits: 3);
        Assert.Equal(new[] { "D", "Ratio", "Name" }, table.Columns);
        Assert.Equal(new[] { "2", "1.19", "a<b" }, table.Rows[0]);
        Assert.Equal("D   Ratio  Name" + Environment.NewLine + "2   1.19   a<b" + Environment.NewLine + "10  1.5    c", table.ToDisplayString("text/plain"));
        string html = table.ToDisplayString("text/html");
        Assert.StartsWith("<table class=\"deeplinear-table\"", html);
        Assert.Contains("a&lt;b", html);
        Assert.Equal(new HashSet<int> { 2 }, table.TextColumns);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("digits", Assert.Throws<ArgumentOutOfRangeException>(() => Table.Of(new[] { new { A = 1.0 } }, digits: 0)).ParamName);
        Assert.Throws<ArgumentException>(() => Table.Of(new[] { 1.0 }));
    }
}
