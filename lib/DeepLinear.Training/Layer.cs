using System.Numerics;

namespace DeepLinear.Training;

/// <summary>
/// The buffers of one layer of one model: its parameters and their gradients, and for one block of
/// <c>rows</c> samples Z = In W^T + b (rows x Out), then H = act(Z) for a hidden layer or the output f for the last one,
/// and G = dL/dZ. Rows are padded to whole vectors (<see cref="InStride"/>, <see cref="OutStride"/>)
/// with zeros that stay zero: padded weight rows and columns are zero, and every activation maps 0 to 0.
/// </summary>
internal sealed unsafe class Layer<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    public Layer(int rows, int inWidth, int outWidth, bool auxiliary, bool noise)
    {
        In = inWidth;
        Out = outWidth;
        InStride = Padded(inWidth);
        OutStride = Padded(outWidth);
        W = new(Out * (long)InStride);
        Wt = new(In * (long)OutStride);
        B = new(OutStride);
        GradW = new(Out * (long)InStride);
        GradB = new(OutStride);
        GradWt = GradientTransposed ? new(In * (long)OutStride) : null;
        H = new(rows * (long)OutStride);
        G = new(rows * (long)OutStride);
        S = auxiliary ? new(rows * (long)OutStride) : null;
        Noisy = noise ? new(rows * (long)OutStride) : null;
    }

    /// <summary>Rows rounded up to whole vectors.</summary>
    public static int Padded(int width) => (width + Vector<T>.Count - 1) / Vector<T>.Count * Vector<T>.Count;

    public int In { get; }
    public int Out { get; }
    public int InStride { get; }
    public int OutStride { get; }

    /// <summary>Weights, Out x In (rows InStride apart); <see cref="Wt"/> is their transpose, refreshed after each update.</summary>
    public NativeBuffer<T> W { get; }
    public NativeBuffer<T> Wt { get; }
    public NativeBuffer<T> B { get; }
    public NativeBuffer<T> GradW { get; }
    public NativeBuffer<T> GradB { get; }

    /// <summary>
    /// Whether dL/dW is summed as its transpose In x Out (into <see cref="GradWt"/>): fewer padded lanes when Out is
    /// the wider side, as for the input layer (5 -&gt; 32: 5 x 4 vectors per sample instead of 32 x 1).
    /// </summary>
    public bool GradientTransposed => In * (long)OutStride < Out * (long)InStride;

    public NativeBuffer<T>? GradWt { get; }

    /// <summary>act(Z) (hidden layer) or f (output layer), rows x Out.</summary>
    public NativeBuffer<T> H { get; }

    /// <summary>dL/dZ, rows x Out.</summary>
    public NativeBuffer<T> G { get; }

    /// <summary>The activation's auxiliary buffer (<see cref="IActivationKernel{T}.SavesAuxiliary"/>; Swish: σ(Z)), rows x Out.</summary>
    public NativeBuffer<T>? S { get; }

    /// <summary>Noisy models only: H * noise, what the next layer reads while training.</summary>
    public NativeBuffer<T>? Noisy { get; }

    /// <summary>This layer's output as the next layer reads it.</summary>
    public T* Output => (Noisy ?? H).Pointer;

    /// <summary>Refreshes <see cref="Wt"/> from <see cref="W"/>.</summary>
    public void TransposeWeights() => Kernels<T>.Transpose(Wt.Pointer, OutStride, W.Pointer, InStride, Out, In);

    public void Dispose()
    {
        foreach (var b in new[] { W, Wt, B, GradW, GradB, GradWt, H, G, S, Noisy }) b?.Dispose();
    }
}
