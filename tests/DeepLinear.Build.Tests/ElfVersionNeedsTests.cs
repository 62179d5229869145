using DeepLinear.Build;
using Xunit;

namespace DeepLinear.Build.Tests;

/// <summary>The build step that lets TorchSharp's native library load on hosts with libstdc++ older than GCC 13.</summary>
public class ElfVersionNeedsTests
{
    static string HostLibStdCxx() =>
        ElfVersionNeeds.LibStdCxxCandidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("no libstdc++.so.6 found on this host");

    [Fact]
    public void Reads_the_version_needs_of_a_real_library()
    {
        // libstdc++ itself requires versions from libc and libm
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(HostLibStdCxx()));
        Assert.Contains(needs, n => n.File.StartsWith("libc.so") && n.Version.StartsWith("GLIBC_2."));
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void Marks_exactly_the_named_requirement_weak_and_is_idempotent()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"elf-{Guid.NewGuid():N}.so");
        File.Copy(HostLibStdCxx(), copy);
        try
        {
            var before = ElfVersionNeeds.Read(File.ReadAllBytes(copy));
            string target = before.First(n => n.File.StartsWith("libc.so")).Version;
            Assert.True(ElfVersionNeeds.MakeWeak(copy, target));
            var after = ElfVersionNeeds.Read(File.ReadAllBytes(copy));
            Assert.Equal(before.Count, after.Count);
            for (int i = 0; i < before.Count; i++)
                Assert.Equal(before[i].Version == target, after[i].IsWeak);
            Assert.False(ElfVersionNeeds.MakeWeak(copy, target));
            Assert.False(ElfVersionNeeds.MakeWeak(copy, "NO_SUCH_VERSION_1.0"));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Leaves_a_requirement_the_host_libstdcxx_defines_as_shipped()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"elf-{Guid.NewGuid():N}.so");
        File.Copy(HostLibStdCxx(), copy);
        try
        {
            // libstdc++ names the libc versions it requires, so the host "has" each of them
            string present = ElfVersionNeeds.Read(File.ReadAllBytes(copy)).First(n => n.File.StartsWith("libc.so")).Version;
            var before = File.ReadAllBytes(copy);

            Assert.False(ElfVersionNeeds.WeakenUnlessHostHas(copy, present));
            Assert.Equal(before, File.ReadAllBytes(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Rejects_files_that_are_not_ELF()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[128]));
    }
}
