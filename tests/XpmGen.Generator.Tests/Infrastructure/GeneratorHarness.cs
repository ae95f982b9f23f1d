using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="XpmSourceGenerator"/> through a real <see cref="CSharpGeneratorDriver"/> with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree>? trees = null) =>
        CSharpCompilation.Create(
            "XpmGen.GeneratorTests.Output",
            trees ?? Array.Empty<SyntaxTree>(),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string? output = null) =>
        CreateDriver(files, output is null ? null : TestOptionsProvider.Output(output));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, TestOptionsProvider? properties) =>
        CSharpGeneratorDriver.Create(
            new[] { new XpmSourceGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            optionsProvider: properties,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriver Driver, GeneratorDriverRunResult Result) Run(IEnumerable<AdditionalText> files, CSharpCompilation? compilation = null, string? output = null)
    {
        var driver = CreateDriver(files, output).RunGenerators(compilation ?? CreateCompilation());
        return (driver, driver.GetRunResult());
    }

    public static GeneratorDriverRunResult Run(params (string Path, string Text)[] files) =>
        Run(files.Select(static f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))).Result;

    /// <summary>The schema files of a folder, as the runtime project passes them (paths as on disk).</summary>
    public static IReadOnlyList<AdditionalText> LoadSchemaFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".xsd", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => (AdditionalText)new InMemoryAdditionalText(p, File.ReadAllText(p)))
            .ToList();

    /// <summary>The hand-written runtime sources, so generated code compiles in the same assembly as it does for real.</summary>
    public static IEnumerable<SyntaxTree> RuntimeSyntaxTrees() =>
        Directory.EnumerateFiles(RepositoryPaths.RuntimeSources, "*.cs", SearchOption.AllDirectories)
            .Where(static p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, p));

    /// <summary>
    /// The other source generators the runtime is built with (the LoggerMessage generator of
    /// Microsoft.Extensions.Logging.Abstractions), so its sources compile here as they do in the real build.
    /// </summary>
    public static IEnumerable<ISourceGenerator> RuntimeGenerators()
    {
        var path = typeof(GeneratorHarness).Assembly.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>()
            .Single(static a => a.Key == "LoggingGenerator").Value!;
        var reference = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(path, new AnalyzerLoader());
        return reference.GetGenerators(LanguageNames.CSharp);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();

        // Packages the runtime references are copied next to the tests; XpmGen's own assemblies are not wanted.
        paths.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(static p => Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith("OpenTelemetry", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith("Polly", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith("System.Threading.RateLimiting", StringComparison.Ordinal)));
        return paths
            .Where(static p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private sealed class AnalyzerLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
