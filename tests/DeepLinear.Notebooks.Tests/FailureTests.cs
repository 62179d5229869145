using System.Diagnostics;
using System.Globalization;
using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Every way a notebook can fail in the real kernel is reported with its cell, line and message, and stops the notebook.</summary>
public class FailureTests
{
    [Fact]
    public void Exception_stops_the_notebook_and_names_cell_line_and_message()
    {
        var result = Repo.Run("throws");

        var failure = Stopped.At(result, 3, 2, "System.InvalidOperationException");
        Assert.Equal("throw new InvalidOperationException(\"the loss diverged at step 17\");", failure.SourceLine);
        Assert.Equal("the loss diverged at step 17", failure.Message);
        Assert.StartsWith($"{Repo.Fixture("throws")}: cell 3, line 2: throw new", failure.Report);
        var error = Assert.Single(Outputs.Of(result.Executed, 3));
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.StartsWith("System.InvalidOperationException: the loss diverged at step 17", error["evalue"]!.GetValue<string>());
        Assert.Empty(Outputs.Of(result.Executed, 4)); // its stale output from the file is cleared
        Assert.Null(result.Executed.Cells[3].Json["execution_count"]);
        Assert.Equal(2, result.ExecutedCells);
    }

    [Fact]
    public void A_value_that_throws_while_displayed_is_reported_with_the_exception_inside()
    {
        var failure = Stopped.At(Repo.Run("throws-when-displayed"), 2, 1, "System.ArgumentException");

        Assert.Equal("a check failed while displaying", failure.Message);
    }

    [Fact]
    public void Compilation_error_names_cell_line_and_diagnostic()
    {
        var failure = Stopped.At(Repo.Run("compile-error"), 2, 2, "CompilationError");

        Assert.Equal("var c = undefinedVariable + b;", failure.SourceLine);
        Assert.Equal("(2,9): CS0103: The name 'undefinedVariable' does not exist in the current context", failure.Message);
    }

    [Fact]
    public void FSharp_compile_error_in_a_cell_marked_by_metadata_names_its_own_line()
    {
        var result = Repo.Run("fsharp-error");

        var failure = Stopped.At(result, 3, 2, "CompilationError");
        Assert.Equal("(2,13): The value or constructor 'undefinedThing' is not defined.", failure.Message);
        Assert.Equal("let x = 1\nlet y = x + undefinedThing", result.Executed.Cells[2].Source);
    }

    [Fact]
    public void Package_NuGet_does_not_have_is_reported_at_its_reference()
    {
        var result = Repo.Run("missing-package");

        var failure = Stopped.At(result, 2, 2, "NU1101");
        Assert.StartsWith("Unable to find package DeepLinear.NoSuchPackage.ForTests.", failure.Message);
        Assert.Equal(2, result.ExecutedCells);
        Assert.Empty(Outputs.Of(result.Executed, 3));
    }

    [Fact]
    public void Missing_dll_reference_names_the_file_and_its_line()
    {
        var failure = Stopped.At(Repo.Run("missing-dll"), 1, 1, "CompilationError");

        Assert.Equal("(1,1): CS0006: Metadata file 'libs/Nowhere.Library.dll' could not be found", failure.Message);
    }

    [Fact]
    public void Runaway_cell_is_stopped_at_the_time_limit_and_its_kernel_is_gone()
    {
        var pidFile = Path.Combine(Repo.TempFolder(), "kernel.pid");
        var clock = Stopwatch.StartNew();
        var result = Repo.Run("timeout", new Dictionary<string, string> { ["pidFile"] = pidFile }, TimeSpan.FromSeconds(4));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var failure = Stopped.At(result, 2, null, "CellTimeout");
        Assert.StartsWith("the cell ran longer than the time limit of 4 s and was stopped: ", failure.Message);
        var error = Outputs.Of(result.Executed, 3).Last();
        Assert.Equal("CellTimeout", error["ename"]!.GetValue<string>());
        Assert.Empty(Outputs.Of(result.Executed, 4));
        var pid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        Assert.False(IsRunning(pid), $"the spinning kernel {pid} still runs");
    }

    [Fact]
    public void Native_abort_is_reported_at_its_cell_with_what_the_process_wrote()
    {
        var result = Repo.Run("crash");

        var failure = Stopped.At(result, 3, null, "KernelDied");
        Assert.Equal("the kernel process died while the cell ran (exit code 134, signal 6); kernel output: terminate called: the kernel ends here", failure.Message);
        // The cell's own stdout travels to the client asynchronously and abort() may kill the kernel before it is sent
        // (seen under heavy load), so it is asserted only where it arrived; the error output is always last.
        var outputs = Outputs.Of(result.Executed, 3);
        Assert.Equal("error", Outputs.Types(outputs).Last());
        Assert.All(outputs.Take(outputs.Count - 1), o => Assert.Equal("about to crash\n", Outputs.Text(o)));
        Assert.Empty(Outputs.Of(result.Executed, 4));
        Assert.Equal(2, result.ExecutedCells);
    }

    [Fact]
    public async Task A_kernel_that_does_not_start_is_retried_once_then_reported_at_kernel_start()
    {
        // A startup limit of zero: nbclient gives up on every kernel before it answers, deterministically.
        var events = new List<RunProgress>();
        var runner = new NotebookRunner(new RunnerOptions { StartupTimeout = TimeSpan.Zero, OnProgress = e => { lock (events) events.Add(e); } });
        var result = await runner.RunAsync(Repo.Fixture("basics"));

        var failure = result.Failure ?? throw new Xunit.Sdk.XunitException("a kernel with no time to start ran the notebook");
        Assert.Equal("KernelStartFailed", failure.ErrorType);
        Assert.Equal(0, failure.CellNumber);
        Assert.StartsWith("failed twice before the first cell (a fresh kernel was started once); the second time: ", failure.Message);
        Assert.StartsWith($"{Repo.Fixture("basics")}: before the first cell", failure.Report);
        var retried = Assert.Single(events.OfType<KernelRetried>());
        Assert.StartsWith("KernelStartFailed: ", retried.Reason);
        Assert.Empty(events.OfType<CellStarted>());
        Assert.Equal(0, result.ExecutedCells);
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
