using System.Diagnostics;

namespace DeepLinear.Training;

/// <summary>
/// The progress a <see cref="BatchedTrainer"/> reports: worker threads count the model-steps they finish
/// (<see cref="Add"/>, every step), and the steps done per model (the average over the models, never decreasing)
/// reach the caller's <see cref="IProgress{T}"/> when training starts (<see cref="Start"/>, 0), then at most once per
/// <see cref="TrainerOptions.ProgressInterval"/>, and once at the end (<see cref="Finish"/>). A notebook's progress
/// line is a kernel display update, a message to the front end that costs far more than a small model's step:
/// reporting every recorded step, notebooks 06 and 08 spent most of their training cells' time on such updates.
/// </summary>
internal sealed class ProgressThrottle
{
    readonly IProgress<int>? _target;
    readonly long _intervalTicks;
    readonly int _models, _maxSteps;
    readonly Lock _gate = new();
    long _modelSteps, _due;
    int _reported = -1;

    public ProgressThrottle(IProgress<int>? target, TimeSpan interval, int models, int maxSteps)
    {
        _target = target;
        _intervalTicks = (long)Math.Min(long.MaxValue / 4, interval.TotalSeconds * Stopwatch.Frequency);
        _models = models;
        _maxSteps = maxSteps;
    }

    /// <summary>Reports 0 from the calling thread before the workers start; the first interval runs from here.</summary>
    public void Start()
    {
        if (_target is null) return;
        lock (_gate)
        {
            _due = Stopwatch.GetTimestamp() + _intervalTicks;
            Send();
        }
    }

    /// <summary>Counts <paramref name="modelSteps"/> finished model-steps; reports if the interval has passed.</summary>
    public void Add(int modelSteps)
    {
        if (_target is null) return;
        Interlocked.Add(ref _modelSteps, modelSteps);
        if (Stopwatch.GetTimestamp() < Volatile.Read(ref _due)) return;
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            if (now < _due) return;
            _due = now + _intervalTicks;
            Send();
        }
    }

    /// <summary>Reports the final count, from the calling thread once the workers have finished.</summary>
    public void Finish()
    {
        if (_target is null) return;
        lock (_gate) Send();
    }

    void Send()
    {
        int perModel = (int)Math.Min(_maxSteps, Interlocked.Read(ref _modelSteps) / _models);
        if (perModel <= _reported) return;
        _reported = perModel;
        _target!.Report(perModel);
    }
}
