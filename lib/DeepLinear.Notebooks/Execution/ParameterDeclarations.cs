using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The variables a C# parameters cell declares and their types, read from its syntax alone (no kernel, no
/// compilation): <c>int steps = 2000;</c>, <c>double a = 1, b = 2;</c>, and <c>var lr = 0.1;</c> (typed by its
/// literal). Types are the C# keywords or their <c>System</c> names for string, bool, int, long, float, double and
/// decimal; other declarations are listed without a <see cref="DeclaredParameter.Type"/>, so overriding them is an
/// error naming the declared type.
/// </summary>
public static class ParameterDeclarations
{
    static readonly Dictionary<string, Type> Named = new(StringComparer.Ordinal)
    {
        ["string"] = typeof(string), ["String"] = typeof(string), ["System.String"] = typeof(string),
        ["bool"] = typeof(bool), ["Boolean"] = typeof(bool), ["System.Boolean"] = typeof(bool),
        ["int"] = typeof(int), ["Int32"] = typeof(int), ["System.Int32"] = typeof(int),
        ["long"] = typeof(long), ["Int64"] = typeof(long), ["System.Int64"] = typeof(long),
        ["float"] = typeof(float), ["Single"] = typeof(float), ["System.Single"] = typeof(float),
        ["double"] = typeof(double), ["Double"] = typeof(double), ["System.Double"] = typeof(double),
        ["decimal"] = typeof(decimal), ["Decimal"] = typeof(decimal), ["System.Decimal"] = typeof(decimal),
    };

    /// <summary>Each variable declared at the top level of <paramref name="source"/>, by name.</summary>
    public static IReadOnlyDictionary<string, DeclaredParameter> Of(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var declared = new Dictionary<string, DeclaredParameter>(StringComparer.Ordinal);
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>()
                     .Where(d => d.Parent is LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax } or FieldDeclarationSyntax { Parent: CompilationUnitSyntax }))
        {
            foreach (var variable in declaration.Variables)
                declared[variable.Identifier.ValueText] = new DeclaredParameter(variable.Identifier.ValueText,
                    declaration.Type.ToString(), TypeOf(declaration.Type, variable.Initializer?.Value));
        }
        return declared;
    }

    static Type? TypeOf(TypeSyntax type, ExpressionSyntax? initializer)
    {
        if (type is IdentifierNameSyntax { IsVar: true }) return LiteralType(initializer);
        var name = type is PredefinedTypeSyntax predefined ? predefined.Keyword.ValueText : type.ToString();
        return Named.GetValueOrDefault(name);
    }

    static Type? LiteralType(ExpressionSyntax? expression) => expression switch
    {
        PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "-" or "+" } signed => LiteralType(signed.Operand),
        LiteralExpressionSyntax literal => literal.Token.Value?.GetType(),
        _ => null,
    };
}

/// <summary>A variable of the parameters cell: its name, its type as written, and the .NET type when <c>--param</c> can set it.</summary>
public sealed record DeclaredParameter(string Name, string TypeName, Type? Type);
