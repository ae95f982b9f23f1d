using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace XpmGen.Generator.Binding;

/// <summary>Turns XPM's XML and query names into the C# names a .NET developer would guess.</summary>
internal static class Naming
{
    /// <summary>
    /// PascalCase with acronyms as words: <c>UUID</c> → <c>Uuid</c>, <c>GSTRegistered</c> → <c>GstRegistered</c>,
    /// <c>AccountManagerUUID</c> → <c>AccountManagerUuid</c>, <c>Opt-Out</c> → <c>OptOut</c>.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var word in SplitWords(name))
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(word.Substring(1).ToLowerInvariant());
        }

        var result = builder.ToString();
        if (result.Length == 0)
        {
            return "Value";
        }

        return char.IsDigit(result[0]) ? "_" + result : result;
    }

    /// <summary>camelCase, escaped with <c>@</c> when it is a C# keyword.</summary>
    public static string ToParameterName(string name)
    {
        var pascal = ToPascalCase(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return EscapeKeyword(camel);
    }

    /// <summary>Prefixes <c>@</c> to identifiers that are C# keywords.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    public static bool IsValidIdentifier(string name) => SyntaxFacts.IsValidIdentifier(name);

    private static IEnumerable<string> SplitWords(string name)
    {
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            if (current.Length > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // A word starts at an upper-case letter after a lower-case one (ClientUuid), or at the
                // last capital of an acronym that runs into a word (GSTRegistered: GST | Registered).
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
