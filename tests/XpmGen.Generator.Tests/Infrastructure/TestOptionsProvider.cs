using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>Global build properties as MSBuild passes them to generators (<c>build_property.XpmGenOutput</c>).</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? files = null) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    /// <summary>The item metadata of a file (<c>build_metadata.AdditionalFiles.*</c>), by its path.</summary>
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        files is not null && files.TryGetValue(textFile.Path, out var metadata) ? new Options(metadata) : Options.Empty;

    /// <summary>These properties, with the files whose paths are given marked as the runtime's reference schema.</summary>
    public TestOptionsProvider WithReferenceFiles(IEnumerable<string> paths)
    {
        var marked = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var path in paths)
        {
            marked[path] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.XpmGenSchemaOrigin"] = "XpmGen.Runtime" };
        }

        return new(globals, marked);
    }

    public static TestOptionsProvider Output(string value) =>
        new(new Dictionary<string, string> { ["build_property.XpmGenOutput"] = value });

    /// <summary>Several build properties by their MSBuild names, for example <c>("XpmGenNamespace", "Contoso.Xpm")</c>.</summary>
    public static TestOptionsProvider Properties(params (string Name, string Value)[] properties)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, value) in properties)
        {
            values["build_property." + name] = value;
        }

        return new(values);
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
