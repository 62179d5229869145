using System.Xml.Linq;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The package versions pinned in the repository's Directory.Packages.props, embedded into this assembly at build
/// time: the only packages a notebook may ask for with <c>#r "nuget: ..."</c>.
/// </summary>
public static class PackagePins
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> Pins = new(Load);

    /// <summary>Pinned package name (case-insensitive) to version.</summary>
    public static IReadOnlyDictionary<string, string> All => Pins.Value;

    static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = typeof(PackagePins).Assembly.GetManifestResourceStream("DeepLinear.Notebooks.Directory.Packages.props")
            ?? throw new InvalidOperationException("Directory.Packages.props is not embedded in DeepLinear.Notebooks; rebuild it");
        return XDocument.Load(stream).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
    }
}
