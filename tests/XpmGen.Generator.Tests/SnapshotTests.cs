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
