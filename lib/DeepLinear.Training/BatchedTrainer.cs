using static TorchSharp.torch;

namespace DeepLinear.Training;

/// <summary>
/// Trains K networks of one <see cref="NetworkShape"/> as one computation: stacked weights, a hand-written forward
/// and backward pass, full-batch gradient descent in place. Each model has its own data, activation, initialisation,
/// weight decay, noise, learning rate, step count and seed, and follows the same trajectory as if trained alone.
/// </summary>
/// <remarks>
/// Reproducibility, stated exactly: on one machine, a model's trajectory is bitwise the same whatever the thread
/// count, the shard size, its position in a shard and the models beside it (every model trains on its own buffers, and
/// every output element of a kernel is one chain of operations in a fixed order; see Network). Across machines it is
/// not bitwise: the vector width (Vector&lt;T&gt;: 8 floats with AVX2 or AVX-512, 4 with NEON) and libtorch's kernels
/// for the initial draws differ; what holds there is agreement to rounding, which the tests bound (float32 against
/// float64, float64 against autograd).
/// </remarks>
public sealed class BatchedTrainer : IDisposable
{
    readonly NetworkShape _shape;
    readonly ModelSpec[] _models;
    readonly TrainerOptions _options;
    readonly Shard[] _shards;
    readonly (int Shard, int Index)[] _where;
    readonly List<int>[] _curveSteps;
    readonly List<double>[] _curveValues;
    int _stepsDone;

    public BatchedTrainer(NetworkShape shape, IReadOnlyList<ModelSpec> models, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(models);
        _options = options ?? new TrainerOptions();
        Validate(shape, models, _options);
        _shape = shape;
        _models = models.ToArray();

        int perShard = Math.Min(_options.ModelsPerShard ?? 2, _models.Length);
        int shards = (_models.Length + perShard - 1) / perShard;
        _shards = new Shard[shards];
        _where = new (int, int)[_models.Length];
        EnterSingleThreadedTorch();
        try
        {
            for (int s = 0, start = 0; s < shards; s++)
            {
                int count = Math.Min(perShard, _models.Length - start);
                _shards[s] = new Shard(shape, _models[start..(start + count)], _options.Precision);
                for (int i = 0; i < count; i++) _where[start + i] = (s, i);
                start += count;
            }
        }
        finally
        {
            LeaveSingleThreadedTorch();
        }
        _curveSteps = _models.Select(_ => new List<int>()).ToArray();
        _curveValues = _models.Select(_ => new List<double>()).ToArray();
    }

    public NetworkShape Shape => _shape;

    public IReadOnlyList<ModelSpec> Models => _models;

    public TrainerOptions Options => _options;

    /// <summary>
    /// Runs every model's <see cref="ModelSpec.Steps"/> gradient-descent steps (continuing from where a previous call
    /// left off) and returns one trace per model, in the order given. <paramref name="progress"/> receives, from the
    /// worker threads, the steps completed so far in this call averaged over the models (at most the longest step count):
    /// 0 from the calling thread before training starts, then at most once per <see cref="TrainerOptions.ProgressInterval"/>,
    /// and, from the calling thread, once more at the end unless the last report already said as much.
    /// </summary>
    public IReadOnlyList<ModelTrace> Train(IProgress<int>? progress = null)
    {
        int maxSteps = _models.Max(m => m.Steps);
        var throttle = new ProgressThrottle(progress, _options.ProgressInterval, _models.Length, maxSteps);
        throttle.Start();
        OnWorkers(s => RunShard(s, maxSteps, throttle));
        throttle.Finish();
        _stepsDone += maxSteps;

        var traces = new ModelTrace[_models.Length];
        var evaluations = OnWorkers(s => _shards[s].Evaluate());
        for (int m = 0; m < _models.Length; m++)
        {
            var (s, i) = _where[m];
            traces[m] = new ModelTrace(_curveSteps[m].ToArray(), _curveValues[m].ToArray(),
                evaluations[s].Mse[i], evaluations[s].Objective[i]);
        }
        return traces;
    }

