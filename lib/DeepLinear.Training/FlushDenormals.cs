using System.Runtime.InteropServices;

namespace DeepLinear.Training;

/// <summary>
/// Sets the calling thread's x86 FTZ/DAZ bits through libtorch's <c>at::globalContext().setFlushDenormal(true)</c>
/// (TorchSharp 0.107 does not expose <c>torch.set_flush_denormal</c>). Without it, weights that weight decay drives
/// toward zero (nets trapped at the origin) pass through subnormal floats, where every operation is 10-100 times
/// slower: a trapped Figure 3 net at decay 0.2 slowed from about 1 s to minutes. Values below the smallest normal
/// number (1e-38 in float32, 1e-308 in float64) become zero; nothing else changes. The setting is per thread, so the
/// trainer calls it on its own worker threads only.
/// </summary>
static partial class FlushDenormals
{
    const string Torch = "libtorch_cpu";

    [LibraryImport(Torch, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport(Torch, EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    /// <summary>Turns flushing on for this thread; false when this libtorch build or CPU does not support it.</summary>
    public static bool Enable()
    {
        try
        {
            return SetFlushDenormal(GlobalContext(), true);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
