using DeepLinear.Training;

namespace DeepLinear.Training.Tests;

/// <summary>Small deterministic data sets and a plain autograd reference trainer.</summary>
static class TestData
{
    public static (double[,] X, double[] Y) Regression(int n, int d, int seed, double noise = 0.1)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var v = Enumerable.Range(0, d).Select(_ => Gauss()).ToArray();
        var x = new double[n, d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i, j] = Gauss();
            y[i] = 0.3 + noise * Gauss() + Math.Tanh(Enumerable.Range(0, d).Sum(j => v[j] * x[i, j]));
        }
        return (x, y);
    }

    public static ModelSpec Model(int seed, Activation act, double decay = 0.01, double lr = 0.1, int steps = 100, int n = 40, int d = 3) =>
        Regression(n, d, seed) is var (x, y)
            ? new ModelSpec { Inputs = x, Targets = y, Activation = act, WeightDecay = [decay], LearningRate = lr, Steps = steps, Seed = seed }
            : throw new InvalidOperationException();

    public static double MaxAbsDiff(LayerParameters[] a, LayerParameters[] b)
    {
        double max = 0;
        for (int l = 0; l < a.Length; l++)
        {
            max = Math.Max(max, a[l].Weight.Cast<double>().Zip(b[l].Weight.Cast<double>(), (p, q) => Math.Abs(p - q)).Max());
            max = Math.Max(max, a[l].Bias.Zip(b[l].Bias, (p, q) => Math.Abs(p - q)).DefaultIfEmpty(0).Max());
        }
        return max;
    }
}
