using DeepLinear.Cli;
using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Live progress on stderr: a running cell's elapsed time and latest displayed text, on a clock the test controls.</summary>
public class RunProgressPrinterTests
{
    const string Path = "/work/notebooks/07-collapse.ipynb";

    [Fact]
    public void Plain_output_reports_a_long_cell_every_interval_with_its_latest_text()
    {
        var now = TimeSpan.Zero;
        var stderr = new StringWriter();
        using var printer = new RunProgressPrinter(stderr, terminal: false, nameEveryLine: false, () => now);

        printer.Report(new CellStarted(Path, 7, false));
        printer.Report(new CellOutput(Path, 7, false, "depth 1: 100/2000 steps"));
        now = TimeSpan.FromSeconds(4);
        printer.Tick();
        printer.Report(new CellOutput(Path, 7, false, "depth 2: 300/2000 steps"));
        now = TimeSpan.FromSeconds(5.5);
        printer.Tick();
        now = TimeSpan.FromSeconds(7);
        printer.Tick();
        now = TimeSpan.FromSeconds(10.6);
        printer.Tick();
        printer.Report(new CellFinished(Path, 7, false, 5, 9, TimeSpan.FromSeconds(11), true));

        Assert.Equal("  cell 7 running 6 s: depth 2: 300/2000 steps\n  cell 7 running 11 s: depth 2: 300/2000 steps\n  cell 7 (5/9 code) ok 11.00 s\n",
            stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Terminal_output_rewrites_one_live_line_and_clears_it_before_other_lines()
    {
        var now = TimeSpan.Zero;
        var stderr = new StringWriter();
        using var printer = new RunProgressPrinter(stderr, terminal: true, nameEveryLine: true, () => now);

        printer.Report(new CellStarted(Path, 3, false));
        now = TimeSpan.FromSeconds(2);
        printer.Report(new CellOutput(Path, 3, false, "step 40/100"));
        printer.Tick();
        printer.Report(new CellFinished(Path, 3, false, 2, 4, TimeSpan.FromSeconds(2.5), false));

        Assert.Equal("\r\x1b[2K  07-collapse: cell 3 running 2 s: step 40/100\r\x1b[2K  07-collapse: cell 3 (2/4 code) FAILED 2.50 s\n",
            stderr.ToString().Replace("\r\n", "\n").Replace("\n\r", "\r"));
    }

    [Fact]
    public void A_retry_is_one_line_with_its_reason_then_the_kernel_start()
    {
        var stderr = new StringWriter();
        using var printer = new RunProgressPrinter(stderr, terminal: false, nameEveryLine: true, () => TimeSpan.Zero);

        printer.Report(new KernelRetried(Path, "KernelStartFailed: TimeoutError: Kernel didn't respond in 120 seconds"));
        printer.Report(new KernelStarted(Path, TimeSpan.FromSeconds(125.5)));

        Assert.Equal("  07-collapse: failed before the first cell (KernelStartFailed: TimeoutError: Kernel didn't respond in 120 seconds); starting a fresh kernel\n"
            + "  07-collapse: kernel ready in 125.50 s\n", stderr.ToString().Replace("\r\n", "\n"));
    }
}
