using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepLinear.Notebooks.Execution;

/// <summary>The script options every notebook starts from: the C# kernel's default usings and references.</summary>
public static class ScriptDefaults
{
    /// <summary>The namespaces (and the static <see cref="Kernel"/> class) the C# kernel imports into each cell.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        typeof(Kernel).FullName!,
    ];

    static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == framework && p.EndsWith(".dll", StringComparison.Ordinal));
        var own = new[] { typeof(Kernel).Assembly, typeof(Formatter).Assembly, typeof(Microsoft.AspNetCore.Html.HtmlString).Assembly }
            .Select(a => a.Location);
        return trusted.Concat(own).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    /// <summary>Fresh options: framework and kernel references, default imports, optimised code with line information.</summary>
    public static ScriptOptions Create() => ScriptOptions.Default
        .WithReferences(References.Value)
        .WithImports(Imports)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8);
}
