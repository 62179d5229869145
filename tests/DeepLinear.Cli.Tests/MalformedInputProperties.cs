using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Cli.Tests;

/// <summary>
/// Random malformed problem files (fixed FsCheck seed): wrong types, missing and unknown fields, NaN and Infinity
/// strings, huge and tiny numbers, wrong sizes, non-PSD or asymmetric matrices, impossible statistics, broken
/// samples files, truncated text and random bytes, each given to a random verb. Every run must end promptly
/// (a hang guard in the harness), with exit 0 and a parseable answer or exit 2 and one plain line on stderr.
/// </summary>
public class MalformedInputProperties
{
    /// <summary>One mutation: its kind and the seed of its own choices.</summary>
    public sealed record Mutation(int Kind, int Seed);

    public sealed record MalformedCase(int BaseSeed, Mutation[] Mutations, int Verb);

    const int Kinds = 18;

    /// <summary>Finite extremes a number of a valid problem is replaced with (kind 16): many leave the problem valid.</summary>
    static readonly double[] Extremes = [1e300, -1e300, 1e-300, 5e-324, 0, 1.7976931348623157e308, 1e150, 1e-150, 2147483647, 1e9];

    static readonly string[][] Verbs =
    [
        ["solve"], ["solve", "--weights"], ["critical-decay"],
        ["regime-grid", "--decays", "1e-3:1:4", "--signals", "0,0.5,2"],
    ];

    static readonly JsonNode?[] BadValues =
    [
        "NaN", "Infinity", "-Infinity", "1e400", null, true, new JsonObject(), new JsonArray(), 1e308, -1e308, 5e-324,
        0, -1, 1.5, 1e20, -0.0, "3", new JsonArray(1, "a"), new JsonArray(new JsonArray()),
    ];

