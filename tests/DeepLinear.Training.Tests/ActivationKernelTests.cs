using DeepLinear.Training;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Training.Tests;

/// <summary>The trainer's activation kernels (ActivationKernels.cs) against the core's one definition of φ.</summary>
public class ActivationKernelTests
{
    [Fact]
    public void Every_activation_trains_with_the_cores_phi()
    {
        // For each value of the one Activation enum, the trainer's noise-free MSE at fixed weights equals the core's
        // sample predictions through ActivationFunctions.Apply. Both are float64 sums over 40 samples of a 3-4-5-1 net,
        // the trainer's tanh within a few ulp of Math.Tanh: they agree to about 1e-15, and we allow 1e-12 relative.
        var (x, y) = TestData.Regression(40, 3, seed: 2);
        var random = new Random(5);
        Matrix<double> Draw(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, (_, _) => random.NextDouble() - 0.5);
        var weights = new NetworkWeights(Vector<double>.Build.Dense(5, _ => random.NextDouble() - 0.5), [Draw(4, 3), Draw(5, 4)]);
        var shape = new NetworkShape(3, [4, 5], bias: false);
        foreach (var activation in Enum.GetValues<Activation>())
        {
            var model = new ModelSpec { Inputs = x, Targets = y, Activation = activation, WeightDecay = [0.0], LearningRate = 0.1, Steps = 0 };
            using var trainer = new BatchedTrainer(shape, [model], new() { Precision = Precision.Float64 });
            trainer.SetParameters(0, weights.ToLayerParameters());
            double trained = trainer.Evaluate().Mse[0];
            var f = SampleLoss.Predictions(Matrix<double>.Build.DenseOfArray(x), weights, activation);
            double core = (f - Vector<double>.Build.DenseOfArray(y)).PointwisePower(2).Sum() / y.Length;
            Assert.True(Math.Abs(trained - core) <= 1e-12 * core, $"{activation}: trainer MSE {trained:R}, core {core:R}");
        }
    }
}
