using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

/// <summary>The generated code compiles, with the hand-written runtime, with every warning an error and XML docs checked.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void Real_schema_output_compiles_without_warnings()
    {
        AssertCompilesCleanly(GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema));
    }

    [Fact]
    public void Widgets_output_compiles_without_warnings()
    {
        AssertCompilesCleanly(GeneratorHarness.LoadSchemaFolder(Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets")));
    }

    private static void AssertCompilesCleanly(System.Collections.Generic.IReadOnlyList<AdditionalText> schema)
    {
        var documented = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var runtime = GeneratorHarness.RuntimeSyntaxTrees().Select(t => t.WithRootAndOptions(t.GetRoot(), documented));
        var compilation = GeneratorHarness.CreateCompilation(runtime);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new XpmSourceGenerator().AsSourceGenerator() }.Concat(GeneratorHarness.RuntimeGenerators()),
            schema,
            documented);

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics()
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(static d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(30)));
        Assert.True(output.SyntaxTrees.Count() > compilation.SyntaxTrees.Count(), "The generator added no sources.");
    }
}
