using System.Text;
using System.Text.Json;

namespace DeepLinear.Cli;

/// <summary>
/// `deeplinear solve problem.json` (or `-` for stdin): the exact global minimum as JSON on stdout.
/// Output: globalMinimumLoss, trivialLoss, regime, zeroIs, globalMinimumScale (null when trivial),
/// solutions [{scale, loss, kind, layerNorms}]. See <see cref="ProblemJson"/> for the input.
/// </summary>
public static class SolveCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1) throw new UsageException("usage: deeplinear solve <problem.json | ->");
        string json;
        if (args[0] == "-") json = Console.In.ReadToEnd();
        else if (!File.Exists(args[0])) throw new UsageException($"problem file '{args[0]}' does not exist");
        else json = File.ReadAllText(args[0]);
        var (data, architecture) = ProblemJson.Parse(json);
        var solution = ExactSolver.Solve(data, architecture);
        stdout.WriteLine(Write(solution));
        return Cli.Ok;
    }

    public static string Write(ExactSolution solution)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            Number(json, "globalMinimumLoss", solution.GlobalMinimumLoss);
            Number(json, "trivialLoss", solution.TrivialLoss);
            json.WriteString("regime", solution.Regime.Name());
            json.WriteString("zeroIs", solution.ZeroIs.Name());
            if (solution.GlobalMinimum is null) json.WriteNull("globalMinimumScale");
            else Number(json, "globalMinimumScale", solution.GlobalMinimum.Scale);
            json.WriteStartArray("solutions");
            foreach (var point in solution.Solutions)
            {
                json.WriteStartObject();
                Number(json, "scale", point.Scale);
                Number(json, "loss", point.Loss);
                json.WriteString("kind", point.Kind.Name());
                json.WriteStartArray("layerNorms");
                foreach (var norm in point.LayerNorms) Number(json, null, norm);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Number(Utf8JsonWriter json, string? name, double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"internal error: {name ?? "a layer norm"} is {value}; please report the problem file");
        if (name is null) json.WriteNumberValue(value);
        else json.WriteNumber(name, value);
    }
}
