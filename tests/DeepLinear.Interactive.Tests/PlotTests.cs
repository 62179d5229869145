using System.Text.Json.Nodes;
using DeepLinear.Interactive;
using Plotly.NET;
using Xunit;

namespace DeepLinear.Interactive.Tests;

/// <summary>The house chart helpers: what a reader sees in the legend and which curves share a colour.</summary>
public class PlotTests
{
    [Fact]
    public void Theory_and_measured_curves_of_one_group_share_a_colour_and_other_curves_get_their_own()
    {
        var chart = Plot.Lines("t", "x (units)", "y (units)",
        [
            Plot.Theory("exact, D = 1", [1.0, 2], [1.0, 2], group: "D = 1"),
            Plot.Measured("trained, D = 1", [1.0, 2], [1.1, 2.1], group: "D = 1"),
            Plot.Theory("exact, D = 2", [1.0, 2], [3.0, 4], group: "D = 2"),
            Plot.Theory("reference", [1.0, 2], [0.0, 0]),
            Plot.Measured("trained, D = 2", [1.0, 2], [3.1, 4.1], group: "D = 2"),
        ]);

        var data = JsonNode.Parse(GenericChart.toFigureJson(chart))!["data"]!.AsArray();
        string ColorOf(int i) => (data[i]!["line"]?["color"] ?? data[i]!["marker"]!["color"])!.GetValue<string>();
        Assert.Equal(["theory: exact, D = 1", "measured: trained, D = 1", "theory: exact, D = 2", "theory: reference", "measured: trained, D = 2"],
            data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(ColorOf(0), ColorOf(1));
        Assert.Equal(ColorOf(2), ColorOf(4));
        Assert.Equal(3, new[] { ColorOf(0), ColorOf(2), ColorOf(3) }.Distinct().Count());
        Assert.Equal("lines", data[0]!["mode"]!.GetValue<string>());
        Assert.Equal("markers", data[1]!["mode"]!.GetValue<string>());
    }
}
