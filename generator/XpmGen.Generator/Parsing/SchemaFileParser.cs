using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
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
