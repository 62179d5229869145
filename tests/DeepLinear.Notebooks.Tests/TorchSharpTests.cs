using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DeepLinear.Notebooks.Tests;

/// <summary>TorchSharp's native library loads from this build's output on this host (the patched libLibTorchSharp.so).</summary>
public class TorchSharpTests
{
    [Fact]
    public void Loads_and_takes_an_optimizer_step()
    {
        var w = nn.Parameter(tensor(new[] { 0.5f }));
        var optimizer = optim.SGD([w], 0.1);
        var loss = (w - 2f).pow(2).sum();
        loss.backward();
        optimizer.step();

        Assert.Equal(0.8f, w.item<float>(), 5);
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")), "TorchSharp fell back to copying unpatched natives into cpu/");
    }
}
