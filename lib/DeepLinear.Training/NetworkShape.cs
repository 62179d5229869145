namespace DeepLinear.Training;

/// <summary>
/// A fully connected network x (InputDim) → hidden layers (HiddenWidths, each followed by the model's activation)
/// → one scalar output. Depth D = number of hidden layers, so D = 0 is the linear regressor f = w·x + b.
/// </summary>
public sealed record NetworkShape
{
    public NetworkShape(int inputDim, IReadOnlyList<int> hiddenWidths, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        foreach (var w in hiddenWidths)
            if (w < 1) throw new ArgumentOutOfRangeException(nameof(hiddenWidths), w, "every hidden width must be at least 1");
        InputDim = inputDim;
        HiddenWidths = hiddenWidths.ToArray();
        Bias = bias;
    }

    public int InputDim { get; }
    public IReadOnlyList<int> HiddenWidths { get; }
    public bool Bias { get; }

    /// <summary>Number of hidden layers.</summary>
    public int Depth => HiddenWidths.Count;

    /// <summary>Number of weight matrices, D + 1.</summary>
    public int LayerCount => HiddenWidths.Count + 1;

    /// <summary>Widths of every layer from input to output: [InputDim, hidden..., 1].</summary>
    public int[] Widths() => [InputDim, .. HiddenWidths, 1];

    public bool Equals(NetworkShape? other) =>
        other is not null && InputDim == other.InputDim && Bias == other.Bias && HiddenWidths.SequenceEqual(other.HiddenWidths);

    public override int GetHashCode() => HashCode.Combine(InputDim, Bias, HiddenWidths.Count);
}
