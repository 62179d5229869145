using DeepLinear.Training;
using Xunit;

namespace DeepLinear.Training.Tests;

/// <summary>What <see cref="BatchedTrainer.Train"/> reports to its <see cref="IProgress{T}"/> (ProgressThrottle).</summary>
public class ProgressTests
{
    static readonly NetworkShape Shape = new(3, [8, 6]);

    /// <summary>Four models of 200 steps and one of 73: 873 model-steps, 174 per model on average (rounded down).</summary>
    static ModelSpec[] Models() =>
    [
        TestData.Model(1, Activation.Relu, steps: 200),
        TestData.Model(2, Activation.Tanh, steps: 73),
        TestData.Model(3, Activation.Tanh, steps: 200),
        TestData.Model(4, Activation.Swish, steps: 200),
        TestData.Model(5, Activation.Linear, steps: 200),
    ];

    sealed class Recorder : IProgress<int>
    {
        public List<int> Values { get; } = [];
        public void Report(int value) { lock (Values) Values.Add(value); }
    }

    [Fact]
    public void With_no_interval_every_new_average_is_reported_once_in_order()
    {
        // 0 at the start; then one thread runs the shards one after another, each step adds at most 2 model-steps to
        // 873 shared by 5 models, so the average rises by at most 1 per step and every value up to 174 is reported once.
        var recorder = new Recorder();
        using var trainer = new BatchedTrainer(Shape, Models(), new() { ProgressInterval = TimeSpan.Zero, Threads = 1 });
        trainer.Train(recorder);
        Assert.Equal(Enumerable.Range(0, 175), recorder.Values);
    }

    [Fact]
    public void However_long_the_interval_the_start_and_the_end_are_reported()
    {
        // Both from the calling thread, so the two worker threads racing each other cannot change them.
        var recorder = new Recorder();
        using var trainer = new BatchedTrainer(Shape, Models(), new() { ProgressInterval = TimeSpan.MaxValue });
        trainer.Train(recorder);
        Assert.Equal([0, 174], recorder.Values);
    }

    [Fact]
    public void A_negative_interval_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new BatchedTrainer(Shape, Models(), new() { ProgressInterval = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("ProgressInterval must not be negative", error.Message);
    }
}
