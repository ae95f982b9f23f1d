using System;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using XpmGen.Generator.Emitting;

namespace XpmGen.Generator.Model;

/// <summary>
/// What the project asks of the generator, read from its build properties: the output (<c>XpmGenOutput</c>) and, for an
/// application's own schema, the namespace to generate into (<c>XpmGenNamespace</c>, else <c>RootNamespace</c>). A value
/// compared by value, so it never invalidates the schema's units while the properties stay the same.
/// </summary>
internal sealed record GeneratorSettings(GeneratorOutput Kind, string? OutputText, CodeNames Names, string? NamespaceProblem)
{
    public static GeneratorSettings Read(AnalyzerConfigOptions options)
    {
        options.TryGetValue(GeneratorOutputs.BuildProperty, out var outputText);
        var kind = GeneratorOutputs.Parse(outputText);
        if (kind != GeneratorOutput.Consumer)
        {
            // The repository's own projects: the runtime's schema, in the runtime's namespaces.
            return new GeneratorSettings(kind, outputText, CodeNames.Runtime, null);
        }

        var root = Value(options, GeneratorOutputs.NamespaceProperty) ?? Value(options, GeneratorOutputs.RootNamespaceProperty) ?? string.Empty;
        // An unusable namespace is reported (XPM902) and nothing is emitted; Names keeps the text for the message.
        return new GeneratorSettings(kind, outputText, new CodeNames(root), NamespaceProblemOf(root));
    }

    /// <summary>Why <paramref name="root"/> cannot hold a consumer's generated code, or <see langword="null"/> when it can.</summary>
    public static string? NamespaceProblemOf(string root)
    {
        if (root.Length == 0)
        {
            return "is empty";
        }

        foreach (var part in root.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
            {
                return "is not a dotted C# name";
            }
        }

        // XpmGen itself holds the runtime's XpmEndpoints and facades; a second one there would collide (CS0436).
        return string.Equals(root, KnownTypes.RootNamespace, StringComparison.Ordinal)
            ? "is the runtime's own namespace"
            : null;
    }

    /// <summary>Whether code may be emitted: the output is known and, for a consumer, its namespace is usable.</summary>
    public bool CanEmit => Kind != GeneratorOutput.Unknown && NamespaceProblem is null;

    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
