using static TorchSharp.torch;

namespace DeepLinear.Training;

/// <summary>Settings of the paper's Figure 3 experiment (Appendix A); the defaults are the paper's size.</summary>
public sealed record Figure3Settings
{
    /// <summary>
    /// Default swept signals |E[xy]|: 20 values evenly spaced from 0.01 to 0.2 (the paper gives no values).
    /// </summary>
    public static IReadOnlyList<double> DefaultSignals { get; } = Enumerable.Range(1, 20).Select(i => i * 0.01).ToArray();

    public IReadOnlyList<double> Signals { get; init; } = DefaultSignals;
    public int Steps { get; init; } = 10_000;

    /// <summary>Weight decay γ on every weight matrix (biases not decayed); the paper does not state it.</summary>
    public double WeightDecay { get; init; } = 0.01;

    public Precision Precision { get; init; } = Precision.Float32;
    public int Samples { get; init; } = 1000;
    public int InputDim { get; init; } = 5;
    public int Width { get; init; } = 32;
    public int Depth { get; init; } = 2;
    public double LearningRate { get; init; } = 0.1;
    public long Seed { get; init; }
    public int? Threads { get; init; }

    /// <summary>The D = 2 nets' activations, ReLU and/or Tanh (the paper's two); a study of one of them trains only it.</summary>
    public IReadOnlyList<Activation> Activations { get; init; } = [Activation.Relu, Activation.Tanh];

    /// <summary>Whether the D = 0 linear regressor is trained beside the deep nets.</summary>
    public bool IncludeRegressor { get; init; } = true;
}

/// <summary>One point of Figure 3.</summary>
/// <param name="Signal">|E[xy]| of the data set.</param>
/// <param name="Activation">ReLU or Tanh for the D = 2 nets; Linear for the D = 0 regressor.</param>
/// <param name="FinalLoss">Mean squared error on the training set after training (without the L2 penalty).</param>
/// <param name="TrivialLoss">E[y²], the loss of the zero predictor, which a net stuck at the origin attains.</param>
public sealed record Figure3Point(double Signal, Activation Activation, double FinalLoss, double TrivialLoss);

/// <summary>
/// The Figure 3 sweep: for each signal s, data x ~ N(0, I_5) (n = 1000) and y = v.x with v rescaled so that
/// |E[xy]| = |X^T y / n| = s; D = 2, width-32 ReLU and Tanh nets with biases, Kaiming (PyTorch default) init, full-batch
/// gradient descent at lr 0.1 on MSE + γ Σ‖W‖²_F; plus the D = 0 regressor f = w·x + b trained the same way
/// with the same γ. All networks of one depth train as one <see cref="BatchedTrainer"/>.
/// </summary>
public static class Figure3Sweep
{
    /// <summary>
    /// The data set for one signal: one X and one direction of v shared by all signals (drawn from
    /// <paramref name="seed"/>), so the signal strength is the only thing that changes along the sweep.
    /// </summary>
    public static (double[,] X, double[] Y) Data(double signal, int samples, int inputDim, long seed)
    {
        if (!double.IsFinite(signal) || signal < 0)
            throw new ArgumentOutOfRangeException(nameof(signal), signal, "signal must be finite and non-negative");
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        double[] flat, v;
        using (var generator = new Generator((ulong)seed))
        using (var scope = NewDisposeScope())
        {
            flat = randn([samples, inputDim], ScalarType.Float64, generator: generator).data<double>().ToArray();
            v = randn([inputDim], ScalarType.Float64, generator: generator).data<double>().ToArray();
        }
        // The rest in plain loops, so the data do not depend on libtorch's thread count.
        var x = new double[samples, inputDim];
        Buffer.BlockCopy(flat, 0, x, 0, flat.Length * sizeof(double));
        var y = new double[samples];
        for (int i = 0; i < samples; i++)
            for (int j = 0; j < inputDim; j++) y[i] += x[i, j] * v[j];
        var exy = new double[inputDim];
        for (int i = 0; i < samples; i++)
            for (int j = 0; j < inputDim; j++) exy[j] += x[i, j] * y[i] / samples;
        double scale = signal / Math.Sqrt(exy.Sum(e => e * e));
        for (int i = 0; i < samples; i++) y[i] *= scale;
        return (x, y);
    }

