using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Parsing;

/// <summary>The only place schema text is read: one file in, one equatable spec out.</summary>
internal static class SchemaFileParser
{
    public static bool IsSchemaFile(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(".xsd", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The item metadata that marks a file of the runtime's own schema in an application's build.</summary>
    public const string OriginMetadata = "build_metadata.AdditionalFiles.XpmGenSchemaOrigin";

    /// <summary>Whether the build marked <paramref name="file"/> as a reference file (see <see cref="ModelFileSpec.IsReference"/>).</summary>
    public static bool IsReference(AnalyzerConfigOptionsProvider options, AdditionalText file) =>
        options.GetOptions(file).TryGetValue(OriginMetadata, out var origin) && !string.IsNullOrWhiteSpace(origin);

    /// <summary>
    /// Parses a file; a reference file contributes its types only (its models are marked, and an endpoint file is
    /// dropped, since the runtime already has those facades).
    /// </summary>
    public static ParsedSchemaFile Parse(AdditionalText file, bool isReference, CancellationToken cancellationToken)
    {
        var parsed = Parse(file, cancellationToken);
        return isReference
            ? parsed with { Models = parsed.Models is { } models ? models with { IsReference = true } : null, Resource = null }
            : parsed;
    }

    public static ParsedSchemaFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var path = file.Path;
        try
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return Failed(path, DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, path, "the file could not be read"));
            }

            return Path.GetExtension(path).Equals(".xsd", StringComparison.OrdinalIgnoreCase)
                ? XsdParser.Parse(path, text, cancellationToken)
                : YamlResourceParser.Parse(path, text, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Failed(path, DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, path, ex.GetType().Name + ": " + ex.Message));
        }
    }

    private static ParsedSchemaFile Failed(string path, DiagnosticInfo diagnostic) =>
        new(path, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
}
