using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>Global build properties as MSBuild passes them to generators (<c>build_property.XpmGenOutput</c>).</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    public static TestOptionsProvider Output(string value) =>
        new(new Dictionary<string, string> { ["build_property.XpmGenOutput"] = value });

    /// <summary>Several build properties by their MSBuild names, for example <c>("XpmGenNamespace", "Contoso.Xpm")</c>.</summary>
    public static TestOptionsProvider Properties(params (string Name, string Value)[] properties)
    {
        var globals = new Dictionary<string, string>();
        foreach (var (name, value) in properties)
        {
            globals["build_property." + name] = value;
        }

        return new(globals);
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
