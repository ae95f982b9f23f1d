using System;
using Microsoft.CodeAnalysis;
using XpmGen.Generator.Binding;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Emitting;
using XpmGen.Generator.Model;
using XpmGen.Generator.Parsing;

namespace XpmGen.Generator;

/// <summary>
/// Turns the XPM schema (<c>schema/models/*.xsd</c>, <c>schema/endpoints/*.yaml</c>, given as AdditionalFiles)
/// into models, XML readers and writers, request builders, resource facades and the endpoint catalogue
/// (<c>XpmGenOutput=Client</c>, the default), or the same for an application's own schema files in its own namespace beside
/// the packaged client (<c>XpmGenOutput=Consumer</c>), or into the sandbox's routes and behaviour classes (<c>XpmGenOutput=Sandbox</c>), or into the <c>xpm</c> tool's
/// commands and JSON writers (<c>XpmGenOutput=Cli</c>), or into the typed stubs of the testing kit's <c>XpmFake</c> (<c>XpmGenOutput=Testing</c>).
/// This class only wires the pipeline: parse each file alone, bind them together, split into units, emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class XpmSourceGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Caching boundary 1: each file is parsed alone, so an edit re-parses only that file.
        var parsed = context.AdditionalTextsProvider
            .Where(static file => SchemaFileParser.IsSchemaFile(file.Path))
            .WithTrackingName(TrackingNames.SchemaFiles)
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, cancellationToken) => SchemaFileParser.Parse(input.Left, SchemaFileParser.IsReference(input.Right, input.Left), cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Caching boundary 2: binding needs every file, but its output is split into equatable units
        // below, so a unit whose inputs did not change compares equal and its output is not re-emitted.
        var bound = parsed
            .Collect()
            .Select(static (files, cancellationToken) => SchemaBinder.Bind(files, cancellationToken))
            .WithTrackingName(TrackingNames.Bind);

        var diagnostics = bound
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        // Which output this project wants, and where a consumer's code goes: compared by value, so it never invalidates the units.
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GeneratorSettings.Read(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(settings, static (production, value) =>
        {
            if (value.Kind == GeneratorOutput.Unknown)
            {
                production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOutput, null, value.OutputText ?? string.Empty).ToDiagnostic());
            }
            else if (value.NamespaceProblem is { } problem)
            {
                production.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNamespace, null, value.Names.Root, problem).ToDiagnostic());
            }
        });
        // What to emit and into which namespaces (the runtime's, or a consumer's); nothing when the settings are unusable.
        var target = settings.Select(static (value, _) => (Kind: value.CanEmit ? value.Kind : GeneratorOutput.Unknown, value.Names));

        var models = bound
            .SelectMany(static (result, _) => result.Models)
            .WithTrackingName(TrackingNames.ModelUnits);
        context.RegisterSourceOutput(models.Combine(target), static (production, input) =>
        {
            var (unit, (kind, names)) = input;
            if (kind is GeneratorOutput.Client or GeneratorOutput.Consumer)
            {
                Emit(production, HintNames.Models(unit), unit.SourceFile, () => ModelEmitter.Emit(unit, names, production.CancellationToken));
            }
            else if (kind == GeneratorOutput.Cli)
            {
                Emit(production, HintNames.Json(unit), unit.SourceFile, () => JsonEmitter.Emit(unit, production.CancellationToken));
            }
        });

        var resources = bound
            .SelectMany(static (result, _) => result.Resources)
            .WithTrackingName(TrackingNames.ResourceUnits);
        context.RegisterSourceOutput(resources.Combine(target), static (production, input) =>
        {
            var (unit, (kind, names)) = input;
            if (kind is GeneratorOutput.Client or GeneratorOutput.Consumer)
            {
                Emit(production, HintNames.Resource(unit), unit.SourceFile, () => ResourceEmitter.Emit(unit, names, production.CancellationToken));
            }
            else if (kind == GeneratorOutput.Sandbox)
            {
                Emit(production, HintNames.Sandbox(unit), unit.SourceFile, () => SandboxEmitter.Emit(unit, production.CancellationToken));
            }
            else if (kind == GeneratorOutput.Testing)
            {
                Emit(production, HintNames.Testing(unit), unit.SourceFile, () => TestingEmitter.Emit(unit, production.CancellationToken));
            }
        });

        var client = bound
            .Select(static (result, _) => result.Client)
            .WithTrackingName(TrackingNames.ClientUnit);
        context.RegisterSourceOutput(client.Combine(target), static (production, input) =>
        {
            var (unit, (kind, names)) = input;
            if (kind == GeneratorOutput.Client)
            {
                Emit(production, HintNames.Client, "XpmClient", () => ClientEmitter.Emit(unit));
            }
            else if (kind == GeneratorOutput.Consumer)
            {
                Emit(production, HintNames.ConsumerExtensions, "XpmClientExtensions", () => ConsumerEmitter.Emit(unit, names));
            }
            else if (kind == GeneratorOutput.Sandbox)
            {
                Emit(production, HintNames.SandboxApiSet, "SandboxApiSet", () => SandboxEmitter.EmitApiSet(unit));
            }
            else if (kind == GeneratorOutput.Cli)
            {
                Emit(production, HintNames.CliCatalogue, "GeneratedCommands", () => CliEmitter.EmitCatalogue(unit));
            }
            else if (kind == GeneratorOutput.Testing)
            {
                Emit(production, HintNames.TestingFake, "XpmFake", () => TestingEmitter.EmitFake(unit));
            }
        });

        var commands = bound
            .SelectMany(static (result, _) => result.CliResources)
            .WithTrackingName(TrackingNames.CliUnits);
        context.RegisterSourceOutput(commands.Combine(target), static (production, input) =>
        {
            var (unit, (kind, _)) = input;
            if (kind == GeneratorOutput.Cli)
            {
                Emit(production, HintNames.Cli(unit), unit.Resource.SourceFile, () => CliEmitter.Emit(unit, production.CancellationToken));
            }
        });
    }

    private static void Emit(SourceProductionContext output, string hintName, string what, Func<string> emit)
    {
        try
        {
            output.AddSource(hintName, emit());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            output.ReportDiagnostic(DiagnosticInfo
                .Create(DiagnosticDescriptors.InternalError, null, what, ex.GetType().Name + ": " + ex.Message)
                .ToDiagnostic());
        }
    }
}
