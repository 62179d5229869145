using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Xunit;

namespace DeepLinear.KernelExtension.Tests;

/// <summary>
/// The repository files that make Jupyter clients and VS Code run the notebooks in the pinned kernel: the
/// kernelspec, the tool manifest, the SDK pin, the package source of the kernel extension and the setup cell
/// convention that loads it.
/// </summary>
public class KernelPlumbingTests
{
    static JsonNode Json(params string[] path) => JsonNode.Parse(File.ReadAllText(Repo.File(path)))!;

    static string ExtensionPin() => (string)XDocument.Load(Repo.File("Directory.Packages.props")).Descendants("PackageVersion")
        .Single(p => (string?)p.Attribute("Include") == "DeepLinear.KernelExtension").Attribute("Version")!;

    [Fact]
    public void The_kernelspec_runs_the_pinned_local_tool_with_its_http_endpoint_on_loopback_only_and_no_PGO()
    {
        var spec = Json(".jupyter", "kernels", ".net-csharp", "kernel.json");

        Assert.Equal(["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
            spec["argv"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("C#", (string?)spec["language"]);
        Assert.Equal("0", (string?)spec["env"]!["DOTNET_TieredPGO"]);
    }

    [Fact]
    public void The_tool_manifest_pins_the_final_kernel_and_global_json_its_SDK_band()
    {
        var tool = Json("dotnet-tools.json")["tools"]!["microsoft.dotnet-interactive"]!;
        var sdk = Json("global.json")["sdk"]!;

        Assert.Equal("1.0.712001", (string?)tool["version"]);
        Assert.Equal(["dotnet-interactive"], tool["commands"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("10.0.400", (string?)sdk["version"]);
        Assert.Equal("latestPatch", (string?)sdk["rollForward"]);
    }

    [Fact]
    public void Every_notebook_names_the_repository_kernelspec_and_loads_the_pinned_extension_first()
    {
        var notebooks = Directory.GetFiles(Repo.File("notebooks"), "*.ipynb").Concat(Directory.GetFiles(Repo.File("tests", "DeepLinear.KernelExtension.Tests", "real-kernel"), "*.ipynb"))
            .Where(n => !n.EndsWith("plotly-without-extension.ipynb", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notebooks);
        foreach (var path in notebooks)
        {
            var notebook = JsonNode.Parse(File.ReadAllText(path))!;
            var setup = notebook["cells"]!.AsArray().First(c => (string?)c!["cell_type"] == "code")!;
            var firstLine = CellOutputs.Text(setup["source"]).Split('\n')[0];

            Assert.True(Directory.Exists(Repo.File(".jupyter", "kernels", (string)notebook["metadata"]!["kernelspec"]!["name"]!)), $"{path}: no such kernelspec in .jupyter/kernels");
            Assert.True(firstLine == $"#r \"nuget: DeepLinear.KernelExtension, {ExtensionPin()}\"", $"{path}: the setup cell starts with '{firstLine}', not the kernel extension at its pin {ExtensionPin()}");
        }
    }

    [Fact]
    public void The_notebooks_package_sources_name_the_folder_the_build_packs_the_extension_into()
    {
        foreach (var folder in new[] { Repo.File("notebooks"), Repo.File("tests", "DeepLinear.KernelExtension.Tests", "real-kernel") })
        {
            var source = (string)XDocument.Load(Path.Combine(folder, "nuget.config")).Descendants("add").Single().Attribute("value")!;

            Assert.Equal(Repo.File("artifacts", "packages"), Path.GetFullPath(Path.Combine(folder, source)));
        }
    }

    [Fact]
    public void The_packed_extension_carries_its_assembly_where_the_kernel_loads_extensions_and_depends_on_nothing()
    {
        var package = Repo.File("artifacts", "packages", $"DeepLinear.KernelExtension.{ExtensionPin()}.nupkg");
        Assert.True(File.Exists(package), $"{package} is missing: build the solution in Release");
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());

        Assert.Contains(zip.Entries, e => e.FullName == "interactive-extensions/dotnet/DeepLinear.KernelExtension.dll");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/DeepLinear.KernelExtension.dll");
        Assert.Equal(ExtensionPin(), nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
    }
}
