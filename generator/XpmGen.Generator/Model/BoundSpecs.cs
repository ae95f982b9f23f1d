using System.Collections.Generic;
using System.Linq;

namespace XpmGen.Generator.Model;

// Bound specs: the per-output units, resolved across files and ready to emit. Each unit holds
// exactly what its output needs, so an edit elsewhere leaves it equal and its output cached.

/// <summary>Everything the binder produced from all schema files.</summary>
internal sealed record BindResult(
    EquatableArray<ModelUnit> Models,
    EquatableArray<ResourceUnit> Resources,
    ClientUnit Client,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>One unit per resource for the command-line output: the resource and the fields of its request bodies.</summary>
    public EquatableArray<CliUnit> CliResources { get; init; } = EquatableArray<CliUnit>.Empty;
}

/// <summary>
/// The model classes and their XML readers and writers of one XSD file. <see cref="FileKey"/> is the file's name without
/// extension in PascalCase, made unique (<c>Clientgroup</c>); every output of the file is named after it.
/// </summary>
internal sealed record ModelUnit(string FileKey, string SourceFile, EquatableArray<ModelClass> Classes)
{
    /// <summary>The runtime's models this unit names (an application's file naming <c>Client</c>); empty in the runtime itself.</summary>
    public EquatableArray<string> ExternalTypes { get; init; } = EquatableArray<string>.Empty;
}

internal sealed record ModelClass(string Name, string? Documentation, EquatableArray<ModelProperty> Properties);

internal enum ValueKind
{
    String,
    Int,
    Decimal,
    Boolean,
    YesNo,
    DateTime,
    IsoDate,
    CompactDate,
    Time,
    Complex,
}

internal sealed record ModelProperty(
    string XmlName,
    string PropertyName,
    MemberShape Shape,
    ValueKind Kind,
    string? ComplexType,
    string? ItemXmlName,
    string? Documentation,
    EquatableArray<string> KnownValues);

/// <summary>
/// The endpoint descriptors, request builders and facade of one resource (one YAML file). <see cref="FileKey"/> is the
/// file's name without extension in PascalCase, made unique (<c>Clientgroup</c>); every output of the file is named after it.
/// </summary>
internal sealed record ResourceUnit(
    string FileKey,
    string SourceFile,
    string Resource,
    string Facade,
    string ApiPath,
    string? Description,
    EquatableArray<BoundEndpoint> Endpoints)
{
    /// <summary>The runtime's models this resource sends or returns (an application's endpoint returning <c>Client</c>).</summary>
    public EquatableArray<string> ExternalTypes { get; init; } = EquatableArray<string>.Empty;
}

internal sealed record BoundEndpoint(
    string? Group,
    string Name,
    string Method,
    string PathTemplate,
    string? Summary,
    string? Remarks,
    EquatableArray<string> Scopes,
    EquatableArray<BoundParameter> PathParameters,
    EquatableArray<BoundParameter> Query,
    BoundRequest? Request,
    BoundResponse Response)
{
    /// <summary>The helper that reads every page, when the endpoint pages.</summary>
    public BoundPaging? Paging { get; init; }
}

/// <summary>
/// The helper that reads every page, decided by the binder: its style and name, the builder arguments it supplies
/// itself on each call (<c>page</c>, <c>pageToken</c>, or a window's <c>from</c> and <c>to</c>), and the query
/// parameters of its own signature, in method order and with their final descriptions.
/// </summary>
internal sealed record BoundPaging(
    PagingStyle Style,
    string Method,
    EquatableArray<PagingArgument> Driven,
    EquatableArray<BoundParameter> Query);

/// <summary>A request builder argument a paging helper supplies on each call: the builder's parameter and the helper's lambda variable.</summary>
internal sealed record PagingArgument(string CSharpName, string Variable);

/// <summary>
/// A parameter of a request builder. <see cref="Placeholder"/> is the path placeholder or query name;
/// <see cref="Description"/> is the schema's, or a default the binder wrote, so every emitter documents it alike.
/// </summary>
internal sealed record BoundParameter(
    string Placeholder,
    string CSharpName,
    ParameterType Type,
    bool Required,
    string Description);

internal static class BoundParameters
{
    /// <summary>
    /// Query parameters in the order methods take them: required ones first, then optional ones (which default to
    /// null); each group in schema order. The wire order stays the schema's.
    /// </summary>
    public static IEnumerable<BoundParameter> InMethodOrder(IEnumerable<BoundParameter> query) =>
        query.Where(static p => p.Required).Concat(query.Where(static p => !p.Required));
}

internal sealed record BoundRequest(string Element, string Type, string CSharpName);

internal enum ResponseKind
{
    None,
    Single,
    Optional,
    List,

    /// <summary>A list read one page at a time into an <c>XpmPage&lt;T&gt;</c> (page or token paging).</summary>
    Page,

    /// <summary>A bare text element beside the status, such as the UUID of a created item.</summary>
    Value,
}

internal sealed record BoundResponse(ResponseKind Kind, string? Element, string? Item, string? Type, bool HasWebUrl);

/// <summary>What the <c>XpmClient</c> partial needs: resource names, facades and endpoint names only.</summary>
internal sealed record ClientUnit(EquatableArray<ClientResource> Resources);

internal sealed record ClientResource(string Resource, string Facade, string ApiPath, EquatableArray<string> EndpointNames);

/// <summary>
/// The commands of one resource (<c>XpmGenOutput=Cli</c>): the resource's endpoints and, for each request body type,
/// the simple top-level fields that become one option each (<c>--name</c>, <c>--client-uuid</c>).
/// </summary>
internal sealed record CliUnit(ResourceUnit Resource, EquatableArray<CliRequestType> RequestTypes);

/// <summary>A request body type and its simple (text, number, flag, date) child elements.</summary>
internal sealed record CliRequestType(string Type, EquatableArray<ModelProperty> Fields);
