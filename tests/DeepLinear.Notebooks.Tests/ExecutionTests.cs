using DeepLinear.Interactive;
using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>What a successful run puts into the executed notebook: streams, displays, updates, trailing values.</summary>
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
        Assert.Equal("hello from stdout\n", Outputs.Of(nb, 2)[0]["text"]!.GetValue<string>());
        Assert.Equal("stderr", Outputs.Of(nb, 2)[1]["name"]!.GetValue<string>());
        var displays = Outputs.Of(nb, 3);
        Assert.Equal(["display_data", "display_data"], Outputs.Types(displays));
        Assert.Equal("step 3", Outputs.Data(displays[0], "text/plain"));
        Assert.Contains("<b id=\"bold\">bold</b>", Outputs.Data(displays[1], "text/html"));
        var result4 = Assert.Single(Outputs.Of(nb, 4));
        Assert.Equal("execute_result", result4["output_type"]!.GetValue<string>());
        Assert.Equal("42", Outputs.Data(result4, "text/plain"));
        Assert.Equal(3, result4["execution_count"]!.GetValue<int>());
        Assert.Equal("1,2,3", Outputs.Data(Assert.Single(Outputs.Of(nb, 5)), "text/plain"));
        Assert.Equal([1, 2, 3, 4], nb.Cells.Skip(1).Select(c => c.Json["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public void Foreign_notebook_with_MathNet_and_Plotly_runs_unchanged()
    {
        var result = Repo.Run("foreign");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal("8", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 3)), "text/plain"));
        var chart = Assert.Single(Outputs.Of(result.Executed, 4));
        Assert.Contains("Plotly.newPlot", Outputs.Data(chart, "text/html"));
        var figure = chart["data"]![ChartFormatting.PlotlyMime]!;
        Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(4.0, figure["data"]![0]!["y"]![2]!.GetValue<double>());
        Assert.Matches(@"^Plotly chart .*with 1 trace\(s\)$", Outputs.Data(chart, "text/plain"));
        Assert.Equal("6", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 5)), "text/plain"));
    }

    [Fact]
    public void Display_handle_kept_in_a_variable_updates_its_output_from_a_later_cell()
    {
        var result = Repo.Run("late-update");

        Assert.Equal("done", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/plain"));
        Assert.Equal("System.TimeoutException", result.Failure!.ErrorType);
        Assert.Equal(2, result.Failure.Line);
    }

    [Fact]
    public void Trailing_null_is_shown_and_void_calls_or_display_handles_are_not()
    {
        var result = Repo.Run("trailing-values");

        Assert.True(result.Succeeded, result.Failure?.Report);
        var nullResult = Assert.Single(Outputs.Of(result.Executed, 1));
        Assert.Equal("execute_result", nullResult["output_type"]!.GetValue<string>());
        Assert.Equal("<null>", Outputs.Data(nullResult, "text/plain"));
        Assert.Equal(["stream"], Outputs.Types(Outputs.Of(result.Executed, 2)));
        Assert.Equal(["display_data"], Outputs.Types(Outputs.Of(result.Executed, 3)));
    }

    [Fact]
    public void Formatter_Register_in_a_notebook_formats_later_values()
    {
        var result = Repo.Run("formatter");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal("w1*w2 = 6", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain"));
    }

    [Fact]
    public void Path_reference_to_an_assembly_the_runner_has_loaded_reuses_it()
    {
        Probe.Value = 0;
        var result = Repo.Run("path-reference");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(42, Probe.Value);
        Assert.Equal("42", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 1)), "text/plain"));
    }

    [Fact]
    public void Library_referenced_by_build_path_is_the_copy_shipped_with_the_runner()
    {
        var result = Repo.Run("library-reference");

        Assert.True(result.Succeeded, result.Failure?.Report);
        var location = Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain");
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "DeepLinear.dll"), location);
    }

    [Fact]
    public void TorchSharp_notebook_takes_optimizer_steps()
    {
        var result = Repo.Run("torch");

        Assert.True(result.Succeeded, result.Failure?.Report);
        var outputs = Outputs.Of(result.Executed, 3);
        Assert.StartsWith("before=", outputs[0]["text"]!.GetValue<string>());
        Assert.Equal("True", Outputs.Data(outputs[1], "text/plain"));
    }
}

/// <summary>Notebooks written by older .NET Interactive versions (dotnet_interactive metadata, nbformat 4.2, stale outputs).</summary>
public class CompatibilityTests
{
    [Fact]
    public void Legacy_dotnet_interactive_notebook_runs_and_stale_outputs_are_replaced()
    {
        var result = Repo.Run("vscode-legacy");

        Assert.True(result.Succeeded, result.Failure?.Report);
        Assert.Equal(2, result.CodeCells);
        Assert.Empty(result.Executed.Cells[0].Outputs);
        Assert.Equal("hi", Outputs.Data(Assert.Single(Outputs.Of(result.Executed, 2)), "text/plain"));
        var outputs = Outputs.Of(result.Executed, 4);
        Assert.Equal(["display_data", "stream", "display_data"], Outputs.Types(outputs));
        Assert.Equal(["text/html"], outputs[0]["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("<i>italic</i>", Outputs.Data(outputs[0], "text/html"));
        Assert.Equal("after await\n", outputs[1]["text"]!.GetValue<string>());
        Assert.Equal("2", Outputs.Data(outputs[2], "text/plain"));
    }

    [Fact]
    public void Notebook_of_another_kernel_is_rejected_at_its_first_cell()
    {
        var failure = Repo.Run("python-kernel").Failure!;

        Assert.Equal(1, failure.CellNumber);
        Assert.Contains("kernel language 'python3'", failure.Message);
    }
}
