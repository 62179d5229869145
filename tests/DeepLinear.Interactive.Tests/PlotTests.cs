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

    [Fact]
    public void A_category_keeps_its_colour_across_maps_where_other_categories_are_absent()
    {
        string[] all = ["nontrivial-global", "trivial-global", "trivial-only"];
        var two = Plot.CategoryMap("t", "x (units)", "y (units)", [1.0, 2], [1.0], new[,] { { "nontrivial-global", "trivial-only" } }, categories: all);
        var three = Plot.CategoryMap("t", "x (units)", "y (units)", [1.0, 2, 3], [1.0], new[,] { { "nontrivial-global", "trivial-global", "trivial-only" } }, categories: all);

        // a cell's colour is set by its z value on the colour scale over [zmin, zmax]: all three must agree
        var (a, b) = (Map(two), Map(three));
        Assert.Equal(b["colorscale"]!.ToJsonString(), a["colorscale"]!.ToJsonString());
        Assert.Equal((0.0, 2.0), (a["zmin"]!.GetValue<double>(), a["zmax"]!.GetValue<double>()));
        Assert.Equal((0.0, 2.0), (b["zmin"]!.GetValue<double>(), b["zmax"]!.GetValue<double>()));
        Assert.Equal(b["z"]![0]![0]!.GetValue<double>(), a["z"]![0]![0]!.GetValue<double>());
        Assert.Equal(b["z"]![0]![2]!.GetValue<double>(), a["z"]![0]![1]!.GetValue<double>());
        Assert.Throws<ArgumentException>(() => Plot.CategoryMap("t", "x", "y", [1.0], [1.0], new[,] { { "other" } }, categories: all));
    }

    static JsonNode Map(GenericChart chart) => JsonNode.Parse(GenericChart.toFigureJson(chart))!["data"]![0]!;

    [Fact]
    public void Axes_label_powers_of_ten_not_SI_prefixes()
    {
        var layout = JsonNode.Parse(GenericChart.toFigureJson(Plot.Lines("t", "x (units)", "y (units)", [Plot.Theory("a", [1e-4, 1], [1.0, 2])], logX: true)))!["layout"]!;

        Assert.Equal("power", layout["xaxis"]!["exponentformat"]!.GetValue<string>());
        Assert.Equal("power", layout["yaxis"]!["exponentformat"]!.GetValue<string>());
    }
}
