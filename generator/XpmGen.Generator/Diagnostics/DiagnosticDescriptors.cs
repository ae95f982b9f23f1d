using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace XpmGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, one descriptor per distinct problem, with stable ids grouped by where the
/// problem is: XPM0xx a YAML endpoint file on its own, XPM1xx an XSD model file on its own, XPM2xx files that do not
/// agree with each other (found while binding), XPM9xx internal. <c>docs/diagnostics.md</c> explains each id;
/// <c>AnalyzerReleases.*.md</c> tracks them.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string YamlCategory = "XpmGen.Yaml";
    private const string XsdCategory = "XpmGen.Xsd";
    private const string BindingCategory = "XpmGen.Binding";
    private const string InternalCategory = "XpmGen.Internal";

    public static readonly DiagnosticDescriptor YamlSyntaxError = Error(
        "XPM001", YamlCategory, "YAML syntax error",
        "'{0}' is not valid YAML: {1}");

    public static readonly DiagnosticDescriptor MissingRequiredKey = Error(
        "XPM002", YamlCategory, "Missing required key",
        "{0} has no '{1}' key; add it ({2})");

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "XPM003", YamlCategory, "Invalid value",
        "{0} has an invalid value '{1}' for '{2}'; expected {3}");

    public static readonly DiagnosticDescriptor UnknownKey = Create(
        "XPM004", YamlCategory, "Unknown key",
        "{0} has the key '{1}', which XpmGen does not know; known keys: {2}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor XsdSyntaxError = Error(
        "XPM101", XsdCategory, "XSD syntax error",
        "'{0}' is not a readable XSD file: {1}");

    public static readonly DiagnosticDescriptor UnsupportedXsdConstruct = Error(
        "XPM102", XsdCategory, "Unsupported XSD construct",
        "{0} in '{1}' is not supported by XpmGen: {2}");

    public static readonly DiagnosticDescriptor InvalidPropertyName = Error(
        "XPM103", XsdCategory, "Invalid property name",
        "The member '{0}' is named '{1}' by xpm:property, which is not a C# identifier; give a name such as Fields");

    public static readonly DiagnosticDescriptor UnknownTypeReference = Error(
        "XPM201", BindingCategory, "Unknown type reference",
        "{0} refers to the type '{1}', which no schema/models/*.xsd file declares; declare it or fix the name");

    public static readonly DiagnosticDescriptor DuplicateOperation = Error(
        "XPM202", BindingCategory, "Duplicate operation",
        "The operation '{0}' is declared twice (first in '{1}'); remove one of them");

    public static readonly DiagnosticDescriptor DuplicateType = Error(
        "XPM203", BindingCategory, "Duplicate type",
        "The type '{0}' is declared twice (first in '{1}'); type names are global across schema/models");

    public static readonly DiagnosticDescriptor PathParameterWithoutPlaceholder = Error(
        "XPM204", BindingCategory, "Path parameter without placeholder",
        "{0} declares the path parameter '{1}', but its path '{2}' has no {{{1}}} placeholder; match the names or remove the entry");

    public static readonly DiagnosticDescriptor DuplicateName = Error(
        "XPM205", BindingCategory, "Duplicate name in a resource",
        "{0} uses the name '{1}', which the resource '{2}' already uses for {3}; rename one of them");

    public static readonly DiagnosticDescriptor DuplicateResource = Error(
        "XPM206", BindingCategory, "Duplicate resource or facade",
        "The {0} '{1}' is also the {0} of '{2}'; resource and facade names must be unique");

    public static readonly DiagnosticDescriptor InvalidPaging = Error(
        "XPM207", BindingCategory, "Paging does not fit the endpoint",
        "{0} pages with style '{1}', but {2}");

    public static readonly DiagnosticDescriptor PathParameterNotString = Error(
        "XPM208", BindingCategory, "Path parameter that is not a string",
        "{0} gives the path parameter '{1}' the type '{2}'; path parameters are strings, remove the type");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "XPM900", InternalCategory, "Internal generator error",
        "XpmGen failed while processing '{0}': {1}. Please report this with the schema that triggers it.");

    public static readonly DiagnosticDescriptor UnknownOutput = Error(
        "XPM901", InternalCategory, "Unknown generator output",
        "The build property XpmGenOutput is '{0}', which XpmGen does not know; use Client (the default), Consumer, Sandbox, Cli or Testing");

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        "XPM902", InternalCategory, "Invalid generated namespace",
        "The namespace for an application's own schema is '{0}', which {1}; set the build property XpmGenNamespace (or RootNamespace) to a dotted C# name of your own, such as Contoso.Xpm");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = typeof(DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(static f => (DiagnosticDescriptor)f.GetValue(null))
        .ToDictionary(static d => d.Id);

    /// <summary>Every descriptor, for the tests that keep the docs and release tracking in step.</summary>
    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Values.OrderBy(static d => d.Id, System.StringComparer.Ordinal);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Error);

    // No helpLinkUri: the project has no public home to link to, and a relative link would open nowhere in an IDE.
    // The description names the section of docs/diagnostics.md instead, which IDEs show beside the message.
    private static DiagnosticDescriptor Create(string id, string category, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true,
            description: $"{title}. See docs/diagnostics.md#{id.ToLowerInvariant()} for what it means and how to fix it.");
}