    static readonly Gen<MalformedCase> Cases =
        from baseSeed in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 3)
        from mutations in Gen.ArrayOf(from kind in Gen.Frequency((Kinds - 2, Gen.Choose(0, Kinds - 3)), (Kinds, Gen.Choose(Kinds - 2, Kinds - 1))) from seed in Gen.Choose(0, int.MaxValue) select new Mutation(kind, seed), count)
        from verb in Gen.Choose(0, Verbs.Length - 1)
        select new MalformedCase(baseSeed, mutations, verb);

    /// <summary>A valid problem to start from.</summary>
    static JsonObject Valid(int seed)
    {
        var random = new Random(seed);
        var data = RandomProblems.Data(random, random.Next(1, 4), 0.3 + random.NextDouble());
        return ProblemNode(data, RandomProblems.Architecture(random, random.Next(0, 4)));
    }

    /// <summary>Every array and value in the tree, with the setter that replaces it.</summary>
    static List<(JsonNode? Parent, Action<JsonNode?> Set)> Slots(JsonNode node)
    {
        var slots = new List<(JsonNode?, Action<JsonNode?>)>();
        void Walk(JsonNode current)
        {
            if (current is JsonObject o)
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    slots.Add((o, v => o[key] = v));
                    if (o[key] is { } child) Walk(child);
                }
            else if (current is JsonArray a)
                for (int i = 0; i < a.Count; i++)
                {
                    int at = i;
                    slots.Add((a, v => a[at] = v));
                    if (a[i] is { } child) Walk(child);
                }
        }
        Walk(node);
        return slots;
    }

    static List<JsonArray> Arrays(JsonNode node) => Slots(node).Select(s => s.Parent).OfType<JsonArray>().Distinct().Concat(node.AsObject().Select(p => p.Value).OfType<JsonArray>()).Distinct().ToList();

    /// <summary>Applies the structural mutations to the tree, then the textual ones to its JSON text.</summary>
    static string Mutate(MalformedCase c, List<string> cleanup)
    {
        var root = Valid(c.BaseSeed);
        var textual = new List<Mutation>();
        foreach (var m in c.Mutations)
        {
            var random = new Random(m.Seed);
            var slots = Slots(root);
            var arrays = Arrays(root);
            switch (m.Kind)
            {
                case 0:
                    root.Remove(root.Select(p => p.Key).ElementAt(random.Next(root.Count)));
                    break;
                case 1:
                    slots[random.Next(slots.Count)].Set(BadValues[random.Next(BadValues.Length)]?.DeepClone());
                    break;
                case 2 when arrays.Count > 0:
                    arrays[random.Next(arrays.Count)].Add(random.NextDouble());
                    break;
                case 3 when arrays.Count > 0:
                    var shrink = arrays[random.Next(arrays.Count)];
                    if (shrink.Count > 0) shrink.RemoveAt(random.Next(shrink.Count));
                    break;
                case 4 when root["inputCovariance"] is JsonArray rows && rows.Count > 0 && rows[0] is JsonArray row && row.Count > 0:
                    row[0] = random.Next(2) == 0 ? -(double)row[0]!.AsValue().GetValue<double>() - 1 : 1e300;
                    break;
                case 5 when root["inputCovariance"] is JsonArray rows && rows.Count > 1 && rows[0] is JsonArray row && row.Count > 1:
                    row[^1] = 7.5;
                    break;
                case 6:
                    root["depth"] = new[] { -3, -1, 0, 1, 7, 1000, 1_000_000_000, int.MaxValue }[random.Next(8)];
                    break;
                case 7:
                    root[$"extra{random.Next(10)}"] = 1;
                    break;
                case 8:
                    root["outputSecondMoment"] = root["outputSecondMoment"] is JsonValue v && v.TryGetValue(out double eyy) ? eyy * random.NextDouble() * 0.5 : 0.1;
                    break;
                case 9:
                    root["weightDecay"] = random.Next(3) switch
                    {
                        0 => 0.1,
                        1 => new JsonArray(0.1, 0.1),
                        _ => new JsonObject { ["output"] = 0.1, ["layer"] = new JsonArray() },
                    };
                    break;
                case 10:
                    foreach (var field in new[] { "inputCovariance", "inputOutputCorrelation", "outputSecondMoment" }) root.Remove(field);
                    root["samples"] = Samples(random, cleanup);
                    break;
                case 16:
                    var numbers = slots.Where(s => s.Parent is JsonArray a ? a.Any(n => n is JsonValue) : true).ToList();
                    numbers[random.Next(numbers.Count)].Set(Extremes[random.Next(Extremes.Length)] * (random.Next(4) == 0 ? -1 : 1));
                    break;
                case 17:
                    // x → s x, y → t y on the statistics alone: valid at any s, t, with decays not rescaled
                    double sx = Math.Pow(10, random.Next(-150, 151)), sy = Math.Pow(10, random.Next(-150, 151));
                    Rescale(root["inputCovariance"], sx * sx);
                    Rescale(root["inputOutputCorrelation"], sx * sy);
                    if (root["outputSecondMoment"] is JsonValue eyyValue && eyyValue.TryGetValue(out double eyy2) && double.IsFinite(eyy2 * sy * sy))
                        root["outputSecondMoment"] = eyy2 * sy * sy;
                    break;
                default:
                    textual.Add(m);
                    break;
            }
        }
        string text = root.ToJsonString();
        foreach (var m in textual)
        {
            var random = new Random(m.Seed);
            text = m.Kind switch
            {
                11 => text[..random.Next(text.Length)],
                12 => Scramble(text, random),
                13 => RandomText(random),
                14 => text.Insert(1, "\"depth\": 1, "),
                _ => text.Replace("0.", random.Next(2) == 0 ? "1e999" : "-1e999"),
            };
        }
        return text;
    }

    static void Rescale(JsonNode? node, double factor)
    {
        if (node is JsonArray a)
            for (int i = 0; i < a.Count; i++)
                if (a[i] is JsonValue v && v.TryGetValue(out double x)) a[i] = double.IsFinite(x * factor) ? x * factor : x;
                else Rescale(a[i], factor);
    }

    static string Samples(Random random, List<string> cleanup)
    {
        switch (random.Next(5))
        {
            case 0: return "/no/such/samples.csv";
            case 1: return Path.GetTempPath();
            default:
                string content = random.Next(3) switch
                {
                    0 => "",
                    1 => "a,b,y\n1,2,3\n4,x,6\n",
                    _ => "a,y\n" + string.Concat(Enumerable.Range(0, 5).Select(_ => $"{random.NextDouble() * 1e300:R},{random.NextDouble():R}\n")),
                };
                string path = WriteTemp(content, "csv");
                cleanup.Add(path);
                return path;
        }
    }

    static string Scramble(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < 1 + random.Next(5); i++) chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
        return new string(chars);
    }

    static string RandomText(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    [Property(MaxTest = 400, Replay = "(3119,7727)")]
    public Property Every_malformed_input_ends_promptly_with_exit_0_or_one_line_and_exit_2() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var cleanup = new List<string>();
            try
            {
                string problem = Mutate(c, cleanup);
                string[] verb = Verbs[c.Verb];
                var result = OnFile(verb[0], problem, verb[1..]);
                string what = $"{string.Join(" ", verb)} on {problem[..Math.Min(problem.Length, 300)]}";
                Assert.True(result.Code is 0 or 2, $"{what}: exit {result.Code}, stderr {result.Err}");
                if (result.Code == 2)
                {
                    AssertOneLineError(result, what);
                    return;
                }
                Assert.Equal("", result.Err);
                if (verb[0] == "regime-grid") Assert.StartsWith("decay,signal,regime,globalMinimumLoss,trivialLoss\n", result.Out);
                else Assert.NotNull(JsonNode.Parse(result.Out));
            }
            finally
            {
                foreach (var path in cleanup) File.Delete(path);
            }
        });
}
