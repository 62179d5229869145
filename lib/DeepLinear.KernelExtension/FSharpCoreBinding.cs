using System.Reflection;
using System.Runtime.Loader;

namespace DeepLinear.KernelExtension;

/// <summary>
/// Binds requests for a newer FSharp.Core to the one already loaded. Plotly.NET 6.0.0 (the only version served)
/// is built against FSharp.Core 10.1.0.0, while the kernel (Microsoft.dotnet-interactive 1.0.712001) runs its F#
/// kernel on FSharp.Core 10.0.0.0, loaded at start-up in the default load context. That context cannot hold a
/// second FSharp.Core, so without this every first Plotly.NET call fails with
/// <c>FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'</c>.
/// </summary>
/// <remarks>
/// The runtime asks <see cref="AssemblyLoadContext.Resolving"/> only after its own binding failed, so hosts whose
/// FSharp.Core is new enough (the headless runner, the tests) never get here. The one risk is a Plotly.NET call
/// into an FSharp.Core 10.1 API that 10.0 lacks: a <see cref="MissingMethodException"/> at that call. All nine
/// notebooks run with it in the real kernel.
/// </remarks>
public static class FSharpCoreBinding
{
    const string FSharpCore = "FSharp.Core";
    static readonly object Gate = new();
    static bool _installed;

    /// <summary>Installs the binding on the default load context; idempotent.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            AssemblyLoadContext.Default.Resolving += Resolve;
            _installed = true;
        }
    }

    /// <summary>The FSharp.Core already loaded in <paramref name="context"/> for a request of FSharp.Core, else null.</summary>
    public static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == FSharpCore
            ? context.Assemblies.FirstOrDefault(a => a.GetName().Name == FSharpCore)
            : null;
}