    /// <summary>
    /// Trains the sweep. <paramref name="progress"/> gets the steps done by the deep nets so far.
    /// Results: for each signal in order, ReLU, Tanh (those of <see cref="Figure3Settings.Activations"/>), then the
    /// linear regressor (if included). Each model's seed depends only on its signal and activation, and the trainer's
    /// results do not depend on which other models it trains, so a sweep of a subset reproduces its part of the full one.
    /// </summary>
    public static IReadOnlyList<Figure3Point> Run(Figure3Settings settings, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Signals is null || settings.Signals.Count == 0)
            throw new ArgumentException("at least one signal is needed", nameof(settings));
        if (settings.Steps < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Steps, "Steps must be positive");
        if (settings.Activations is null || settings.Activations.Count == 0 || settings.Activations.Any(a => a is not (Activation.Relu or Activation.Tanh)) || settings.Activations.Distinct().Count() != settings.Activations.Count)
            throw new ArgumentException("Activations must name ReLU and/or Tanh, each once", nameof(settings));
        var activations = new[] { Activation.Relu, Activation.Tanh }.Where(settings.Activations.Contains).ToArray();
        var data = settings.Signals.Select(s => Data(s, settings.Samples, settings.InputDim, settings.Seed)).ToArray();
        var trivial = data.Select(d => d.Y.Average(v => v * v)).ToArray();
        int count = data.Length;

        ModelSpec Spec(int signal, Activation act, long seed) => new()
        {
            Inputs = data[signal].X,
            Targets = data[signal].Y,
            Activation = act,
            Initialization = Initialization.Kaiming,
            WeightDecay = [settings.WeightDecay],
            LearningRate = settings.LearningRate,
            Steps = settings.Steps,
            Seed = settings.Seed * 1_000_003 + seed,
        };

        // Order: the costlier Tanh nets (a transcendental per unit per step) before the ReLU nets. The workers take
        // shards from a queue in this order, so the last shards to start are the cheapest and the two threads finish
        // close together (longest-first scheduling). A model's result does not depend on its place.
        var order = activations.OrderByDescending(act => act == Activation.Tanh)
            .SelectMany(act => Enumerable.Range(0, count).Select(s => (Signal: s, Act: act))).ToList();
        var deep = order.Select(o => Spec(o.Signal, o.Act, 1 + 2 * o.Signal + (o.Act == Activation.Tanh ? 1 : 0))).ToArray();
        var linear = Enumerable.Range(0, count).Select(s => Spec(s, Activation.Linear, 1 + 2 * count + s)).ToArray();

        var options = new TrainerOptions { Precision = settings.Precision, RecordEvery = Math.Max(1, settings.Steps / 100), Threads = settings.Threads };
        var deepShape = new NetworkShape(settings.InputDim, Enumerable.Repeat(settings.Width, settings.Depth).ToArray());
        IReadOnlyList<ModelTrace> deepTraces, linearTraces = [];
        using (var trainer = new BatchedTrainer(deepShape, deep, options)) deepTraces = trainer.Train(progress);
        if (settings.IncludeRegressor)
            using (var trainer = new BatchedTrainer(new NetworkShape(settings.InputDim, []), linear, options)) linearTraces = trainer.Train();

        var points = new List<Figure3Point>();
        for (int s = 0; s < count; s++)
        {
            foreach (var act in activations)
            {
                int k = order.IndexOf((s, act));
                points.Add(new Figure3Point(settings.Signals[s], act, deepTraces[k].FinalMse, trivial[s]));
            }
            if (settings.IncludeRegressor) points.Add(new Figure3Point(settings.Signals[s], Activation.Linear, linearTraces[s].FinalMse, trivial[s]));
        }
        return points;
    }
}
