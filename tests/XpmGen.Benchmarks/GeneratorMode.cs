using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using XpmGen.Generator;
using static XpmGen.Benchmarks.Interleaved;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>generator</c>: the real <see cref="XpmSourceGenerator"/> driven by <see cref="CSharpGeneratorDriver"/> (step
/// tracking on) over the repository's whole <c>schema/</c> folder: a cold run in this fresh process, then
/// edits of one YAML file's description, each followed by an incremental run.
/// </summary>
internal static class GeneratorMode
{
    private const int Edits = 15;

    public static int Run()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "schema"), "*.*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".xsd", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => (AdditionalText)new SchemaText(p, File.ReadAllText(p)))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "XpmGen.Benchmarks.GeneratorOutput",
            Array.Empty<SyntaxTree>(),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Console.WriteLine($"generator: XpmSourceGenerator over {files.Count} schema files of {Path.Combine(root, "schema")}");

        // Cold: the first run in this process, JIT of the generator, YamlDotNet and Roslyn's driver included.
        var started = Stopwatch.GetTimestamp();
        var driver = CreateDriver(files).RunGenerators(compilation);
        var cold = driver.GetRunResult();
        var coldMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var sources = cold.Results.Single().GeneratedSources;
        Console.WriteLine($"  cold run: {F1(coldMs)} ms, {sources.Length} files generated, {cold.Diagnostics.Length} diagnostics");
        if (!cold.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The schema has diagnostics: " + string.Join("; ", cold.Diagnostics));
        }

        // For scale: a full run on a new driver once everything is compiled.
        started = Stopwatch.GetTimestamp();
        CreateDriver(files).RunGenerators(compilation).GetRunResult();
        Console.WriteLine($"  warm full run (new driver, code already JIT-compiled): {F1(Stopwatch.GetElapsedTime(started).TotalMilliseconds)} ms");

        var yaml = files.Single(static f => Path.GetFileName(f.Path) == "client.yaml");
        var original = yaml.GetText()!.ToString();
        var current = yaml;
        var previous = sources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);
        var times = new List<double>();
        var regenerated = new List<int>();
        var changedFiles = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Edits; i++)
        {
            var edited = new SchemaText(yaml.Path, original.Replace("\ndescription: ", $"\ndescription: Edited {i}. ", StringComparison.Ordinal));
            driver = driver.ReplaceAdditionalText(current, edited);
            current = edited;
            started = Stopwatch.GetTimestamp();
            driver = driver.RunGenerators(compilation.Clone());
            var result = driver.GetRunResult();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var run = result.Results.Single();
            regenerated.Add(run.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs)
                .Count(static o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));
            foreach (var source in run.GeneratedSources)
            {
                var text = source.SourceText.ToString();
                if (!previous.TryGetValue(source.HintName, out var before) || before != text)
                {
                    changedFiles.Add(source.HintName);
                }

                previous[source.HintName] = text;
            }
        }

        var steady = times.Skip(1).ToList();
        Console.WriteLine($"  {Edits} edits of client.yaml's description, each followed by an incremental run: first {F1(times[0])} ms, then median {F1(Median(steady))} ms [{F1(steady.Min())}..{F1(steady.Max())}]");
        Console.WriteLine($"  outputs regenerated per edit (tracked output steps Modified or New): {string.Join(",", regenerated.Distinct())}; files whose text changed: {string.Join(", ", changedFiles)}");
        Console.WriteLine();
        Console.WriteLine($"GENERATOR cold-ms {F1(coldMs)} incremental-ms {F1(Median(steady))} regenerated {regenerated.Max()}");
        return 0;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XpmGen.sln")))
            {
                return directory.FullName;
            }
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XpmGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder holding XpmGen.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            new[] { new XpmSourceGenerator().AsSourceGenerator() },
            files,
            new CSharpParseOptions(LanguageVersion.Latest),
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static ImmutableArray<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(static p => p.Length > 0)
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    /// <summary>A schema file held in memory, as the compiler hands AdditionalFiles to the generator.</summary>
    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
