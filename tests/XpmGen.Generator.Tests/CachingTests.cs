using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

/// <summary>The incremental pipeline caches what it should, proven from the driver's tracked steps.</summary>
public sealed class CachingTests
{
    // Every constant of TrackingNames, so a step added to the pipeline is checked here without touching this file.
    private static readonly string[] AllSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(static f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void The_step_list_comes_from_TrackingNames()
    {
        Assert.Contains(TrackingNames.Bind, AllSteps);
        Assert.Contains(TrackingNames.CliUnits, AllSteps);
        Assert.Equal(AllSteps.Length, AllSteps.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Second_run_with_the_same_inputs_is_entirely_cached()
    {
        var files = GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema);
        var compilation = GeneratorHarness.CreateCompilation();
        var (driver, first) = GeneratorHarness.Run(files, compilation);
        Assert.Empty(first.Diagnostics);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in AllSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"The step '{step}' was not tracked.");
            var reasons = Reasons(second, step);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step '{step}' produced '{reason}' on an identical second run."));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static o =>
            Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_yaml_file_re_emits_only_that_resource()
    {
        var files = GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema);
        var compilation = GeneratorHarness.CreateCompilation();
        var (driver, _) = GeneratorHarness.Run(files, compilation);
        var clientYaml = files.Single(static f => f.Path.EndsWith("client.yaml", StringComparison.Ordinal));
        var edited = new InMemoryAdditionalText(
            clientYaml.Path,
            clientYaml.GetText()!.ToString().Replace("\ndescription: ", "\ndescription: Edited. ", StringComparison.Ordinal));

        var result = driver.ReplaceAdditionalText(clientYaml, edited).RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(1, Reasons(result, TrackingNames.Parse).Count(static r => r == IncrementalStepRunReason.Modified));
        var resourceReasons = Reasons(result, TrackingNames.ResourceUnits);
        Assert.Equal(1, resourceReasons.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.All(resourceReasons.Where(static r => r != IncrementalStepRunReason.Modified), static r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(result, TrackingNames.ModelUnits), static r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(result, TrackingNames.ClientUnit), static r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));

        var outputs = result.TrackedOutputSteps.SelectMany(static s => s.Value.Select(step => (s.Key, step))).ToList();
        var emitted = outputs.SelectMany(static s => s.step.Outputs)
            .Count(static o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.True(emitted == 1, "Output steps: " + string.Join("; ", outputs.Select(static s => s.Key + "=" + string.Join(",", s.step.Outputs.Select(static o => o.Reason)) + " from " + string.Join(",", s.step.Inputs.Select(static i => i.Source.Name + ":" + i.Source.Outputs[i.OutputIndex].Reason)))));
        var client = result.GeneratedSources.Single(static s => s.HintName == "Resources.Client.g.cs").SourceText.ToString();
        Assert.Contains("Edited.", client, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_output_re_emits_only_the_edited_resource()
    {
        var files = GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema);
        var compilation = GeneratorHarness.CreateCompilation();
        var (driver, first) = GeneratorHarness.Run(files, compilation, output: "Sandbox");
        Assert.Empty(first.Diagnostics);
        Assert.Contains(first.Results.Single().GeneratedSources, static s => s.HintName == "Sandbox.SandboxApiSet.g.cs");
        Assert.DoesNotContain(first.Results.Single().GeneratedSources, static s => s.HintName.StartsWith("Models.", StringComparison.Ordinal));
        var jobYaml = files.Single(static f => f.Path.EndsWith("job.yaml", StringComparison.Ordinal));
        var edited = new InMemoryAdditionalText(
            jobYaml.Path,
            jobYaml.GetText()!.ToString().Replace("summary: Returns every current job of the practice.", "summary: Returns every current job (edited).", StringComparison.Ordinal));

        var result = driver.ReplaceAdditionalText(jobYaml, edited).RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        var emitted = result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs)
            .Count(static o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Equal(1, emitted);
        var job = result.GeneratedSources.Single(static s => s.HintName == "Sandbox.Job.g.cs").SourceText.ToString();
        Assert.Contains("(edited)", job, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_xsd_file_re_emits_only_its_models()
    {
        var files = GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema);
        var compilation = GeneratorHarness.CreateCompilation();
        var (driver, _) = GeneratorHarness.Run(files, compilation);
        var staffXsd = files.Single(static f => f.Path.EndsWith("staff.xsd", StringComparison.Ordinal));
        var text = staffXsd.GetText()!.ToString();
        var edited = new InMemoryAdditionalText(staffXsd.Path, text.Replace("<xs:documentation>", "<xs:documentation>Edited. ", StringComparison.Ordinal));

        var result = driver.ReplaceAdditionalText(staffXsd, edited).RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        Assert.Equal(1, Reasons(result, TrackingNames.ModelUnits).Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.All(Reasons(result, TrackingNames.ResourceUnits), static r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(result, TrackingNames.ClientUnit), static r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
    }

    [Fact]
    public void Pipeline_models_hold_no_compiler_objects()
    {
        var (_, run) = GeneratorHarness.Run(GeneratorHarness.LoadSchemaFolder(RepositoryPaths.Schema));
        var result = run.Results.Single();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in AllSteps.Where(static s => s != TrackingNames.SchemaFiles))
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(static s => s.Outputs))
            {
                AssertNoCompilerObjects(output.Value, step, visited);
            }
        }
    }

    [Fact]
    public void The_graph_check_catches_a_compiler_object()
    {
        var offending = new { Inner = new object[] { Location.None } };

        Assert.ThrowsAny<Exception>(() => AssertNoCompilerObjects(offending, "test", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();

    private static void AssertNoCompilerObjects(object? value, string step, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree or AdditionalText,
            $"Step '{step}' holds a compiler object of type {value.GetType()}, which defeats caching and keeps compilations alive.");

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoCompilerObjects(item, step, visited);
            }

            return;
        }

        if (value.GetType().Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true)
        {
            return; // TextSpan and LinePositionSpan are plain value types.
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertNoCompilerObjects(property.GetValue(value), step, visited);
            }
        }
    }
}
