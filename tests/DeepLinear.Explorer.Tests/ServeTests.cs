using System.Net;
using System.Net.Sockets;
using System.Text;
using DeepLinear.Cli;
using Xunit;

namespace DeepLinear.Explorer.Tests;

/// <summary>`deeplinear serve` and the <see cref="SiteServer"/> behind it: arguments, content types, what it refuses.</summary>
public class ServeTests
{
    [Fact]
    public void Help_prints_the_usage()
    {
        var (code, stdout, _) = Execute(["serve", "--help"]);
        Assert.Equal(0, code);
        Assert.StartsWith("usage: deeplinear serve [DIR] [--port N]", stdout);
    }

    [Theory]
    [InlineData("/no/such/folder", "site folder '/no/such/folder' does not exist")]
    [InlineData("a b", "expected at most one site folder, got 2")]
    [InlineData(". --port abc", "--port must be an integer 0 to 65535, got 'abc'")]
    [InlineData(". --port 70000", "--port must be 0 to 65535, got 70000")]
    [InlineData(". --host 0.0.0.0", "unknown option '--host'")]
    public void Bad_arguments_exit_2_with_one_line(string arguments, string message)
    {
        var (code, stdout, stderr) = Execute(["serve", .. arguments.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void A_port_in_use_exits_2()
    {
        var folder = Directory.CreateTempSubdirectory("deeplinear-serve-").FullName;
        using var first = new SiteServer(folder, 0);
        var (code, _, stderr) = Execute(["serve", folder, "--port", first.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(2, code);
        Assert.Contains($"cannot serve on 127.0.0.1:{first.Url.Port}", stderr);
    }

    [Fact]
    public async Task It_serves_files_with_their_types_a_folders_index_and_refuses_the_rest()
    {
        var parent = Directory.CreateTempSubdirectory("deeplinear-serve-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(parent, "site")).FullName;
        File.WriteAllText(Path.Combine(folder, "index.html"), "<p>home</p>");
        Directory.CreateDirectory(Path.Combine(folder, "app"));
        File.WriteAllBytes(Path.Combine(folder, "app", "m.wasm"), [0, 0x61, 0x73, 0x6d]);
        File.WriteAllText(Path.Combine(folder, "app", "m.js"), "export {};");
        File.WriteAllText(Path.Combine(parent, "outside.txt"), "secret");
        using var server = new SiteServer(folder, 0);
        using var http = new HttpClient { BaseAddress = server.Url };

        var home = await http.GetAsync("/");
        Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<p>home</p>", await home.Content.ReadAsStringAsync());
        var wasm = await http.GetAsync("app/m.wasm");
        Assert.Equal("application/wasm", wasm.Content.Headers.ContentType?.MediaType); // streaming compilation requires it
        Assert.Equal([0, 0x61, 0x73, 0x6d], await wasm.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/javascript", (await http.GetAsync("app/m.js")).Content.Headers.ContentType?.MediaType); // module scripts require a JavaScript type
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("missing.html")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync("index.html", new StringContent(""))).StatusCode);
        Assert.StartsWith("HTTP/1.1 404", Raw(server.Url.Port, "GET /%2e%2e/outside.txt HTTP/1.1"));
    }

    /// <summary>A request line sent as written (HttpClient would normalise the dots away); returns the status line.</summary>
    static string Raw(int port, string requestLine)
    {
        using var client = new TcpClient("127.0.0.1", port);
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadLine() ?? "";
    }

    static (int Code, string Stdout, string Stderr) Execute(string[] args) => CliInProcess.Execute(args);
}
