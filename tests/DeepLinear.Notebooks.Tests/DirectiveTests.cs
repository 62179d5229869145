using DeepLinear.Notebooks.Execution;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Parsing kernel directives out of cells, and serving #r nuget from the runner's own build.</summary>
public class DirectiveTests
{
    [Fact]
    public void Directives_are_blanked_so_line_numbers_stay()
    {
        var parsed = Directives.Parse("#!csharp\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"nuget:Plotly.NET\"\n#r \"../x/My.dll\" // mine\nvar a = 1;");

        Assert.Equal("\n\n\n\nvar a = 1;", parsed.Code);
        Assert.Equal(new NuGetReference(2, "#r \"nuget: MathNet.Numerics, 5.0.0\"", "MathNet.Numerics", "5.0.0"), parsed.References[0]);
        Assert.Equal(new NuGetReference(3, "#r \"nuget:Plotly.NET\"", "Plotly.NET", null), parsed.References[1]);
        Assert.Equal("../x/My.dll", Assert.IsType<AssemblyReference>(parsed.References[2]).Path);
    }

    [Theory]
    [InlineData("#r nuget: X", 1, "cannot read '#r nuget: X'")]
    [InlineData("var a = 1;\n#r \"nuget: X, 1, 2\"", 2, "expected #r \"nuget: Name, Version\"")]
    [InlineData("#i \"nuget: https://example.org/index.json\"", 1, "unsupported kernel directive '#i")]
    [InlineData("var a = 1;\n#!share --from fsharp x", 2, "unsupported kernel directive '#!share --from fsharp x'")]
    public void Malformed_or_unsupported_directives_name_their_line(string source, int line, string message)
    {
        var e = Assert.Throws<DirectiveException>(() => Directives.Parse(source));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Package_without_version_gets_the_pinned_one_and_its_assembly_closure()
    {
        var files = PackageCatalog.Current.Resolve(new NuGetReference(1, "#r \"nuget: Plotly.NET.CSharp\"", "Plotly.NET.CSharp", null))
            .Select(Path.GetFileName).ToList();

        Assert.Contains("Plotly.NET.CSharp.dll", files);
        Assert.Contains("Plotly.NET.dll", files);
        Assert.Contains("FSharp.Core.dll", files);
    }

    [Fact]
    public void Plotly_NET_Interactive_is_provided_by_the_runner_for_the_pinned_Plotly_NET()
    {
        var files = PackageCatalog.Current.Resolve(new NuGetReference(1, "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"", "Plotly.NET.Interactive", "6.0.0"));
        Assert.Contains("Plotly.NET.dll", files.Select(Path.GetFileName));

        var e = Assert.Throws<DirectiveException>(() =>
            PackageCatalog.Current.Resolve(new NuGetReference(2, "#r \"nuget: Plotly.NET.Interactive, 5.0.0\"", "Plotly.NET.Interactive", "5.0.0")));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("version 5.0.0 of 'Plotly.NET.Interactive' does not match the pinned Plotly.NET 6.0.0", e.Message);
    }

    [Fact]
    public void Pinned_package_missing_from_the_build_is_an_error_saying_so()
    {
        var deps = Path.Combine(Repo.TempFolder(), "tiny.deps.json");
        File.WriteAllText(deps, """
            {"targets": {".NETCoreApp,Version=v10.0": {"MathNet.Numerics/5.0.0": {"runtime": {"lib/net6.0/MathNet.Numerics.dll": {}}}}}}
            """);
        var catalog = PackageCatalog.FromDepsFile(deps);

        var e = Assert.Throws<DirectiveException>(() => catalog.Resolve(new NuGetReference(3, "#r \"nuget: Plotly.NET, 6.0.0\"", "Plotly.NET", "6.0.0")));
        Assert.Equal(3, e.Line);
        Assert.Equal("package 'Plotly.NET' 6.0.0 is pinned but not part of the runner's build; add a PackageReference to it in lib/DeepLinear.Notebooks", e.Message);
    }
}
