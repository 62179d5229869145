using System.Diagnostics;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Runs an independent judge (Debian's nbclient and nbformat, chromium) or the built CLI, and captures its output.</summary>
public static class ExternalTool
{
    /// <summary>Exit code, stdout and stderr of a finished process.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The first existing file among <paramref name="candidates"/> (absolute, or looked up on PATH), or null.</summary>
    public static string? Find(params string[] candidates)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate)) { if (File.Exists(candidate)) return candidate; continue; }
            var found = path.Select(d => Path.Combine(d, candidate)).FirstOrDefault(File.Exists);
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> (and extra environment variables), failing after <paramref name="timeout"/>.</summary>
    public static Result Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
