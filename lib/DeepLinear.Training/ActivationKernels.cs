using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepLinear.Training;

/// <summary>
/// One <see cref="Activation"/>'s part of a training step, in vectorised T: φ applied to a product's result in its
/// registers (<see cref="Forward"/>), and the backward factor ∂L/∂Z = ∂L/∂H ∘ φ′(Z) computed from what the forward
/// pass saved, H = φ(Z) and, where <see cref="SavesAuxiliary"/>, a buffer S of its own (<see cref="TimesDerivative"/>).
/// Static members on structs, so <see cref="Network{T, TActivation}"/> is compiled once per activation with every
/// call inlined. Adding an activation to the trainer is one struct implementing this and one arm in
/// <see cref="Network.Create"/>; the enum value and its float64 φ are in the core's Activation.cs.
/// </summary>
internal unsafe interface IActivationKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>φ(z) = z: products are stored as they are, and the backward pass multiplies by nothing.</summary>
    static abstract bool IsIdentity { get; }

    /// <summary>The forward pass saves S (same layout as H) for the derivative.</summary>
    static abstract bool SavesAuxiliary { get; }

    /// <summary>H = φ(Z) for the vector at element offset <paramref name="at"/>, writing S there if it saves one.</summary>
    static abstract Vector<T> Forward(Vector<T> z, T* s, long at);

    /// <summary>∂L/∂Z = <paramref name="g"/> ∘ φ′(Z), from the saved H (and S) at element offset <paramref name="at"/>.</summary>
    static abstract Vector<T> TimesDerivative(Vector<T> g, T* h, T* s, long at);
}

/// <summary>φ(z) = z, φ′ = 1.</summary>
internal readonly unsafe struct IdentityKernel<T> : IActivationKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool IsIdentity => true;
    public static bool SavesAuxiliary => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Forward(Vector<T> z, T* s, long at) => z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> TimesDerivative(Vector<T> g, T* h, T* s, long at) => g;
}

/// <summary>
/// φ(z) = max(0, z), keeping NaN (a compare-and-select, for the reason given at VectorMath.Tanh); φ′ = [H &gt; 0]
/// from the saved activation.
/// </summary>
internal readonly unsafe struct ReluKernel<T> : IActivationKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool IsIdentity => false;
    public static bool SavesAuxiliary => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Forward(Vector<T> z, T* s, long at) =>
        Vector.ConditionalSelect(Vector.LessThan(z, Vector<T>.Zero), Vector<T>.Zero, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> TimesDerivative(Vector<T> g, T* h, T* s, long at) =>
        Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(h + at), Vector<T>.Zero), g, Vector<T>.Zero);
}

/// <summary>φ(z) = tanh z (<see cref="VectorMath{T}.Tanh"/>); φ′ = 1 − H² from the saved activation.</summary>
internal readonly unsafe struct TanhKernel<T> : IActivationKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool IsIdentity => false;
    public static bool SavesAuxiliary => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Forward(Vector<T> z, T* s, long at) => VectorMath<T>.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> TimesDerivative(Vector<T> g, T* h, T* s, long at)
    {
        var a = Vector.Load(h + at);
        return g * VectorMath<T>.Fma(-a, a, Vector<T>.One);
    }
}

/// <summary>φ(z) = z σ(z), saving S = σ(Z); φ′ = S + H(1 − S) from the saved H and S.</summary>
internal readonly unsafe struct SwishKernel<T> : IActivationKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool IsIdentity => false;
    public static bool SavesAuxiliary => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Forward(Vector<T> z, T* s, long at)
    {
        var sigmoid = VectorMath<T>.Sigmoid(z);
        sigmoid.Store(s + at);
        return z * sigmoid;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> TimesDerivative(Vector<T> g, T* h, T* s, long at)
    {
        var si = Vector.Load(s + at);
        return g * VectorMath<T>.Fma(Vector.Load(h + at), Vector<T>.One - si, si);
    }
}
