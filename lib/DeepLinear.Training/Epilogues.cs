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

/// <summary>H = φ(Z) of <typeparamref name="TActivation"/>, writing its auxiliary buffer <paramref name="s"/> if it has one.</summary>
internal readonly unsafe struct ActivationOf<T, TActivation>(T* s) : IEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T> where TActivation : struct, IActivationKernel<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) => TActivation.Forward(value, s, at);
}

/// <summary>∂L/∂Z = ∂L/∂H ∘ φ′(Z) of <typeparamref name="TActivation"/>, from the saved <paramref name="h"/> (and <paramref name="s"/>).</summary>
internal readonly unsafe struct TimesDerivativeOf<T, TActivation>(T* h, T* s) : IEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T> where TActivation : struct, IActivationKernel<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> value, long at) => TActivation.TimesDerivative(value, h, s, at);
}
