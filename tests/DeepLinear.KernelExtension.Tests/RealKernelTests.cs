using System.Text.Json.Nodes;
using Xunit;

namespace DeepLinear.KernelExtension.Tests;

/// <summary>
/// The fixtures of real-kernel/, each executed in the pinned .NET Interactive kernel through Jupyter's client: what
/// must work whatever a notebook calls first, and what the kernel does without the extension.
/// </summary>
public class RealKernelTests
{
    [Fact]
    public void Torch_called_before_any_DeepLinear_type_computes_with_the_packages_own_libtorch()
    {
        var cells = RealKernel.Run(Repo.Fixture("torch-first"));

        Assert.All(cells, c => Assert.Empty(c.Errors));
        Assert.Contains("sum of squares: 56", cells[1].Stdout);
        var mapped = cells[2].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l["mapped: ".Length..]).ToList();
        var libtorch = mapped.Where(p => Path.GetFileName(p).StartsWith("libtorch_cpu.so", StringComparison.Ordinal)).ToList();
        // exactly one libtorch, the restored package's, even where Debian's libtorch_cpu.so.1.13 is on the loader's path
        Assert.Single(libtorch);
        Assert.EndsWith("/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libtorch_cpu.so", libtorch[0]);
        Assert.Contains(mapped, p => p.EndsWith("/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so", StringComparison.Ordinal));
    }

    [Fact]
    public void Plotly_called_before_any_DeepLinear_type_displays_a_plotly_figure()
    {
        var cells = RealKernel.Run(Repo.Fixture("plotly-first"));

        Assert.All(cells, c => Assert.Empty(c.Errors));
        var figure = cells[1].Json("application/vnd.plotly.v1+json");
        Assert.NotNull(figure);
        var trace = figure!["data"]![0]!;
        Assert.Equal("direct", (string?)trace["name"]);
        Assert.Equal([4.0, 5.0, 7.0], trace["y"]!.AsArray().Select(v => (double)v!));
        Assert.Contains("Plotly.newPlot", CellOutputs.Text(cells[1].Data("text/html")));
    }

    [Fact]
    public void Without_the_extension_the_kernel_cannot_bind_Plotly_NET_to_its_FSharp_Core()
    {
        var cells = RealKernel.Run(Repo.Fixture("plotly-without-extension"));

        Assert.Empty(cells[0].Errors);
        var error = Assert.Single(cells[1].Errors);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", error);
        Assert.Null(cells[1].Data("application/vnd.plotly.v1+json"));
    }
}
