using System.Reflection;
using DeepLinear.Interactive;
using Microsoft.DotNet.Interactive;

namespace DeepLinear.KernelExtension;

/// <summary>
/// What the real .NET Interactive kernel (Polyglot Notebooks in VS Code, or Jupyter through the repository's
/// kernelspec) runs when a notebook's setup cell restores <c>#r "nuget: DeepLinear.KernelExtension, 1.0.0"</c>:
/// the kernel loads every <see cref="IKernelExtension"/> in a restored package's <c>interactive-extensions/dotnet</c>
/// folder before the rest of that cell runs, and it never does so for an assembly referenced by path. So this is
/// the one place our code runs before a notebook's first Plotly.NET or TorchSharp call, whatever the cell order.
/// It installs, once per process:
/// <list type="bullet">
/// <item><see cref="FSharpCoreBinding"/>: Plotly.NET 6 binds to the FSharp.Core the kernel already has loaded;</item>
/// <item><see cref="ChartFormatting"/>: registered when Plotly.NET loads (now, if it already has);</item>
/// <item><see cref="TorchSharpNatives"/>: when TorchSharp loads, the libtorch natives of its own package are loaded
/// first, by full path, so neither an older libstdc++ nor a system libtorch gets in the way.</item>
/// </list>
/// </summary>
public sealed class KernelExtension : IKernelExtension
{
    static readonly object Gate = new();
    static bool _installed;

    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        lock (Gate)
        {
            if (_installed) return Task.CompletedTask;
            _installed = true;
        }
        FSharpCoreBinding.Install();
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => OnLoaded(e.LoadedAssembly);
        if (IsLoaded("Plotly.NET")) ChartFormatting.EnsureRegistered();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs inside the runtime's assembly-load notification, before any code of the loaded assembly: for TorchSharp,
    /// before its static constructor searches for natives. A TorchSharp loaded before this extension is left alone.
    /// A preload that fails is reported on the cell's standard error rather than thrown into the assembly load, and
    /// TorchSharp's own search then runs as it would without the extension.
    /// </summary>
    static void OnLoaded(Assembly assembly)
    {
        switch (assembly.GetName().Name)
        {
            case "Plotly.NET":
                ChartFormatting.EnsureRegistered();
                break;
            case "TorchSharp":
                try
                {
                    TorchSharpNatives.Preload(assembly.Location);
                }
                catch (DllNotFoundException e)
                {
                    Console.Error.WriteLine(e.Message);
                }
                break;
        }
    }

    static bool IsLoaded(string name) => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == name);
}