    static readonly Lock ThreadSettingGate = new();
    static int s_training, s_savedThreads;

    // libtorch's thread count is process-wide: the first trainer to start sets it to 1, the last to finish restores it,
    // so concurrent trainers never see it change under them (results would then depend on the reduction split).
    static void EnterSingleThreadedTorch()
    {
        lock (ThreadSettingGate)
        {
            if (s_training++ == 0)
            {
                s_savedThreads = get_num_threads();
                set_num_threads(1);
            }
        }
    }

    static void LeaveSingleThreadedTorch()
    {
        lock (ThreadSettingGate)
        {
            if (--s_training == 0) set_num_threads(s_savedThreads);
        }
    }

    int Workers => _options.Threads ?? Environment.ProcessorCount;

    /// <summary>
    /// Runs <paramref name="work"/> for every shard, shared out among worker threads with subnormals flushed to zero and
    /// libtorch single-threaded, so that every computation of a model is done the same way whatever the caller's
    /// thread settings or the other trainers in the process: results are bitwise reproducible.
    /// </summary>
    T[] OnWorkers<T>(Func<int, T> work)
    {
        EnterSingleThreadedTorch();
        try
        {
            var results = new T[_shards.Length];
            var errors = new Exception?[_shards.Length];
            var threads = new Thread[Math.Min(Workers, _shards.Length)];
            int next = -1;
            for (int w = 0; w < threads.Length; w++)
            {
                threads[w] = new Thread(() =>
                {
                    FlushDenormals.Enable();
                    using var noGrad = no_grad();
                    for (int shard; (shard = Interlocked.Increment(ref next)) < _shards.Length;)
                    {
                        try
                        {
                            results[shard] = work(shard);
                        }
                        catch (Exception e)
                        {
                            errors[shard] = e;
                        }
                    }
                });
                threads[w].Start();
            }
            foreach (var t in threads) t.Join();
            if (errors.FirstOrDefault(e => e is not null) is { } error)
                throw new InvalidOperationException("training failed in a worker thread", error);
            return results;
        }
        finally
        {
            LeaveSingleThreadedTorch();
        }
    }

    bool RunShard(int s, int maxSteps, ProgressThrottle progress)
    {
        var shard = _shards[s];
        int first = _where.TakeWhile(w => w.Shard != s).Count();
        shard.Unfreeze();
        for (int step = 0; step < maxSteps; step++)
        {
            for (int i = 0; i < shard.Count; i++)
                if (_models[first + i].Steps == step) shard.Freeze(i);
            int active = shard.ActiveCount;
            if (active == 0) break;
            bool record = step % _options.RecordEvery == 0;
            var objective = shard.Step(record);
            progress.Add(active);
            if (objective is null) continue;
            for (int i = 0; i < shard.Count; i++)
            {
                if (step >= _models[first + i].Steps) continue;
                _curveSteps[first + i].Add(_stepsDone + step);
                _curveValues[first + i].Add(objective[i]);
            }
        }
        return true;
    }

    /// <summary>Current weights and biases of model <paramref name="model"/>, input layer first, as float64.</summary>
    public LayerParameters[] Parameters(int model)
    {
        var (s, i) = Locate(model);
        return _shards[s].Parameters(i);
    }

    /// <summary>Overwrites model <paramref name="model"/>'s weights and biases (shapes as <see cref="Parameters"/>).</summary>
    public void SetParameters(int model, IReadOnlyList<LayerParameters> parameters)
    {
        var (s, i) = Locate(model);
        ArgumentNullException.ThrowIfNull(parameters);
        var widths = _shape.Widths();
        if (parameters.Count != _shape.LayerCount)
            throw new ArgumentException($"expected {_shape.LayerCount} layers, got {parameters.Count}", nameof(parameters));
        for (int l = 0; l < parameters.Count; l++)
            if (parameters[l].Weight.GetLength(0) != widths[l + 1] || parameters[l].Weight.GetLength(1) != widths[l]
                || parameters[l].Bias.Length != widths[l + 1])
                throw new ArgumentException($"layer {l} must have a {widths[l + 1]}x{widths[l]} weight and {widths[l + 1]} biases", nameof(parameters));
        _shards[s].SetParameters(i, parameters);
    }

