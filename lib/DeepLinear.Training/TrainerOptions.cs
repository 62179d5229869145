namespace DeepLinear.Training;

/// <summary>Floating-point type of all tensors: float32 for sweeps, float64 to compare with theory tightly.</summary>
public enum Precision { Float32, Float64 }

/// <summary>Settings shared by all models of a <see cref="BatchedTrainer"/>.</summary>
public sealed record TrainerOptions
{
    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>The objective is recorded at step 0 and every this many steps (and the final state after training).</summary>
    public int RecordEvery { get; init; } = 100;

    /// <summary>
    /// Worker threads (libtorch's intra-op threads are set to 1 during training and restored after, and subnormal
    /// floats are flushed to zero on the workers). Null: one per core.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Least time between two progress reports of <see cref="BatchedTrainer.Train"/> (a report is a display update in
    /// a notebook, a message to the front end): four a second keep a progress line live without slowing small models.
    /// </summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Models per shard. Shards are contiguous groups of models that train to the end independently, one after another
    /// on whichever worker is free; results do not depend on this. Each model's step already works in blocks of rows
    /// that stay in the core's L1 cache, so this only sets the granularity of the work queue. Null: 2.
    /// </summary>
    public int? ModelsPerShard { get; init; }
}
