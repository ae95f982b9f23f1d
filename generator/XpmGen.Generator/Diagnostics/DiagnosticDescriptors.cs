using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace XpmGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, with stable ids grouped by area:
/// XPM0xx YAML endpoint files, XPM1xx XSD model files, XPM2xx binding across files, XPM9xx internal.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string YamlCategory = "XpmGen.Yaml";
    private const string XsdCategory = "XpmGen.Xsd";
    private const string BindingCategory = "XpmGen.Binding";
    private const string InternalCategory = "XpmGen.Internal";
    private const string HelpBase = "https://github.com/xpmgen/xpmgen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor YamlSyntaxError = Error(
        "XPM001", YamlCategory, "YAML syntax error",
        "'{0}' is not valid YAML: {1}");

    public static readonly DiagnosticDescriptor MissingRequiredKey = Error(
        "XPM002", YamlCategory, "Missing required key",
        "{0} has no '{1}' key; add it ({2})");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "XPM003", YamlCategory, "Invalid value",
        "{0} has an invalid value '{1}' for '{2}'; expected {3}");

    public static readonly DiagnosticDescriptor UnknownKey = new(
        "XPM004", "Unknown key", "{0} has the key '{1}', which XpmGen does not know; known keys: {2}", YamlCategory,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "xpm004");

    public static readonly DiagnosticDescriptor XsdSyntaxError = Error(
        "XPM101", XsdCategory, "XSD syntax error",
        "'{0}' is not a readable XSD file: {1}");

    public static readonly DiagnosticDescriptor UnsupportedXsdConstruct = Error(
        "XPM102", XsdCategory, "Unsupported XSD construct",
        "{0} in '{1}' is not supported by XpmGen: {2}");

    public static readonly DiagnosticDescriptor UnknownTypeReference = Error(
        "XPM201", BindingCategory, "Unknown type reference",
        "{0} refers to the type '{1}', which no schema/models/*.xsd file declares; declare it or fix the name");

    public static readonly DiagnosticDescriptor DuplicateEndpoint = Error(
        "XPM202", BindingCategory, "Duplicate endpoint",
        "{0} is declared twice (first in '{1}'); remove or rename one of them");

    public static readonly DiagnosticDescriptor DuplicateType = Error(
        "XPM203", BindingCategory, "Duplicate type",
        "The type '{0}' is declared twice (first in '{1}'); type names are global across schema/models");

    public static readonly DiagnosticDescriptor PathParameterMismatch = Error(
        "XPM204", BindingCategory, "Path parameter mismatch",
        "{0}: {1}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "XPM900", InternalCategory, "Internal generator error",
        "XpmGen failed while processing '{0}': {1}. Please report this with the schema that triggers it.");

    public static readonly DiagnosticDescriptor UnknownOutput = Error(
        "XPM901", InternalCategory, "Unknown generator output",
        "The build property XpmGenOutput is '{0}', which XpmGen does not know; use Client (the default), Sandbox or Cli");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        YamlSyntaxError, MissingRequiredKey, InvalidValue, UnknownKey, XsdSyntaxError, UnsupportedXsdConstruct,
        UnknownTypeReference, DuplicateEndpoint, DuplicateType, PathParameterMismatch, InternalError, UnknownOutput,
    }.ToDictionary(static d => d.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
