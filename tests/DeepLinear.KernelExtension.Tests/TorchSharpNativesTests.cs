using Xunit;

namespace DeepLinear.KernelExtension.Tests;

/// <summary>Which native files the kernel extension preloads for a given TorchSharp.dll (no loading here).</summary>
public class TorchSharpNativesTests
{
    [Fact]
    public void The_build_recorded_libtorch_cpu_libtorch_and_LibTorchSharp_in_load_order()
    {
        var paths = TorchSharpNatives.PackageRelativePaths;

        Assert.Equal(["libtorch_cpu.so", "libtorch.so", "libLibTorchSharp.so"], paths.Select(Path.GetFileName));
        Assert.StartsWith("libtorch-cpu-linux-x64/", paths[0]);
        Assert.StartsWith("libtorch-cpu-linux-x64/", paths[1]);
        Assert.StartsWith("torchsharp/", paths[2]);
        Assert.All(paths, p => Assert.EndsWith("/runtimes/linux-x64/native/" + Path.GetFileName(p), p));
    }

    [Fact]
    public void A_TorchSharp_in_a_packages_folder_at_the_built_version_gets_the_three_files_of_that_folder()
    {
        var packages = FakePackages(TorchSharpVersion(), withNatives: true);
        try
        {
            var files = TorchSharpNatives.FilesFor(TorchSharpDll(packages, TorchSharpVersion()));

            Assert.Equal(TorchSharpNatives.PackageRelativePaths.Select(p => Path.Combine(packages, p)), files);
        }
        finally
        {
            Directory.Delete(packages, recursive: true);
        }
    }

    [Fact]
    public void A_TorchSharp_of_another_version_or_without_its_natives_is_left_to_its_own_search()
    {
        var other = FakePackages("0.1.0", withNatives: true);
        var bare = FakePackages(TorchSharpVersion(), withNatives: false);
        try
        {
            Assert.Empty(TorchSharpNatives.FilesFor(TorchSharpDll(other, "0.1.0")));
            Assert.Empty(TorchSharpNatives.FilesFor(TorchSharpDll(bare, TorchSharpVersion())));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
            Directory.Delete(bare, recursive: true);
        }
    }

    [Fact]
    public void A_TorchSharp_beside_an_application_is_left_to_the_applications_own_natives()
    {
        var application = Path.Combine(Path.GetTempPath(), "deeplinear-kernel-tests", Guid.NewGuid().ToString("N"), "bin", "Release", "net10.0");
        Directory.CreateDirectory(application);
        try
        {
            File.WriteAllBytes(Path.Combine(application, "TorchSharp.dll"), []);

            Assert.Empty(TorchSharpNatives.FilesFor(Path.Combine(application, "TorchSharp.dll")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(application)))!, recursive: true);
        }
    }

    /// <summary>The TorchSharp version this build recorded (the folder after torchsharp/).</summary>
    static string TorchSharpVersion() => TorchSharpNatives.PackageRelativePaths[2].Split('/')[1];

    static string TorchSharpDll(string packages, string version) => Path.Combine(packages, "torchsharp", version, "lib", "net8.0", "TorchSharp.dll");

    /// <summary>A packages folder with TorchSharp.dll at <paramref name="version"/> and, if asked, empty stand-ins for the natives.</summary>
    static string FakePackages(string version, bool withNatives)
    {
        var packages = Path.Combine(Path.GetTempPath(), "deeplinear-kernel-tests", Guid.NewGuid().ToString("N"));
        var dll = TorchSharpDll(packages, version);
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllBytes(dll, []);
        if (withNatives)
            foreach (var relative in TorchSharpNatives.PackageRelativePaths)
            {
                var file = Path.Combine(packages, relative.Replace(TorchSharpVersion(), version, StringComparison.Ordinal));
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, []);
            }
        return packages;
    }
}
