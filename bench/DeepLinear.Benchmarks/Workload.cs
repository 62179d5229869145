using DeepLinear.Training;

namespace DeepLinear.Benchmarks;

/// <summary>The Figure 3 workload: half ReLU, half Tanh D = 2 width-32 nets with biases, n = 1000, x in R^5.</summary>
static class Workload
{
    public const int Samples = 1000, InputDim = 5, Width = 32;
    public const double LearningRate = 0.1, Decay = 0.01;

    public static NetworkShape Shape { get; } = new(InputDim, [Width, Width]);

    public static ModelSpec[] Models(int count, int steps) =>
        Enumerable.Range(0, count).Select(k =>
        {
            var (x, y) = Figure3Sweep.Data(0.01 * (1 + k / 2), Samples, InputDim, seed: 0);
            return new ModelSpec
            {
                Inputs = x, Targets = y, Activation = k < count / 2 ? Activation.Relu : Activation.Tanh,
                WeightDecay = [Decay], LearningRate = LearningRate, Steps = steps, Seed = k,
            };
        }).ToArray();
}
