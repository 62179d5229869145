using System.Globalization;

namespace DeepLinear.Cli;

/// <summary>`deeplinear serve [DIR] [--port N]`: serves the generated site on 127.0.0.1 until stopped (<see cref="SiteServer"/>).</summary>
public static class ServeCommand
{
    const string Usage = "serve [DIR] [--port N]";

    public const string Summary = Usage + "   serve the generated site on 127.0.0.1 for local preview (the explorer needs it)";

    public const string Help = """
        usage: deeplinear serve [DIR] [--port N]

        Serves the site that 'deeplinear run' wrote (DIR, default: out) on http://127.0.0.1:N/ (default port 8000;
        0 picks a free one) until Ctrl+C. Only this machine can connect. Every page works from files except
        explorer.html, whose WebAssembly browsers load only over http: open http://127.0.0.1:N/explorer.html.

          --port N   the port (default: 8000)
          -h, --help show this text

        Bad arguments, a missing folder or a port in use exit 2 with one line on stderr.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var line = CommandLine.Parse(Usage, args, [], ["--port"]);
        if (line.Positionals.Count > 1) throw new UsageException($"expected at most one site folder, got {line.Positionals.Count} ({string.Join(" ", line.Positionals)}); usage: deeplinear {Usage}");
        string folder = line.Positionals.Count == 1 ? line.Positionals[0] : "out";
        int port = 8000;
        if (line.Options.TryGetValue("--port", out var text) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port))
            throw new UsageException($"--port must be an integer 0 to 65535, got '{text}'");
        using var server = new SiteServer(folder, port);
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        stdout.WriteLine($"serving {Path.GetFullPath(folder)} at {server.Url} (explorer: {server.Url}explorer.html); Ctrl+C stops");
        stdout.Flush();
        stop.Wait();
        return Cli.Ok;
    }
}
