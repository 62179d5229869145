using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepLinear.Training;

/// <summary>
/// What <see cref="Kernels{T}.Product{TEpilogue}"/> does to a result vector before storing it at element offset
/// <c>at</c> of C (buffers of the same layout as C are read or written at the same offset). Structs, so the JIT
/// compiles one kernel per epilogue with the call inlined.
/// </summary>
internal unsafe interface IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    Vector<T> Apply(Vector<T> value, long at);
}

/// <summary>Stores the product as it is (linear layers, weight gradients).</summary>
internal readonly struct Stored<T> : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) => value;
}

/// <summary>H = max(0, Z), keeping NaN (a compare-and-select, for the reason given at VectorMath.Tanh).</summary>
internal readonly struct ReluOf<T> : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) => Vector.ConditionalSelect(Vector.LessThan(value, Vector<T>.Zero), Vector<T>.Zero, value);
}

/// <summary>H = tanh(Z).</summary>
internal readonly struct TanhOf<T> : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) => VectorMath<T>.Tanh(value);
}

/// <summary>H = Z sigmoid(Z), saving s = sigmoid(Z) in S for the derivative.</summary>
internal readonly unsafe struct SwishOf<T>(T* s) : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at)
    {
        var sigmoid = VectorMath<T>.Sigmoid(value);
        sigmoid.Store(s + at);
        return value * sigmoid;
    }
}

/// <summary>dL/dZ = dL/dH [H &gt; 0] (ReLU' from the saved activation H).</summary>
internal readonly unsafe struct TimesReluDerivative<T>(T* h) : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) =>
        Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(h + at), Vector<T>.Zero), value, Vector<T>.Zero);
}

/// <summary>∂L/∂Z = ∂L/∂H ∘ (1 − H²) (Tanh′ from the saved activation H).</summary>
internal readonly unsafe struct TimesTanhDerivative<T>(T* h) : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at)
    {
        var a = Vector.Load(h + at);
        return value * VectorMath<T>.Fma(-a, a, Vector<T>.One);
    }
}

/// <summary>∂L/∂Z = ∂L/∂H ∘ (s + H(1 − s)) (Swish′ from the saved H and s = σ(Z)).</summary>
internal readonly unsafe struct TimesSwishDerivative<T>(T* h, T* s) : IEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at)
    {
        var si = Vector.Load(s + at);
        return value * VectorMath<T>.Fma(Vector.Load(h + at), Vector<T>.One - si, si);
    }
}
