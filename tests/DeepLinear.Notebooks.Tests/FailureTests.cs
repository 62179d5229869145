using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Every way a notebook can fail is reported with its cell, line and message, and stops the notebook.</summary>
public class FailureTests
{
    [Fact]
    public void Exception_stops_the_notebook_and_names_cell_line_and_message()
    {
        var result = Repo.Run("throws");

        var failure = Assert.IsType<Execution.NotebookFailure>(result.Failure);
        Assert.Equal(3, failure.CellNumber);
        Assert.Equal(2, failure.Line);
        Assert.Equal("throw new InvalidOperationException(\"the loss diverged at step 17\");", failure.SourceLine);
        Assert.Equal("System.InvalidOperationException", failure.ErrorType);
        Assert.Equal("the loss diverged at step 17", failure.Message);
        Assert.StartsWith($"{Repo.Fixture("throws")}: cell 3, line 2: throw new", failure.Report);
        var error = Assert.Single(Outputs.Of(result.Executed, 3));
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Empty(Outputs.Of(result.Executed, 4)); // its stale output from the file is cleared
        Assert.Null(result.Executed.Cells[3].Json["execution_count"]);
    }

    [Fact]
    public void A_value_that_throws_while_displayed_is_reported_with_the_exception_inside()
    {
        var failure = Repo.Run("throws-when-displayed").Failure!;

        Assert.Equal(2, failure.CellNumber);
        Assert.Equal("System.ArgumentException", failure.ErrorType);
        Assert.Equal("a check failed while displaying", failure.Message);
    }

    [Fact]
    public void Compilation_error_names_cell_line_and_diagnostic()
    {
        var failure = Repo.Run("compile-error").Failure!;

        Assert.Equal(2, failure.CellNumber);
        Assert.Equal(2, failure.Line);
        Assert.Equal("CompilationError", failure.ErrorType);
        Assert.Contains("CS0103", failure.Message);
        Assert.Contains("undefinedVariable", failure.Message);
    }

    [Fact]
    public void Runaway_cell_is_stopped_at_the_time_limit()
    {
        Assert.True(Repo.Run("parameters").Succeeded); // compiler warm-up, so that cell 1 is well inside the limit
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Repo.Run("timeout", timeout: TimeSpan.FromSeconds(4));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var failure = result.Failure!;
        Assert.Equal(2, failure.CellNumber);
        Assert.Equal("CellTimeout", failure.ErrorType);
        Assert.Equal("the cell ran longer than the time limit of 4 s and was stopped", failure.Message);
        Assert.Empty(Outputs.Of(result.Executed, 3));
    }

    [Fact]
    public void Unpinned_package_is_an_error_naming_it()
    {
        var failure = Repo.Run("unpinned").Failure!;

        Assert.Equal(1, failure.CellNumber);
        Assert.Equal(1, failure.Line);
        Assert.Equal("DirectiveError", failure.ErrorType);
        Assert.Contains("package 'Newtonsoft.Json' is not pinned in Directory.Packages.props", failure.Message);
        Assert.Contains("MathNet.Numerics 5.0.0", failure.Message);
    }

    [Fact]
    public void Unpinned_version_is_an_error_naming_the_pinned_one()
    {
        var failure = Repo.Run("wrong-version").Failure!;

        Assert.Equal(2, failure.CellNumber);
        Assert.Equal(2, failure.Line);
        Assert.Contains("version 4.15.0 of 'MathNet.Numerics' is not the pinned one", failure.Message);
        Assert.Contains("pins MathNet.Numerics 5.0.0", failure.Message);
    }

    [Fact]
    public void Cell_in_another_kernel_language_is_an_error_not_a_skip()
    {
        var result = Repo.Run("fsharp-cell");

        var failure = result.Failure!;
        Assert.Equal(3, failure.CellNumber);
        Assert.Equal("UnsupportedKernel", failure.ErrorType);
        Assert.Contains("kernel language 'fsharp'", failure.Message);
        Assert.Equal(0, result.ExecutedCells);
        Assert.Equal(1, result.CodeCells);
    }

    [Fact]
    public void Unsupported_magic_command_is_an_error()
    {
        var failure = Repo.Run("magic").Failure!;

        Assert.Equal(1, failure.CellNumber);
        Assert.Equal(1, failure.Line);
        Assert.Contains("unsupported kernel directive '#!time'", failure.Message);
    }

    [Fact]
    public void Missing_dll_reference_says_where_it_looked()
    {
        var failure = Repo.Run("missing-dll").Failure!;

        Assert.Equal(1, failure.CellNumber);
        Assert.Contains($"file not found at {Path.Combine(Path.GetDirectoryName(Repo.Fixture("missing-dll"))!, "libs", "Nowhere.Library.dll")}", failure.Message);
        Assert.Contains("no assembly named 'Nowhere.Library' is loaded in or shipped with the runner", failure.Message);
    }
}
