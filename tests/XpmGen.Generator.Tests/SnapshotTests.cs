using System.IO;
using System.Linq;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Widgets_schema_generates_the_committed_sources()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(folder));

        Assert.Empty(result.Diagnostics);
        var files = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Snapshot.Match("Widgets", files);
    }

    [Fact]
    public void Widgets_schema_generates_the_committed_sandbox_sources()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(folder), output: "Sandbox");

        Assert.Empty(result.Diagnostics);
        var files = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Assert.All(files.Keys, static name => Assert.StartsWith("Sandbox.", name, System.StringComparison.Ordinal));
        Snapshot.Match("WidgetsSandbox", files);
    }

    [Fact]
    public void Widgets_schema_generates_the_committed_cli_sources()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(folder), output: "Cli");

        Assert.Empty(result.Diagnostics);
        var files = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Assert.All(files.Keys, static name => Assert.True(name.StartsWith("Cli.", System.StringComparison.Ordinal) || name.StartsWith("Json.", System.StringComparison.Ordinal), name));
        Snapshot.Match("WidgetsCli", files);
    }

    [Fact]
    public void Widgets_schema_generates_the_committed_testing_sources()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(folder), output: "Testing");

        Assert.Empty(result.Diagnostics);
        var files = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Assert.All(files.Keys, static name => Assert.StartsWith("Testing.", name, System.StringComparison.Ordinal));
        Assert.Contains("Testing.XpmFake.g.cs", files.Keys);
        Snapshot.Match("WidgetsTesting", files);
    }

    [Fact]
    public void An_unknown_output_is_reported_and_nothing_is_generated()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var (_, result) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(folder), output: "Sandbx");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XPM901", diagnostic.Id);
        Assert.Contains("'Sandbx'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Output_is_deterministic_across_runs_and_file_order()
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");
        var files = GeneratorHarness.LoadSchemaFolder(folder);

        var first = GeneratorHarness.Run(files).Result.Results.Single().GeneratedSources
            .Select(static s => (s.HintName, Text: s.SourceText.ToString())).ToList();
        var second = GeneratorHarness.Run(files.Reverse()).Result.Results.Single().GeneratedSources
            .Select(static s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(static s => s.HintName).ToList();

        Assert.Equal(first.OrderBy(static s => s.HintName), second);
        Assert.All(first, static s => Assert.DoesNotContain("\r", s.Text));
    }
}
