using DeepLinear.Notebooks.Ipynb;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// A notebook written for Polyglot Notebooks rather than for this project runs unchanged: a package from NuGet that
/// Directory.Packages.props does not pin, an F# cell marked by metadata only, <c>#!share</c> and <c>#!set</c>
/// between kernels, <c>#!time</c>, an HTML cell, and a progress display updated in place.
/// </summary>
public class RealKernelTests
{
    static readonly Lazy<Execution.NotebookResult> Polyglot = new(() => Repo.Run("polyglot"));

    [Fact]
    public void Every_cell_runs_in_its_kernel()
    {
        var result = Polyglot.Value;

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(6, result.CodeCells);
        Assert.Equal(6, result.ExecutedCells);
        Assert.Empty(Outputs.Errors(result.Executed));
    }

    [Fact]
    public void Unpinned_NuGet_package_is_restored_and_used()
    {
        var outputs = Outputs.Of(Polyglot.Value.Executed, 2);

        Assert.Contains("Humanizer.Core, 2.14.1", Outputs.Data(outputs[0], "text/html"));
        Assert.Equal("one thousand two hundred and thirty-four", Outputs.Data(outputs[^1], "text/plain"));
    }

    [Fact]
    public void FSharp_cell_by_metadata_and_values_shared_both_ways()
    {
        var nb = Polyglot.Value.Executed;

        Assert.Contains("<pre>30</pre>", Value(nb, 3));
        Assert.Contains("<pre>300</pre>", Value(nb, 4));
        Assert.Contains("<pre>5051</pre>", Value(nb, 6));
        Assert.Equal("let squares = [ for i in 1 .. 4 -> i * i ]\nlet sumOfSquares = List.sum squares\nsumOfSquares", nb.Cells[2].Source);
    }

    [Fact]
    public void Time_magic_and_progress_display_updated_in_place()
    {
        var outputs = Outputs.Of(Polyglot.Value.Executed, 5);

        Assert.Equal(["display_data", "execute_result", "display_data"], Outputs.Types(outputs));
        Assert.Equal("counted to 100", Outputs.Data(outputs[0], "text/plain"));
        Assert.Contains("<pre>5050</pre>", Outputs.Data(outputs[1], "text/html"));
        Assert.StartsWith("Wall time: ", Outputs.Data(outputs[2], "text/plain"));
    }

    [Fact]
    public void Html_cell_is_rendered_by_the_html_kernel()
    {
        var output = Assert.Single(Outputs.Of(Polyglot.Value.Executed, 7));

        Assert.Equal("<b id=\"from-html\">an HTML cell</b>", Outputs.Data(output, "text/html"));
    }

    static string Value(Notebook nb, int cell) =>
        Outputs.Data(Outputs.Of(nb, cell).Single(o => o["output_type"]!.GetValue<string>() == "execute_result"), "text/html");
}
