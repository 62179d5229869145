using System.Net;
using System.Net.Sockets;

namespace DeepLinear.Cli;

/// <summary>
/// A static file server for the generated site on 127.0.0.1 only (local preview; explorer.html needs http because
/// browsers load WebAssembly modules only from a server). GET and HEAD of files under the root, a folder's index.html,
/// nothing else: paths that leave the root, and every other method, are refused. Used by `deeplinear serve` and the
/// explorer's browser tests.
/// </summary>
public sealed class SiteServer : IDisposable
{
    static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8", [".json"] = "application/json", [".wasm"] = "application/wasm",
        [".ipynb"] = "application/x-ipynb+json", [".svg"] = "image/svg+xml", [".png"] = "image/png",
        [".woff2"] = "font/woff2", [".woff"] = "font/woff", [".ttf"] = "font/ttf", [".txt"] = "text/plain; charset=utf-8",
    };

    readonly HttpListener listener = new();
    readonly string root;
    readonly Task loop;

    /// <summary>The address the site is served at, ending in '/'.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts serving <paramref name="folder"/> on 127.0.0.1:<paramref name="port"/> (0: a free port).
    /// Rules: the folder exists; the port is 0..65535 and free.
    /// </summary>
    public SiteServer(string folder, int port)
    {
        if (!Directory.Exists(folder)) throw new UsageException($"site folder '{folder}' does not exist; write one with ./deeplinear run --out DIR");
        if (port is < 0 or > 65535) throw new UsageException($"--port must be 0 to 65535, got {port}");
        root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (port == 0) port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Url.AbsoluteUri);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new UsageException($"cannot serve on 127.0.0.1:{port}: {e.Message}; choose another port with --port");
        }
        loop = Task.Run(Serve);
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Respond(context));
        }
    }

    void Respond(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var method = context.Request.HttpMethod;
            var file = Resolve(context.Request.Url?.AbsolutePath ?? "/");
            if (method is not ("GET" or "HEAD")) response.StatusCode = 405;
            else if (file is null) response.StatusCode = 404;
            else
            {
                response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
                response.Headers["Cache-Control"] = "no-cache";
                var bytes = File.ReadAllBytes(file);
                response.ContentLength64 = bytes.Length;
                if (method == "GET") response.OutputStream.Write(bytes);
            }
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            // the client went away, or the file changed while it was read: nothing to answer
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    /// <summary>The file a URL path names under the root (a folder means its index.html), or null.</summary>
    string? Resolve(string urlPath)
    {
        var relative = Uri.UnescapeDataString(urlPath).TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != root) return null;
        if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
        return File.Exists(full) ? full : null;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
