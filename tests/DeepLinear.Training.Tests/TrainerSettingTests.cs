using DeepLinear.Training;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Training.Tests;

/// <summary>The core's Architecture and NetworkWeights against the trainer's shape, decays and layers, both ways.</summary>
public class TrainerSettingTests
{
    // Distinct decays and widths per layer, so a reversed or shifted layer order changes every result below.
    static readonly Architecture Chain = new(2, [3, 2], [0.0, 0.0], outputDecay: 0.07, layerDecays: [0.11, 0.23]);

    static NetworkWeights RandomWeights(int inputDimension, int seed)
    {
        var random = new Random(seed);
        var w1 = Matrix<double>.Build.Dense(3, inputDimension, (_, _) => random.NextDouble() - 0.5);
        var w2 = Matrix<double>.Build.Dense(2, 3, (_, _) => random.NextDouble() - 0.5);
        return new NetworkWeights(Vector<double>.Build.Dense(2, _ => random.NextDouble() - 0.5), [w1, w2]);
    }

    [Fact]
    public void Trainer_objective_at_converted_weights_equals_the_exact_expected_loss_on_the_same_sample()
    {
        var (x, y) = TestData.Regression(n: 50, d: 4, seed: 3);
        var weights = RandomWeights(4, seed: 5);
        var spec = new ModelSpec { Inputs = x, Targets = y, WeightDecay = Chain.WeightDecayOf(), Steps = 0 };
        using var trainer = new BatchedTrainer(Chain.ShapeOf(4), [spec], new TrainerOptions { Precision = Precision.Float64 });
        trainer.SetParameters(0, weights.ToLayerParameters());
        var statistics = DataStatistics.FromSamples(Matrix<double>.Build.DenseOfArray(x), Vector<double>.Build.DenseOfArray(y));
        double exact = ExpectedLoss.Value(statistics, Chain, weights);
        // Independent routes: the trainer's float64 tensor forward pass against the core's closed-form quadratic;
        // they agree to float64 round-off (~1e-15 relative), 1e-12 leaves room for the different summation orders.
        double trained = trainer.Evaluate().Objective[0];
        Assert.True(Math.Abs(trained - exact) <= 1e-12 * exact, $"trainer objective {trained:R} vs exact {exact:R}");
    }

    [Fact]
    public void Weights_survive_the_round_trip_through_the_trainers_layers_exactly()
    {
        var weights = RandomWeights(4, seed: 7);
        var layers = weights.ToLayerParameters();
        Assert.Equal([3, 2, 1], layers.Select(l => l.Weight.GetLength(0)));
        Assert.All(layers, l => Assert.All(l.Bias, b => Assert.Equal(0.0, b)));
        var back = layers.ToNetworkWeights();
        Assert.Equal(weights.U.ToArray(), back.U.ToArray());
        for (int k = 0; k < weights.Depth; k++) Assert.Equal(weights.W[k].ToArray(), back.W[k].ToArray());
    }

    [Fact]
    public void Decays_are_input_layer_first_with_the_output_decay_last_and_come_back_unchanged()
    {
        Assert.Equal([0.11, 0.23, 0.07], Chain.WeightDecayOf());
        var back = Chain.ShapeOf(4).ToArchitecture(Chain.WeightDecayOf(), MultiplicativeNoise.Dropout(0.2));
        Assert.Equal(Chain.Widths, back.Widths);
        Assert.Equal(Chain.LayerDecays, back.LayerDecays);
        Assert.Equal(Chain.OutputDecay, back.OutputDecay);
        Assert.Equal([0.25, 0.25], back.NoiseVariances); // dropout p = 0.2: Var[ε] = p/(1 − p) = 1/4
        Assert.Equal([0.5, 0.5], new NetworkShape(4, [3, 2], bias: false).ToArchitecture([0.5]).LayerDecays);
    }

    [Fact]
    public void A_shape_with_biases_or_a_wrong_number_of_decays_is_refused_naming_the_parameter()
    {
        var biased = Assert.Throws<ArgumentException>(() => new NetworkShape(4, [3, 2]).ToArchitecture([0.1]));
        Assert.Equal("shape", biased.ParamName);
        var counted = Assert.Throws<ArgumentException>(() => Chain.ShapeOf(4).ToArchitecture([0.1, 0.2]));
        Assert.Equal("weightDecay", counted.ParamName);
        Assert.Contains("1 or D + 1 = 3", counted.Message);
    }
}
