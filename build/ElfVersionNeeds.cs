// Used three times: compiled into an MSBuild inline task by Directory.Build.targets (so every build
// output that carries TorchSharp's native library, and the restored package it comes from, is fixed
// before its first load); linked into the notebooks' kernel extension (lib/DeepLinear.KernelExtension),
// which fixes the package copy the .NET Interactive kernel loads; and linked into a test project, which
// checks it on real ELF files. The two links define ELF_VERSION_NEEDS_WITHOUT_TASK, leaving out the task;
// the class is internal so that each assembly keeps its own copy.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
#if !ELF_VERSION_NEEDS_WITHOUT_TASK
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace DeepLinear.Build
{
    /// <summary>
    /// Reads and edits the version-needs table (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF
    /// shared library. TorchSharp 0.107's <c>libLibTorchSharp.so</c> was linked against GCC 13 and
    /// names <c>GLIBCXX_3.4.32</c> for a single symbol, <c>std::ios_base_library_init()</c>, which GCC 13's
    /// &lt;iostream&gt; references only to pin the library version; no relocation uses it. Marking that
    /// one requirement <c>VER_FLG_WEAK</c> lets the dynamic loader accept an older libstdc++ (GCC 12 on
    /// Debian 12), while a host that has the version is unaffected.
    /// </summary>
    internal static class ElfVersionNeeds
    {
        public const ushort VerFlgWeak = 0x2;
        const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>One <c>Elf64_Vernaux</c> entry: a version a library requires from one of its dependencies.</summary>
        public sealed class Requirement
        {
            public string File = "";
            public string Version = "";
            public ushort Flags;
            public long FlagsOffset;
            public bool IsWeak => (Flags & VerFlgWeak) != 0;
        }

        /// <summary>All version requirements of the ELF image in <paramref name="image"/>.</summary>
        public static List<Requirement> Read(byte[] image)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF is supported");
            long shoff = (long)BitConverter.ToUInt64(image, 0x28);
            int shentsize = BitConverter.ToUInt16(image, 0x3A);
            int shnum = BitConverter.ToUInt16(image, 0x3C);
            var result = new List<Requirement>();
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                if (BitConverter.ToUInt32(image, (int)sh + 4) != ShtGnuVerneed) continue;
                long offset = (long)BitConverter.ToUInt64(image, (int)sh + 0x18);
                int link = (int)BitConverter.ToUInt32(image, (int)sh + 0x28);
                int count = (int)BitConverter.ToUInt32(image, (int)sh + 0x2C);
                long strtab = (long)BitConverter.ToUInt64(image, (int)(shoff + (long)link * shentsize) + 0x18);
                long vn = offset;
                for (int i = 0; i < count; i++)
                {
                    int cnt = BitConverter.ToUInt16(image, (int)vn + 2);
                    string file = CString(image, strtab + BitConverter.ToUInt32(image, (int)vn + 4));
                    long aux = vn + BitConverter.ToUInt32(image, (int)vn + 8);
                    for (int j = 0; j < cnt; j++)
                    {
                        result.Add(new Requirement
                        {
                            File = file,
                            Flags = BitConverter.ToUInt16(image, (int)aux + 4),
                            FlagsOffset = aux + 4,
                            Version = CString(image, strtab + BitConverter.ToUInt32(image, (int)aux + 8)),
                        });
                        aux += BitConverter.ToUInt32(image, (int)aux + 12);
                    }
                    vn += BitConverter.ToUInt32(image, (int)vn + 12);
                }
            }
            return result;
        }

        /// <summary>
        /// Marks the requirement on <paramref name="version"/> weak in the file at <paramref name="path"/>.
        /// Returns true if the file was changed, false if it has no such requirement or it is already weak.
        /// </summary>
        public static bool MakeWeak(string path, string version)
        {
            byte[] image = File.ReadAllBytes(path);
            bool changed = false;
            foreach (var r in Read(image))
            {
                if (r.Version != version || r.IsWeak) continue;
                ushort flags = (ushort)(r.Flags | VerFlgWeak);
                image[r.FlagsOffset] = (byte)(flags & 0xff);
                image[r.FlagsOffset + 1] = (byte)(flags >> 8);
                changed = true;
            }
            if (changed)
            {
                // Written beside the original and renamed over it (File.Replace is rename(2) on Unix): a process
                // that has the old file mapped keeps its pages, and a concurrent reader sees the old or the new
                // file, never a half-written one. netstandard2.0 APIs only, for MSBuild's inline task compiler.
                string temp = path + "." + System.Diagnostics.Process.GetCurrentProcess().Id + ".patching";
                File.WriteAllBytes(temp, image);
                File.Replace(temp, path, null);
            }
            return changed;
        }

        /// <summary>
        /// Marks <paramref name="version"/> weak in the library at <paramref name="path"/> unless this host's
        /// libstdc++ defines it (then the library loads as shipped). Returns true if the file was changed.
        /// </summary>
        public static bool WeakenUnlessHostHas(string path, string version) =>
            !HostLibStdCxxHas(version, LibStdCxxCandidates) && MakeWeak(path, version);

        /// <summary>True if some libstdc++ on this host defines the symbol version <paramref name="version"/>.</summary>
        public static bool HostLibStdCxxHas(string version, IEnumerable<string> candidates)
        {
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            foreach (var c in candidates)
                if (File.Exists(c) && IndexOf(File.ReadAllBytes(c), needle) >= 0) return true;
            return false;
        }

        public static readonly string[] LibStdCxxCandidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };

        static string CString(byte[] image, long at)
        {
            int end = (int)at;
            while (image[end] != 0) end++;
            return Encoding.ASCII.GetString(image, (int)at, end - (int)at);
        }

        static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
            {
                if (hay[i] != needle[0]) continue;
                int k = 1;
                while (k < needle.Length && hay[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !ELF_VERSION_NEEDS_WITHOUT_TASK
namespace DeepLinear.Build
{
    /// <summary>
    /// MSBuild task: where this host's libstdc++ lacks <see cref="Version"/>, marks that requirement weak in
    /// each <see cref="Libraries"/> file (the project's build output, and the restored package's copy that the
    /// .NET Interactive kernel loads). Idempotent.
    /// </summary>
    public class WeakenElfVersionNeed : Task
    {
        [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
        [Required] public string Version { get; set; } = "";

        public override bool Execute()
        {
            foreach (var item in Libraries)
            {
                try
                {
                    if (ElfVersionNeeds.WeakenUnlessHostHas(item.ItemSpec, Version))
                        Log.LogMessage(MessageImportance.High, $"TorchSharp fix: marked {Version} weak in {item.ItemSpec} (host libstdc++ predates GCC 13)");
                }
                catch (Exception e)
                {
                    Log.LogError($"Cannot make TorchSharp load on this host: patching {item.ItemSpec} failed ({e.Message}). Install libstdc++6 from GCC 13 or newer (e.g. Ubuntu 24.04 or Debian 13).");
                    return false;
                }
            }
            return true;
        }
    }
}
#endif
