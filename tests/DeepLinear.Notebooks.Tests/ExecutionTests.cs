using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// What a successful run in the real kernel puts into the executed notebook: streams, displays updated in place,
/// return values as execute_result (the C# kernel formats numbers as <c>text/html</c>, strings as <c>text/plain</c>).
/// </summary>
public class ExecutionTests
{
    [Fact]
    public void Basics_notebook_captures_streams_displays_updates_and_trailing_values()
    {
        var result = Repo.Run("basics");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(4, result.CodeCells);
        Assert.Equal(4, result.ExecutedCells);
        var nb = result.Executed;
        Assert.Null(nb.Cells[0].Json["outputs"]);
        Assert.Equal(["stream", "stream"], Outputs.Types(Outputs.Of(nb, 2)));
        Assert.Equal("hello from stdout\n", Outputs.Text(Outputs.Of(nb, 2)[0]));
        Assert.Equal("stderr", Outputs.Of(nb, 2)[1]["name"]!.GetValue<string>());
        Assert.Equal("warning on stderr\n", Outputs.Text(Outputs.Of(nb, 2)[1]));
        var displays = Outputs.Of(nb, 3).Where(o => o["output_type"]!.GetValue<string>() == "display_data").ToList();
        Assert.Equal(2, displays.Count);
        Assert.Equal("step 3", Outputs.Data(displays[0], "text/plain"));
        Assert.Equal("<b id=\"bold\">bold</b>", Outputs.Data(displays[1], "text/html"));
        var value = Assert.Single(Outputs.Of(nb, 4));
        Assert.Equal("execute_result", value["output_type"]!.GetValue<string>());
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", Outputs.Data(value, "text/html"));
        Assert.Equal(3, value["execution_count"]!.GetValue<int>());
        Assert.Equal("1,2,3", Outputs.Data(Assert.Single(Outputs.Of(nb, 5)), "text/plain"));
        Assert.Equal([1, 2, 3, 4], nb.Cells.Skip(1).Select(c => c.Json["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public void Foreign_notebook_with_a_NuGet_package_and_a_Plotly_figure_runs_unchanged()
    {
        var result = Repo.Run("foreign");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Contains("<pre>8</pre>", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 3)), "text/html"));
        var chart = Assert.Single(Outputs.Of(result.Executed, 4));
        var figure = Site.PageRenderer.Figure(chart["data"]![Site.PageRenderer.PlotlyMime])!;
        Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(4.0, figure["data"]![0]!["y"]![2]!.GetValue<double>());
        Assert.Contains("<pre>6</pre>", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 5)), "text/html"));
    }

    [Fact]
    public void Display_handle_kept_in_a_variable_updates_its_output_from_a_later_cell()
    {
        var result = Repo.Run("late-update");

        Assert.Equal("done", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/plain"));
        Stopped.At(result, 2, 2, "System.TimeoutException");
    }

    [Fact]
    public void Trailing_null_is_shown_and_void_calls_or_display_handles_are_not()
    {
        var result = Repo.Run("trailing-values");

        Assert.True(result.Succeeded, result.Failure?.Report);
        var nullResult = Assert.Single(Outputs.Of(result.Executed, 1));
        Assert.Equal("execute_result", nullResult["output_type"]!.GetValue<string>());
        Assert.Contains("<pre>&lt;null&gt;</pre>", Outputs.Data(nullResult, "text/html"));
        Assert.Equal(["stream"], Outputs.Types(Outputs.Of(result.Executed, 2)));
        var shown = Assert.Single(Outputs.Of(result.Executed, 3));
        Assert.Equal("display_data", shown["output_type"]!.GetValue<string>());
        Assert.Equal("shown once", Outputs.Data(shown, "text/plain"));
    }

    [Fact]
    public void Formatter_Register_in_a_notebook_formats_later_values()
    {
        var result = Repo.Run("formatter");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal("w1*w2 = 6", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain"));
    }

    [Fact]
    public void Library_referenced_by_build_path_relative_to_the_notebook_is_loaded_from_that_file()
    {
        var result = Repo.Run("library-reference");

        Assert.True(result.Succeeded, result.Failure?.Report);
        var location = Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain");
        Assert.Equal(Path.Combine(Repo.Root, "lib", "DeepLinear", "bin", "Release", "net10.0", "DeepLinear.dll"), location);
    }

    [Fact]
    public void FSharp_notebook_runs_its_cells_in_the_FSharp_kernel()
    {
        var result = Repo.Run("fsharp-notebook");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Contains("<pre>42</pre>", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/html"));
        Assert.Equal("43\n", string.Concat(Outputs.Of(result.Executed, 2).Select(Outputs.Text)));
        Assert.Equal("let answer = 6 * 7\nanswer", result.Executed.Cells[0].Source);
    }
}

/// <summary>Notebooks written by older .NET Interactive versions (dotnet_interactive metadata, nbformat 4.2, stale outputs), and of other kernels.</summary>
public class CompatibilityTests
{
    [Fact]
    public void Legacy_dotnet_interactive_notebook_runs_and_stale_outputs_are_replaced()
    {
        var result = Repo.Run("vscode-legacy");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(3, result.CodeCells);
        Assert.Contains("Written by an older .NET Interactive</h1>", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/html"));
        Assert.Equal("hi", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain"));
        var outputs = Outputs.Of(result.Executed, 4);
        Assert.Equal(["display_data", "stream", "display_data"], Outputs.Types(outputs));
        Assert.Contains("<pre>&lt;i&gt;italic&lt;/i&gt;</pre>", Outputs.Data(outputs[0], "text/html"));
        Assert.Equal("after await\n", Outputs.Text(outputs[1]));
        Assert.Contains("<pre>2</pre>", Outputs.Data(outputs[2], "text/html"));
    }

    [Fact]
    public void Notebook_of_another_kernel_is_rejected_at_its_first_cell_without_starting_a_kernel()
    {
        var result = Repo.Run("python-kernel");

        var failure = Stopped.At(result, 1, null, "UnsupportedKernel");
        Assert.Contains("kernelspec is 'python3'", failure.Message);
        Assert.Equal(0, result.ExecutedCells);
        Assert.Null(result.KernelStart);
    }
}
