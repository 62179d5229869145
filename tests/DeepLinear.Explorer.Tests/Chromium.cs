using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DeepLinear.Explorer.Tests;

/// <summary>
/// Debian's headless chromium driven through the DevTools protocol over its WebSocket: navigate, evaluate
/// JavaScript in the page (awaiting promises) and read the result as JSON. One page; the browser is killed on dispose.
/// </summary>
public sealed partial class Chromium : IDisposable
{
    readonly Process process;
    readonly ClientWebSocket socket = new();
    readonly string profile;
    int nextId;

    public Chromium()
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium not found on PATH: install Debian's chromium (apt-get install -y chromium) to run the explorer's browser tests");
        profile = Directory.CreateTempSubdirectory("deeplinear-chromium-").FullName;
        var info = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--window-size=1200,1600", "about:blank" })
            info.ArgumentList.Add(a);
        process = Process.Start(info) ?? throw new InvalidOperationException("could not start chromium");
        process.StandardOutput.ReadToEndAsync();
        var browserSocket = WaitForDevTools();
        var port = new Uri(browserSocket).Port;
        using var http = new HttpClient();
        var pages = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").GetAwaiter().GetResult())!.AsArray();
        var page = pages.First(p => p!["type"]!.GetValue<string>() == "page")!;
        socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None).GetAwaiter().GetResult();
    }

    string WaitForDevTools()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardError.ReadLine() ?? throw new InvalidOperationException($"chromium exited ({process.ExitCode}) before its DevTools endpoint was ready");
            var match = DevToolsLine().Match(line);
            if (match.Success)
            {
                process.StandardError.ReadToEndAsync();
                return match.Groups[1].Value;
            }
        }
        throw new TimeoutException("chromium did not open its DevTools endpoint within 60 s");
    }

    /// <summary>Sends one protocol command and returns its result.</summary>
    public JsonNode Send(string method, JsonObject? parameters = null)
    {
        int id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var reply = Receive(timeout.Token);
            if (reply["id"]?.GetValue<int>() != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    JsonNode Receive(CancellationToken token)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = socket.ReceiveAsync(buffer, token).GetAwaiter().GetResult();
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return JsonNode.Parse(message.ToArray())!;
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (a promise is awaited) and returns its value as JSON.</summary>
    public JsonNode? Evaluate(string expression)
    {
        var result = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } failure) throw new InvalidOperationException($"page script failed: {failure.ToJsonString()}");
        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>Navigates to <paramref name="url"/> and waits until <paramref name="readyExpression"/> is true in the page.</summary>
    public void Navigate(string url, string readyExpression, TimeSpan timeout)
    {
        // The old document answers until the new one replaces it: wait for a window without this mark.
        Evaluate("window.__leaving = true");
        Send("Page.navigate", new JsonObject { ["url"] = url });
        WaitUntil($"!window.__leaving && document.documentElement && ({readyExpression})", timeout);
    }

    /// <summary>Polls <paramref name="expression"/> every 20 ms until it is true.</summary>
    public void WaitUntil(string expression, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Evaluate($"!!({expression})")?.GetValue<bool>() != true)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"'{expression}' was not true within {timeout.TotalSeconds} s");
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        try { socket.Dispose(); } catch (WebSocketException) { }
        try { process.Kill(entireProcessTree: true); process.WaitForExit(10000); } catch (InvalidOperationException) { }
        process.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
