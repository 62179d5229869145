using System.Runtime.InteropServices;

namespace DeepLinear.Training;

/// <summary>
/// A zeroed block of native memory starting on a 64-byte boundary, freed on dispose. The trainer's buffers live here
/// (not in managed arrays) so that the kernels can take raw pointers without pinning and no GC ever moves them.
/// </summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    public NativeBuffer(long length)
    {
        Length = length;
        Pointer = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, length * sizeof(T)), 64);
        NativeMemory.Clear(Pointer, (nuint)(length * sizeof(T)));
    }

    public T* Pointer { get; private set; }

    public long Length { get; }

    public Span<T> Span => new(Pointer, checked((int)Length));

    public void Dispose()
    {
        if (Pointer is null) return;
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}
