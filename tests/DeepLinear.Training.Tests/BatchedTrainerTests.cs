using DeepLinear.Training;
using Xunit;

namespace DeepLinear.Training.Tests;

public class BatchedTrainerTests
{
    static readonly NetworkShape Deep = new(3, [8, 6]);

    static ModelSpec[] Mixed(int steps) =>
    [
        TestData.Model(1, Activation.Relu, decay: 0.01, lr: 0.1, steps: steps),
        TestData.Model(2, Activation.Tanh, decay: 0.02, lr: 0.05, steps: steps),
        TestData.Model(3, Activation.Tanh, decay: 0.0, lr: 0.1, steps: steps),
        TestData.Model(4, Activation.Swish, decay: 0.005, lr: 0.1, steps: steps) with { WeightDecay = [0.01, 0.0, 0.03] },
        TestData.Model(5, Activation.Linear, decay: 0.01, lr: 0.08, steps: steps),
    ];

    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Swish)]
    public void Hand_written_gradient_equals_autograd(Activation act)
    {
        var model = TestData.Model(11, act, decay: 0.03) with { WeightDecay = [0.03, 0.01, 0.02] };
        using var trainer = new BatchedTrainer(Deep, [TestData.Model(7, Activation.Tanh), model], new() { Precision = Precision.Float64, Threads = 1 });
        using var reference = new AutogradReference(model, trainer.Parameters(1));
        var mine = trainer.Gradients(1);
        var theirs = reference.Gradients();
        Assert.True(TestData.MaxAbsDiff(mine, theirs) < 1e-13, $"gradient differs by {TestData.MaxAbsDiff(mine, theirs)}");
    }

    [Fact]
    public void Batched_float64_follows_each_model_trained_alone_and_autograd()
    {
        const int steps = 500;
        var models = Mixed(steps);
        using var batched = new BatchedTrainer(Deep, models, new() { Precision = Precision.Float64, Threads = 2 });
        var starts = Enumerable.Range(0, models.Length).Select(batched.Parameters).ToArray();
        var traces = batched.Train();
        for (int k = 0; k < models.Length; k++)
        {
            using var alone = new BatchedTrainer(Deep, [models[k]], new() { Precision = Precision.Float64, Threads = 1 });
            Assert.Equal(0, TestData.MaxAbsDiff(starts[k], alone.Parameters(0)));
            var aloneTrace = alone.Train()[0];
            Assert.True(TestData.MaxAbsDiff(batched.Parameters(k), alone.Parameters(0)) < 1e-10);
            Assert.Equal(aloneTrace.Steps, traces[k].Steps);
            Assert.Equal(aloneTrace.FinalObjective, traces[k].FinalObjective, 1e-10);

            using var reference = new AutogradReference(models[k], starts[k]);
            reference.Train(steps);
            double diff = TestData.MaxAbsDiff(batched.Parameters(k), reference.Parameters());
            Assert.True(diff < 1e-10, $"model {k} ({models[k].Activation}) differs from autograd by {diff}");
        }
        Assert.True(traces.All(t => t.Objective[^1] < t.Objective[0]), "every model's objective should decrease");
    }

    [Fact]
    public void Batched_float32_follows_each_model_trained_alone_bitwise_and_float64_to_its_round_off()
    {
        // A model's float32 trajectory does not depend on its shard (A_models_trajectory_does_not_depend_on_its_place_in_the_shard),
        // so batched and alone agree bitwise. Against float64 the gap is float32's round-off (ε₃₂ = 6e-8 a step) carried
        // through training: measured 7e-8 after 1 step, 1.2e-6 after 100 and at most 3e-6 after 500 on these five models,
        // with parameters of order one. 1e-5 allows 3× that for other instruction sets; a gap below 1e-7 would mean the
        // float32 run computed in float64.
        const int steps = 500;
        var models = Mixed(steps);
        using var batched = new BatchedTrainer(Deep, models, new() { Precision = Precision.Float32, Threads = 1 });
        batched.Train();
        using var exact = new BatchedTrainer(Deep, models, new() { Precision = Precision.Float64, Threads = 1 });
        exact.Train();
        for (int k = 0; k < models.Length; k++)
        {
            using var alone = new BatchedTrainer(Deep, [models[k]], new() { Precision = Precision.Float32 });
            alone.Train();
            Assert.Equal(0, TestData.MaxAbsDiff(batched.Parameters(k), alone.Parameters(0)));
            double gap = TestData.MaxAbsDiff(batched.Parameters(k), exact.Parameters(k));
            Assert.InRange(gap, 1e-7, 1e-5);
        }
    }

    [Fact]
    public void Linear_regressor_reaches_least_squares()
    {
        var (x, y) = TestData.Regression(200, 5, 21, noise: 0.5);
        var model = new ModelSpec { Inputs = x, Targets = y, LearningRate = 0.1, Steps = 3000, Seed = 3 };
        using var trainer = new BatchedTrainer(new NetworkShape(5, []), [model], new() { Precision = Precision.Float64 });
        var trace = trainer.Train()[0];
        double leastSquares = LeastSquares.Loss(x, y);
        Assert.True(leastSquares < 0.5 * y.Select(v => v * v).Average());
        Assert.Equal(leastSquares, trace.FinalMse, 1e-10);
        var p = trainer.Parameters(0)[0];
        var (w, b) = LeastSquares.Solve(x, y);
        for (int j = 0; j < 5; j++) Assert.Equal(w[j], p.Weight[0, j], 1e-8);
        Assert.Equal(b, p.Bias[0], 1e-8);
    }

    [Fact]
    public void Runs_are_reproducible_from_their_seeds()
    {
        var models = Mixed(50).Select(m => m with { Noise = MultiplicativeNoise.Dropout(0.2) }).ToArray();
        using var a = new BatchedTrainer(Deep, models, new() { RecordEvery = 7 });
        using var b = new BatchedTrainer(Deep, models, new() { RecordEvery = 7, Threads = 1 });
        var ta = a.Train();
        var tb = b.Train();
        for (int k = 0; k < models.Length; k++)
        {
            Assert.Equal(ta[k].Objective, tb[k].Objective);
            Assert.Equal(0, TestData.MaxAbsDiff(a.Parameters(k), b.Parameters(k)));
        }
        foreach (int perShard in new[] { 1, 3 })
        {
            using var c = new BatchedTrainer(Deep, models, new() { RecordEvery = 7, ModelsPerShard = perShard });
            var tc = c.Train();
            for (int k = 0; k < models.Length; k++) Assert.Equal(ta[k].Objective, tc[k].Objective);
        }
        using var other = new BatchedTrainer(Deep, [models[0] with { Seed = 99 }]);
        Assert.NotEqual(ta[0].Objective[0], other.Train()[0].Objective[0]);
    }

    /// <summary>
    /// The layout guarantee, in float32 where rounding differences show first: a model's trajectory is bitwise the
    /// same alone, at every position of shards of 2, 3 and 4 models, and beside neighbours of every activation.
    /// Per-model sizes (40 × 3 inputs, 40 × 6 hidden units) are deliberately not multiples of 64 bytes, so without
    /// padded slices and per-model elementwise ops the positions would see differently aligned operands and
    /// differently placed scalar loop tails, which rounded differently on AVX-512 machines.
    /// </summary>
    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Swish)]
    public void A_models_trajectory_does_not_depend_on_its_place_in_the_shard(Activation act)
    {
        var model = TestData.Model(2, act, decay: 0.02, lr: 0.05, steps: 40) with { Noise = MultiplicativeNoise.Dropout(0.2) };
        var neighbours = Mixed(40);
        using var alone = new BatchedTrainer(Deep, [model], new() { RecordEvery = 1 });
        var reference = alone.Train()[0].Objective;
        var finalReference = alone.Parameters(0);
        foreach (int perShard in new[] { 2, 3, 4 })
            for (int position = 0; position < perShard; position++)
            {
                var models = neighbours.Take(perShard - 1).ToList();
                models.Insert(position, model);
                using var shared = new BatchedTrainer(Deep, models, new() { RecordEvery = 1, ModelsPerShard = perShard });
                Assert.Equal(reference, shared.Train()[position].Objective);
                Assert.Equal(0, TestData.MaxAbsDiff(finalReference, shared.Parameters(position)));
            }
    }

    [Fact]
    public void Models_stop_after_their_own_step_count()
    {
        var models = Mixed(200);
        models[1] = models[1] with { Steps = 73 };
        using var batched = new BatchedTrainer(Deep, models, new() { Precision = Precision.Float64, RecordEvery = 10 });
        var traces = batched.Train();
        using var alone = new BatchedTrainer(Deep, [models[1]], new() { Precision = Precision.Float64, RecordEvery = 10 });
        alone.Train();
        Assert.True(TestData.MaxAbsDiff(batched.Parameters(1), alone.Parameters(0)) < 1e-12);
        Assert.Equal(70, traces[1].Steps[^1]);
        Assert.Equal(190, traces[0].Steps[^1]);
    }

    [Fact]
    public void A_model_that_finished_early_continues_a_second_call_exactly_as_when_trained_alone()
    {
        // With dropout, every step draws noise: a finished model that kept stepping (frozen) beside a longer
        // neighbour would enter the next Train call with its noise stream advanced by the neighbour's extra steps.
        var models = Mixed(60).Select(m => m with { Noise = MultiplicativeNoise.Dropout(0.2) }).ToArray();
        models[1] = models[1] with { Steps = 25 };
        var options = new TrainerOptions { Precision = Precision.Float64, ModelsPerShard = 2 };
        using var batched = new BatchedTrainer(Deep, models, options);
        using var alone = new BatchedTrainer(Deep, [models[1]], options);
        for (int call = 0; call < 2; call++)
        {
            batched.Train();
            alone.Train();
        }
        Assert.Equal(0.0, TestData.MaxAbsDiff(batched.Parameters(1), alone.Parameters(0)));
    }

    [Fact]
    public void Zero_initialisation_stays_at_the_origin_of_a_deep_net()
    {
        var model = TestData.Model(8, Activation.Tanh) with { Initialization = Initialization.Zero };
        using var trainer = new BatchedTrainer(new NetworkShape(3, [8, 6], bias: false), [model]);
        trainer.Train();
        Assert.All(trainer.Parameters(0), p => Assert.All(p.Weight.Cast<double>(), v => Assert.Equal(0.0, v)));
    }

    [Fact]
    public void Data_dependent_initialisation_gives_unit_pre_activations()
    {
        var model = TestData.Model(9, Activation.Relu, n: 200) with { Initialization = Initialization.DataDependent };
        using var trainer = new BatchedTrainer(new NetworkShape(3, [16]), [model], new() { Precision = Precision.Float64 });
        var p = trainer.Parameters(0)[0];
        var z = new List<double>();
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 16; j++)
                z.Add(p.Bias[j] + Enumerable.Range(0, 3).Sum(c => p.Weight[j, c] * model.Inputs[i, c]));
        double mean = z.Average();
        double std = Math.Sqrt(z.Sum(v => (v - mean) * (v - mean)) / (z.Count - 1));
        Assert.Equal(1.0, std, 1e-9);
    }

    [Fact]
    public void Gaussian_noise_objective_averages_to_the_analytic_expectation()
    {
        // For a D = 1 linear net f = U (eps * (W x + b)) + c with eps ~ N(1, s^2) per unit and sample:
        // E_eps[(f - y)^2] = (U h + c - y)^2 + s^2 sum_j U_j^2 h_j^2, h = W x + b.
        const int copies = 400;
        const double sigma = 0.5;
        var (x, y) = TestData.Regression(30, 3, 5);
        var shape = new NetworkShape(3, [4]);
        var models = Enumerable.Range(0, copies)
            .Select(s => new ModelSpec { Inputs = x, Targets = y, Steps = 1, Seed = s, Noise = MultiplicativeNoise.Gaussian(sigma) }).ToArray();
        using var trainer = new BatchedTrainer(shape, models, new() { Precision = Precision.Float64 });
        var start = trainer.Parameters(0);
        for (int k = 1; k < copies; k++) trainer.SetParameters(k, start);
        var samples = trainer.Train().Select(t => t.Objective[0]).ToArray();

        var (w, b, u, c) = (start[0].Weight, start[0].Bias, start[1].Weight, start[1].Bias[0]);
        double expected = 0;
        for (int i = 0; i < 30; i++)
        {
            var h = Enumerable.Range(0, 4).Select(j => b[j] + Enumerable.Range(0, 3).Sum(q => w[j, q] * x[i, q])).ToArray();
            double mean = c + Enumerable.Range(0, 4).Sum(j => u[0, j] * h[j]);
            expected += (mean - y[i]) * (mean - y[i]) + sigma * sigma * Enumerable.Range(0, 4).Sum(j => u[0, j] * u[0, j] * h[j] * h[j]);
        }
        expected /= 30;
        double average = samples.Average();
        double sd = Math.Sqrt(samples.Sum(v => (v - average) * (v - average)) / (copies - 1));
        Assert.True(Math.Abs(average - expected) < 4 * sd / Math.Sqrt(copies), $"mean {average} vs {expected} (sd {sd})");
    }

    [Fact]
    public void Weights_decaying_to_zero_are_flushed_instead_of_turning_subnormal()
    {
        // Decay shrinks the weights of a net stuck at the origin geometrically; float32 subnormals (below 1.18e-38) are
        // 10-100x slower to compute with, so the workers flush them to zero.
        var model = TestData.Model(12, Activation.Tanh, decay: 0.5, steps: 1500) with { Initialization = Initialization.Scaled(1e-3) };
        using var trainer = new BatchedTrainer(new NetworkShape(3, [8, 6], bias: false), [model], new() { Precision = Precision.Float32 });
        trainer.Train();
        var weights = trainer.Parameters(0).SelectMany(p => p.Weight.Cast<double>()).ToArray();
        Assert.All(weights, w => Assert.True(w == 0 || Math.Abs(w) >= 1.1754943508222875e-38, $"subnormal weight {w}"));
        Assert.Contains(0.0, weights);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var good = TestData.Model(1, Activation.Relu);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new BatchedTrainer(Deep, [])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new BatchedTrainer(Deep, [good with { LearningRate = -1 }])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new BatchedTrainer(Deep, [good with { WeightDecay = [0.1, 0.2] }])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new BatchedTrainer(new NetworkShape(4, [2]), [good])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => new BatchedTrainer(Deep, [good, TestData.Model(2, Activation.Relu, n: 41)])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedTrainer(Deep, [good], new() { RecordEvery = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedTrainer(Deep, [good], new() { ModelsPerShard = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedTrainer(Deep, [good], new() { Threads = 0 })).ParamName);
        Assert.Equal("hiddenWidths", Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkShape(3, [0])).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => MultiplicativeNoise.Dropout(1)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => Initialization.Scaled(double.NaN)).ParamName);
        using var trainer = new BatchedTrainer(Deep, [good]);
        Assert.Equal("model", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Parameters(1)).ParamName);
    }
}
