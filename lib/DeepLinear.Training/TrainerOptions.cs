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
    /// Worker threads; the models are split into this many contiguous shards that train independently on their own
    /// threads (libtorch's intra-op threads are set to 1 during training and restored after, and subnormal floats are
    /// flushed to zero on the workers). Null: one shard per core, at most one per model.
    /// </summary>
    public int? Threads { get; init; }
}