    /// <summary>Noise-free MSE and objective of every model at the current parameters, in model order.</summary>
    public (double[] Mse, double[] Objective) Evaluate()
    {
        var evaluations = OnWorkers(s => _shards[s].Evaluate());
        return (_where.Select(w => evaluations[w.Shard].Mse[w.Index]).ToArray(),
                _where.Select(w => evaluations[w.Shard].Objective[w.Index]).ToArray());
    }

    /// <summary>Noise-free gradient of the objective for one model, from the hand-written backward pass.</summary>
    internal LayerParameters[] Gradients(int model)
    {
        var (target, i) = Locate(model);
        return OnWorkers(s => s == target ? _shards[s].Gradients(i) : null)[target]!;
    }

    (int Shard, int Index) Locate(int model)
    {
        if (model < 0 || model >= _models.Length)
            throw new ArgumentOutOfRangeException(nameof(model), model, $"model index must be in [0, {_models.Length})");
        return _where[model];
    }

    static void Validate(NetworkShape shape, IReadOnlyList<ModelSpec> models, TrainerOptions options)
    {
        if (models.Count == 0) throw new ArgumentException("at least one model is needed", nameof(models));
        if (options.RecordEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.RecordEvery, "RecordEvery must be at least 1");
        if (options.ProgressInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.ProgressInterval, "ProgressInterval must not be negative");
        if (options.ModelsPerShard is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ModelsPerShard, "ModelsPerShard must be at least 1");
        if (options.Threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1");
        int n = -1;
        for (int k = 0; k < models.Count; k++)
        {
            var m = models[k] ?? throw new ArgumentNullException(nameof(models), $"model {k} is null");
            if (m.Inputs is null || m.Targets is null)
                throw new ArgumentException($"model {k}: Inputs and Targets are required", nameof(models));
            if (m.Inputs.GetLength(1) != shape.InputDim)
                throw new ArgumentException($"model {k}: Inputs has {m.Inputs.GetLength(1)} columns, the shape needs {shape.InputDim}", nameof(models));
            if (m.Inputs.GetLength(0) != m.Targets.Length)
                throw new ArgumentException($"model {k}: {m.Inputs.GetLength(0)} input rows but {m.Targets.Length} targets", nameof(models));
            if (m.Targets.Length == 0)
                throw new ArgumentException($"model {k}: no training data", nameof(models));
            if (n >= 0 && m.Targets.Length != n)
                throw new ArgumentException($"model {k}: all models of a batch need the same number of samples ({n}), got {m.Targets.Length}", nameof(models));
            n = m.Targets.Length;
            if (m.Inputs.Cast<double>().Any(v => !double.IsFinite(v)) || m.Targets.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"model {k}: data must be finite", nameof(models));
            if (!double.IsFinite(m.LearningRate) || m.LearningRate <= 0)
                throw new ArgumentException($"model {k}: LearningRate must be finite and positive, got {m.LearningRate}", nameof(models));
            if (m.Steps < 0)
                throw new ArgumentException($"model {k}: Steps must be non-negative, got {m.Steps}", nameof(models));
            if (m.WeightDecay is null || (m.WeightDecay.Count != 1 && m.WeightDecay.Count != shape.LayerCount))
                throw new ArgumentException($"model {k}: WeightDecay needs 1 or {shape.LayerCount} values", nameof(models));
            if (m.WeightDecay.Any(g => !double.IsFinite(g) || g < 0))
                throw new ArgumentException($"model {k}: WeightDecay values must be finite and non-negative", nameof(models));
            if (!Enum.IsDefined(m.Activation))
                throw new ArgumentException($"model {k}: unknown activation {m.Activation}", nameof(models));
            if (m.Initialization is null)
                throw new ArgumentException($"model {k}: Initialization is required", nameof(models));
        }
    }

    public void Dispose()
    {
        foreach (var s in _shards) s.Dispose();
    }
}
