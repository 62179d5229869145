using System.Reflection;
using System.Runtime.InteropServices;
using DeepLinear.Build;

namespace DeepLinear.KernelExtension;

/// <summary>
/// Loads the native libraries of the TorchSharp package the kernel restored (libtorch_cpu.so, libtorch.so,
/// libLibTorchSharp.so), by full path and in dependency order, before TorchSharp's own search runs.
/// </summary>
/// <remarks>
/// In the kernel, TorchSharp.dll comes from the NuGet packages folder and its natives from two packages
/// (torchsharp and libtorch-cpu-linux-x64), and TorchSharp's first step loads <c>torch_cpu</c> by name. That goes
/// wrong twice on our machines: on Debian 12 the shipped libLibTorchSharp.so requires GLIBCXX_3.4.32, which GCC 12's
/// libstdc++ lacks; and where Debian's libtorch is installed (for python3-torch), the name finds
/// /usr/lib/x86_64-linux-gnu/libtorch_cpu.so (1.13), after which LibTorchSharp fails on undefined symbols and
/// TorchSharp's fallback copies ~480 MB of natives and fails again. Loading the package's files by full path first
/// makes every later load by name (TorchSharp's, and DeepLinear.Training's <c>libtorch_cpu</c> import) resolve to
/// them, since the dynamic loader matches an already-loaded library by its soname before it searches the disk.
/// The libLibTorchSharp.so of the package is first marked loadable on an older libstdc++ where the host needs it
/// (the build does the same; see build/ElfVersionNeeds.cs). The paths are those this assembly's build restored,
/// so a TorchSharp of another version, or one not in a packages folder, is left to its own search.
/// </remarks>
public static class TorchSharpNatives
{
    const string MetadataPrefix = "TorchSharpNative";
    const string GccVersion = "GLIBCXX_3.4.32";

    /// <summary>The three natives, relative to the NuGet packages folder, in load order (recorded at build time).</summary>
    public static IReadOnlyList<string> PackageRelativePaths { get; } = typeof(TorchSharpNatives).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && a.Value is not null)
        .OrderBy(a => a.Key, StringComparer.Ordinal)
        .Select(a => a.Value!)
        .ToArray();

    /// <summary>
    /// The files to preload for the TorchSharp.dll at <paramref name="torchSharpAssembly"/>: full paths in load order,
    /// or empty when that assembly is not the one this build restored inside a NuGet packages folder
    /// (<c>&lt;packages&gt;/torchsharp/&lt;version&gt;/lib/&lt;framework&gt;/TorchSharp.dll</c>) or a file is missing.
    /// </summary>
    public static IReadOnlyList<string> FilesFor(string torchSharpAssembly)
    {
        if (PackageRelativePaths.Count == 0 || string.IsNullOrEmpty(torchSharpAssembly)) return [];
        var package = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(torchSharpAssembly)!, "..", ".."));
        var packages = Path.GetDirectoryName(Path.GetDirectoryName(package));
        if (packages is null) return [];
        var files = PackageRelativePaths.Select(p => Path.GetFullPath(Path.Combine(packages, p))).ToArray();
        bool sameTorchSharp = files[^1].StartsWith(package + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return sameTorchSharp && files.All(File.Exists) ? files : [];
    }

    /// <summary>
    /// On linux-x64, loads <see cref="FilesFor"/> <paramref name="torchSharpAssembly"/> and returns them (empty
    /// elsewhere, or when there is nothing to load). A file that cannot be loaded is a
    /// <see cref="DllNotFoundException"/> naming it.
    /// </summary>
    public static IReadOnlyList<string> Preload(string torchSharpAssembly)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return [];
        var files = FilesFor(torchSharpAssembly);
        if (files.Count == 0) return [];
        var libTorchSharp = files[^1];
        try
        {
            ElfVersionNeeds.WeakenUnlessHostHas(libTorchSharp, GccVersion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DllNotFoundException($"DeepLinear.KernelExtension: {libTorchSharp} requires {GccVersion}, which this host's libstdc++ lacks, and marking it weak failed ({e.Message}); run `dotnet build DeepLinear.sln -c Release` as the owner of the NuGet packages folder, which does the same", e);
        }
        foreach (var file in files)
        {
            try
            {
                NativeLibrary.Load(file);
            }
            catch (DllNotFoundException e)
            {
                throw new DllNotFoundException($"DeepLinear.KernelExtension: loading {file} for TorchSharp failed: {e.Message}", e);
            }
        }
        return files;
    }
}
