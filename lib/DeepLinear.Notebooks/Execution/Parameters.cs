using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Papermill-style parameters: the cell tagged <c>parameters</c> declares defaults; overrides become a cell tagged
/// <c>injected-parameters</c>, run right after it, that re-assigns each variable with a C# literal of the type the
/// defaults cell declares (so <c>lr=0.1</c> for a <c>float lr</c> becomes <c>lr = 0.1f;</c>). The types are read from
/// the cell's source (<see cref="ParameterDeclarations"/>), so every override is checked before a kernel starts.
/// </summary>
public static class Parameters
{
    /// <summary>The tag of the cell holding defaults.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses <c>name=value</c> arguments; a malformed one is a <see cref="ParameterException"/> naming it.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> assignments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            var name = eq > 0 ? assignment[..eq].Trim() : "";
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ParameterException($"--param '{assignment}': expected name=value with a C# identifier as name");
            result[name] = assignment[(eq + 1)..];
        }
        return result;
    }

    /// <summary>
    /// The source of the injected cell. <paramref name="declared"/> holds the variables of the parameters cell; an
    /// override of a name not declared there, or of a type <c>--param</c> cannot write, is a <see cref="ParameterException"/> naming it.
    /// </summary>
    public static string InjectedSource(IReadOnlyDictionary<string, string> overrides, IReadOnlyDictionary<string, DeclaredParameter> declared)
    {
        var source = new StringBuilder("// Parameters injected by deeplinear run\n");
        foreach (var (name, value) in overrides)
        {
            if (!declared.TryGetValue(name, out var parameter))
                throw new ParameterException($"parameter '{name}' is not declared in the notebook's cell tagged '{Tag}'"
                    + (declared.Count > 0 ? $" (it declares {string.Join(", ", declared.Keys)})" : ""));
            if (parameter.Type is not { } type)
                throw new ParameterException($"parameter '{name}' is declared as {parameter.TypeName}; --param supports string, bool, int, long, float, double and decimal");
            source.Append(name).Append(" = ").Append(Literal(name, value, type)).Append(";\n");
        }
        return source.ToString();
    }

    /// <summary>A C# literal of <paramref name="type"/> for <paramref name="text"/>, or a <see cref="ParameterException"/>.</summary>
    public static string Literal(string name, string text, Type type)
    {
        var inv = CultureInfo.InvariantCulture;
        string? literal = Type.GetTypeCode(type) switch
        {
            TypeCode.String => SymbolDisplay.FormatLiteral(text, quote: true),
            TypeCode.Boolean => bool.TryParse(text, out var b) ? (b ? "true" : "false") : null,
            TypeCode.Int32 => int.TryParse(text, NumberStyles.Integer, inv, out var i) ? i.ToString(inv) : null,
            TypeCode.Int64 => long.TryParse(text, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + "L" : null,
            TypeCode.Double => double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : null,
            TypeCode.Single => float.TryParse(text, NumberStyles.Float, inv, out var f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : null,
            TypeCode.Decimal => decimal.TryParse(text, NumberStyles.Float, inv, out var m) ? m.ToString(inv) + "m" : null,
            _ => throw new ParameterException($"parameter '{name}' has type {type.Name}; --param supports string, bool, int, long, float, double and decimal"),
        };
        return literal ?? throw new ParameterException($"parameter '{name}' is a {type.Name}, and '{text}' is not a valid {type.Name}");
    }
}

/// <summary>A parameter override that cannot be applied: bad input, reported before anything runs.</summary>
public sealed class ParameterException(string message) : ArgumentException(message);
