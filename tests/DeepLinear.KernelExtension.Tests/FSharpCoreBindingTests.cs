using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace DeepLinear.KernelExtension.Tests;

/// <summary>The binding of newer FSharp.Core requests to the loaded FSharp.Core (what Plotly.NET 6 needs in the kernel).</summary>
public class FSharpCoreBindingTests
{
    [Fact]
    public void A_request_for_a_newer_FSharp_Core_gets_the_loaded_one()
    {
        var loaded = typeof(Microsoft.FSharp.Core.Unit).Assembly;

        var resolved = FSharpCoreBinding.Resolve(AssemblyLoadContext.GetLoadContext(loaded)!, new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"));

        Assert.Same(loaded, resolved);
    }

    [Fact]
    public void Other_assemblies_and_contexts_without_FSharp_Core_are_left_to_the_runtime()
    {
        var empty = new AssemblyLoadContext("empty", isCollectible: true);
        try
        {
            Assert.Null(FSharpCoreBinding.Resolve(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=6.0.0.0")));
            Assert.Null(FSharpCoreBinding.Resolve(empty, new AssemblyName("FSharp.Core, Version=10.1.0.0")));
        }
        finally
        {
            empty.Unload();
        }
    }
}
