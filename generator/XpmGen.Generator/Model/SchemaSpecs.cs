namespace XpmGen.Generator.Model;

// Parsed specs: what one schema file says, read alone, before any cross-file resolution.
// They hold only strings, primitives, enums, nested specs and EquatableArray, so the incremental
// pipeline can compare them with the previous run's and skip unchanged work.

/// <summary>The result of parsing one additional file: a model file, a resource file, or neither (with diagnostics).</summary>
internal sealed record ParsedSchemaFile(
    string FilePath,
    ModelFileSpec? Models,
    ResourceSpec? Resource,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One <c>schema/models/*.xsd</c> file.</summary>
internal sealed record ModelFileSpec(
    string FilePath,
    string FileName,
    EquatableArray<ComplexTypeSpec> ComplexTypes,
    EquatableArray<SimpleTypeSpec> SimpleTypes)
{
    /// <summary>
    /// A file of the runtime's own schema that the package hands to an application's build (metadata
    /// <c>XpmGenSchemaOrigin</c>): its types may be named by the application's files, and resolve to the runtime's models,
    /// but nothing is emitted for it.
    /// </summary>
    public bool IsReference { get; init; }
}

/// <summary>A named <c>xs:simpleType</c>: a restriction of a built-in type.</summary>
internal sealed record SimpleTypeSpec(
    string Name,
    string BaseType,
    EquatableArray<string> Enumerations,
    string? Documentation,
    LocationInfo Location);

/// <summary>A named <c>xs:complexType</c>; becomes a model class.</summary>
internal sealed record ComplexTypeSpec(
    string Name,
    string? Documentation,
    EquatableArray<MemberSpec> Members,
    LocationInfo Location);

internal enum MemberShape
{
    /// <summary>A child element holding one value or one nested entity.</summary>
    Element,

    /// <summary>An attribute.</summary>
    Attribute,

    /// <summary>A wrapper element around repeated item elements: <c>&lt;Contacts&gt;&lt;Contact/&gt;...</c>.</summary>
    WrappedList,

    /// <summary>An element that repeats without a wrapper.</summary>
    RepeatedElement,
}

/// <summary>A reference to a type: a built-in XSD type (<c>xs:string</c>) or a named schema type.</summary>
internal sealed record TypeReference(string Name, bool IsBuiltIn)
{
    public override string ToString() => IsBuiltIn ? "xs:" + Name : Name;
}

/// <summary>An element or attribute of a complex type.</summary>
internal sealed record MemberSpec(
    string XmlName,
    MemberShape Shape,
    TypeReference Type,
    string? ItemXmlName,
    string? Documentation,
    LocationInfo Location)
{
    /// <summary>The C# property name given with <c>xpm:property</c>, overriding the one derived from <see cref="XmlName"/>.</summary>
    public string? PropertyName { get; init; }
}

/// <summary>One <c>schema/endpoints/*.yaml</c> file: one XPM resource such as <c>client.api</c>.</summary>
internal sealed record ResourceSpec(
    string FilePath,
    string Resource,
    string Facade,
    string ApiPath,
    string? Description,
    EquatableArray<EndpointSpec> Endpoints,
    LocationInfo Location);

/// <summary>One operation of a resource.</summary>
internal sealed record EndpointSpec(
    string? Group,
    string Name,
    string Method,
    string Path,
    string? Summary,
    string? Remarks,
    EquatableArray<string> Scopes,
    EquatableArray<ParameterSpec> PathParameters,
    EquatableArray<ParameterSpec> Query,
    PayloadSpec? Request,
    PayloadSpec? Response,
    LocationInfo Location)
{
    /// <summary>The paging style, when the endpoint returns its list in pages or date windows.</summary>
    public PagingSpec? Paging { get; init; }
}

/// <summary>How an endpoint pages, and the name of the generated helper that reads every page.</summary>
internal sealed record PagingSpec(PagingStyle Style, string Method, LocationInfo Location);

/// <summary>The paging styles of the YAML <c>paging: { style }</c> key, parsed once here.</summary>
internal enum PagingStyle
{
    /// <summary><c>page</c>: <c>page=1,2,...</c> until a page is empty.</summary>
    Page,

    /// <summary><c>token</c>: <c>pageToken</c> from each response's next link.</summary>
    Token,

    /// <summary><c>window</c>: <c>from</c>/<c>to</c> split into windows under a year.</summary>
    Window,
}

/// <summary>A path placeholder or query parameter.</summary>
internal sealed record ParameterSpec(
    string Name,
    ParameterType Type,
    string? CSharpName,
    bool Required,
    string? Description,
    LocationInfo Location);

internal enum ParameterType
{
    String,
    Int,
    Boolean,
    Date,
    DateTime,
}

/// <summary>A request body or response payload: its element and model type.</summary>
internal sealed record PayloadSpec(
    string Element,
    string Type,
    string? Item,
    bool Many,
    bool Optional,
    string? ParameterName,
    LocationInfo Location);
