namespace DeepLinear.Training;

/// <summary>
/// A contiguous group of models that one worker trains start to end, each on its own <see cref="Network{T, TActivation}"/>
/// buffers. The models share nothing, so a model's trajectory cannot depend on its neighbours or its place here; the
/// shard is only the unit of work the trainer's threads take from their queue.
/// </summary>
internal sealed class Shard : IDisposable
{
    readonly INetwork[] _networks;
    readonly bool[] _active;

    public Shard(NetworkShape shape, IReadOnlyList<ModelSpec> models, Precision precision)
    {
        _networks = new INetwork[models.Count];
        try
        {
            for (int k = 0; k < models.Count; k++)
                _networks[k] = precision == Precision.Float64
                    ? Network.Create<double>(shape, models[k])
                    : Network.Create<float>(shape, models[k]);
        }
        catch
        {
            Dispose();
            throw;
        }
        _active = Enumerable.Repeat(true, models.Count).ToArray();
    }

    public int Count => _networks.Length;

    /// <summary>
    /// Stops model k: it takes no further steps in this call, so it draws no noise either, and a later call continues
    /// it exactly as if it had trained alone.
    /// </summary>
    public void Freeze(int k) => _active[k] = false;

    /// <summary>How many models of the shard still take steps.</summary>
    public int ActiveCount => _active.Count(a => a);

    /// <summary>Makes every model trainable again.</summary>
    public void Unfreeze() => Array.Fill(_active, true);

    /// <summary>
    /// One full-batch gradient-descent step of every model not frozen. Returns the objective per model when asked
    /// (NaN for a frozen model, which took no step).
    /// </summary>
    public double[]? Step(bool wantObjective)
    {
        var objective = wantObjective ? new double[Count] : null;
        for (int k = 0; k < Count; k++)
        {
            if (!_active[k])
            {
                if (objective is not null) objective[k] = double.NaN;
                continue;
            }
            var value = _networks[k].Step(wantObjective);
            if (objective is not null) objective[k] = value!.Value;
        }
        return objective;
    }

    /// <summary>Noise-free (MSE, objective) of every model at the current parameters.</summary>
    public (double[] Mse, double[] Objective) Evaluate()
    {
        var values = _networks.Select(n => n.Evaluate()).ToArray();
        return (values.Select(v => v.Mse).ToArray(), values.Select(v => v.Objective).ToArray());
    }

    /// <summary>Gradients of the objective (noise-free, at the current parameters) per layer for model k.</summary>
    internal LayerParameters[] Gradients(int k) => _networks[k].Gradients();

    public LayerParameters[] Parameters(int k) => _networks[k].Parameters();

    public void SetParameters(int k, IReadOnlyList<LayerParameters> parameters) => _networks[k].SetParameters(parameters);

    public void Dispose()
    {
        foreach (var n in _networks) n?.Dispose();
    }
}
