using DeepLinear.Training;
using Xunit;

namespace DeepLinear.Training.Tests;

public class Figure3SweepTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    [InlineData(0.2)]
    public void Data_has_the_requested_signal(double signal)
    {
        var (x, y) = Figure3Sweep.Data(signal, 1000, 5, seed: 4);
        var exy = Enumerable.Range(0, 5).Select(j => Enumerable.Range(0, 1000).Sum(i => x[i, j] * y[i]) / 1000).ToArray();
        Assert.Equal(signal, Math.Sqrt(exy.Sum(v => v * v)), 1e-12);
    }

    [Fact]
    public void Data_is_shared_across_signals_except_for_scale()
    {
        var (x1, y1) = Figure3Sweep.Data(0.1, 50, 5, seed: 4);
        var (x2, y2) = Figure3Sweep.Data(0.2, 50, 5, seed: 4);
        Assert.Equal(x1.Cast<double>(), x2.Cast<double>());
        for (int i = 0; i < 50; i++) Assert.Equal(2 * y1[i], y2[i], 1e-12);
    }

    [Fact]
    public void Sweep_traps_weak_signals_and_fits_strong_ones()
    {
        var points = Figure3Sweep.Run(new Figure3Settings { Signals = [0.01, 0.2], Steps = 3000, WeightDecay = 0.01, Threads = 2 });
        Assert.Equal(6, points.Count);
        foreach (var p in points.Where(p => p.Signal == 0.01 && p.Activation != Activation.Linear))
            Assert.True(p.FinalLoss > 0.95 * p.TrivialLoss, $"{p.Activation} at weak signal should stay near the origin");
        foreach (var p in points.Where(p => p.Signal == 0.2))
            Assert.True(p.FinalLoss < 0.1 * p.TrivialLoss, $"{p.Activation} at strong signal should learn");
        Assert.All(points.Where(p => p.Activation == Activation.Linear), p => Assert.True(p.FinalLoss < 0.01 * p.TrivialLoss));
    }

    /// <summary>A one-activation study trains only those nets and reproduces them bitwise from the full sweep.</summary>
    [Fact]
    public void A_subset_sweep_reproduces_its_part_of_the_full_sweep()
    {
        var full = new Figure3Settings { Signals = [0.05, 0.1, 0.15], Steps = 300, WeightDecay = 0.01 };
        var all = Figure3Sweep.Run(full);
        var tanh = Figure3Sweep.Run(full with { Activations = [Activation.Tanh], IncludeRegressor = false });
        Assert.Equal(all.Where(p => p.Activation == Activation.Tanh), tanh);
    }

    [Fact]
    public void Activations_other_than_the_figures_two_are_refused() =>
        Assert.Contains("ReLU and/or Tanh", Assert.Throws<ArgumentException>(() =>
            Figure3Sweep.Run(new Figure3Settings { Signals = [0.1], Steps = 10, Activations = [Activation.Swish] })).Message);
}
