using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits one resource: its endpoint descriptors (a nested class of <c>XpmEndpoints</c>), its pure request
/// builders (<c>ClientRequests</c>) and its facade (<c>IClientApi</c>, implemented by <c>ClientApi</c>), in the namespaces
/// <see cref="CodeNames"/> gives. Pure: unit and namespaces in, text out.
/// </summary>
internal sealed class ResourceEmitter
{
    private readonly CodeNames _names;

    private ResourceEmitter(CodeNames names) => _names = names;

    public static string Emit(ResourceUnit unit, CodeNames names, CancellationToken cancellationToken) =>
        new ResourceEmitter(names.WithExternal(unit.ExternalTypes)).EmitUnit(unit, cancellationToken);

    private string EmitUnit(ResourceUnit unit, CancellationToken cancellationToken)
    {
        var writer = SourceWriter.ForFile("schema/endpoints/" + unit.SourceFile);
        writer.OpenBlock("namespace " + _names.Root);
        EmitEndpoints(writer, unit, cancellationToken);
        writer.Line();
        EmitRequests(writer, unit, cancellationToken);
        writer.Line();
        EmitFacade(writer, unit, cancellationToken);
        writer.CloseBlock();
        return writer.ToString();
    }

    private void EmitEndpoints(SourceWriter writer, ResourceUnit unit, CancellationToken cancellationToken)
    {
        writer.OpenBlock("public static partial class XpmEndpoints");
        writer.Line($"/// <summary>The endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>. {SourceWriter.Xml(unit.Description)}</summary>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("public static class " + unit.Resource);
        EmitEndpointProperties(writer, unit, Ungrouped(unit), cancellationToken);
        foreach (var group in Groups(unit))
        {
            writer.Line();
            writer.Line($"/// <summary>The {SourceWriter.Xml(group.Key)} endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>.</summary>");
            writer.OpenBlock("public static class " + group.Key);
            EmitEndpointProperties(writer, unit, group.ToList(), cancellationToken);
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }

    private void EmitEndpointProperties(SourceWriter writer, ResourceUnit unit, IReadOnlyList<BoundEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var endpoint in endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var scopes = string.Join(", ", endpoint.Scopes.Select(SourceWriter.Literal));
            writer.Line($"/// <summary><c>{endpoint.Method} {SourceWriter.Xml(endpoint.PathTemplate)}</c>: {SourceWriter.Xml(endpoint.Summary)}</summary>");
            writer.Line($"public static {KnownTypes.XpmEndpoint} {endpoint.Name} {{ get; }} = new {KnownTypes.XpmEndpoint}(");
            writer.Indent();
            writer.Line($"{SourceWriter.Literal(unit.Resource)},");
            writer.Line($"{SourceWriter.Literal(QualifiedName(endpoint))},");
            writer.Line($"{SourceWriter.Literal(endpoint.Method)},");
            writer.Line($"{SourceWriter.Literal(endpoint.PathTemplate)},");
            writer.Line($"new string[] {{ {scopes} }},");
            writer.Line($"{SourceWriter.Literal(endpoint.Summary ?? string.Empty)});");
            writer.Unindent();
        }
    }

    private void EmitRequests(SourceWriter writer, ResourceUnit unit, CancellationToken cancellationToken)
    {
        writer.Line($"/// <summary>Builds the requests of <c>{SourceWriter.Xml(unit.ApiPath)}</c> without sending them; send them with <see cref=\"{KnownTypes.XpmClient}.SendAsync{{TResponse}}\"/>.</summary>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"public static partial class {unit.Resource}Requests");
        EmitRequestMethods(writer, unit, Ungrouped(unit), cancellationToken);
        foreach (var group in Groups(unit))
        {
            writer.Line();
            writer.Line($"/// <summary>Builds the {SourceWriter.Xml(group.Key)} requests of <c>{SourceWriter.Xml(unit.ApiPath)}</c>.</summary>");
            writer.OpenBlock("public static class " + group.Key);
            EmitRequestMethods(writer, unit, group.ToList(), cancellationToken);
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    private void EmitRequestMethods(SourceWriter writer, ResourceUnit unit, IReadOnlyList<BoundEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var endpoint in endpoints.Where(static e => e.Response.Kind != ResponseKind.None))
        {
            writer.Line($"private static readonly {ReaderType(endpoint)} {endpoint.Name}Reader = {ReaderFactory(endpoint)};");
            first = false;
        }

        foreach (var endpoint in endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitDocs(writer, endpoint, isFacade: false);
            writer.OpenBlock($"public static {RequestType(endpoint)} {endpoint.Name}({string.Join(", ", EndpointSignature.Parameters(endpoint, _names))})");
            if (endpoint.Request is { } bodyParameter)
            {
                writer.Line($"global::System.ArgumentNullException.ThrowIfNull({bodyParameter.CSharpName});");
            }

            foreach (var parameter in endpoint.Query.Where(static p => p.Required && p.Type == ParameterType.String))
            {
                writer.Line($"global::System.ArgumentNullException.ThrowIfNull({parameter.CSharpName});");
            }

            // No locals: any name could collide with a parameter taken from the schema.
            var query = endpoint.Query.Count == 0
                ? "global::System.Array.Empty<global::System.Collections.Generic.KeyValuePair<string, string>>()"
                : $"new {KnownTypes.XpmQuery}()" + string.Concat(endpoint.Query.Select(static p => $".Add({SourceWriter.Literal(p.Placeholder)}, {p.CSharpName})")) + ".Parameters";
            var body = endpoint.Request is { } request
                ? $"{KnownTypes.XpmRequestBody}.Create({SourceWriter.Literal(request.Element)}, {request.CSharpName}, {_names.Serializer(request.Type)}.Write)"
                : "null";
            var reader = endpoint.Response.Kind == ResponseKind.None ? $"{KnownTypes.XpmResponseReader}.None" : endpoint.Name + "Reader";
            writer.Line($"return new {RequestType(endpoint)}(");
            writer.Indent();
            writer.Line($"{_names.Endpoints}.{unit.Resource}.{QualifiedName(endpoint)},");
            writer.Line($"{PathExpression(endpoint)},");
            writer.Line($"{query},");
            writer.Line($"{body},");
            writer.Line($"{reader});");
            writer.Unindent();
            writer.CloseBlock();
        }
    }

    /// <summary>
    /// Emits the facade and its sub-facades, each as an interface (<c>I</c> + class name, the .NET default) that app code
    /// takes and tests fake, and a sealed class that implements it. Every member is described once: the interface carries
    /// its docs, the class inherits them.
    /// </summary>
    private void EmitFacade(SourceWriter writer, ResourceUnit unit, CancellationToken cancellationToken)
    {
        var groups = Groups(unit).ToList();
        var facade = unit.Resource + "Api";
        var members = FacadeMembers(unit, Ungrouped(unit), cancellationToken);

        writer.Line($"/// <summary>The <c>{SourceWriter.Xml(unit.ApiPath)}</c> endpoints: what <see cref=\"{facade}\"/> sends through an <see cref=\"{KnownTypes.XpmClient}\"/>, for app code to take and tests to fake.</summary>");
        EmitRemarks(writer, unit);
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"public partial interface I{facade}");
        var first = true;
        foreach (var group in groups)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line($"/// <summary>The {SourceWriter.Xml(group.Key)} endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>.</summary>");
            writer.Line($"I{unit.Resource}{group.Key}Api {group.Key} {{ get; }}");
        }

        EmitInterfaceMembers(writer, members, first);
        writer.CloseBlock();
        writer.Line();

        writer.Line($"/// <summary>The <c>{SourceWriter.Xml(unit.ApiPath)}</c> endpoints, sent through an <see cref=\"{KnownTypes.XpmClient}\"/>: <see cref=\"{FacadeEntry(unit)}\"/>.</summary>");
        EmitRemarks(writer, unit);
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"public sealed partial class {facade} : I{facade}");
        writer.Line($"private readonly {KnownTypes.XpmClient} _client;");
        foreach (var group in groups)
        {
            writer.Line($"private {unit.Resource}{group.Key}Api? _{Camel(group.Key)};");
        }

        writer.Line();
        writer.Line($"internal {facade}({KnownTypes.XpmClient} client) => _client = client;");
        foreach (var group in groups)
        {
            // The class keeps the concrete type (callers of XpmClient lose nothing); the interface sees the sub-facade's interface.
            writer.Line();
            writer.Line($"/// <summary>The {SourceWriter.Xml(group.Key)} endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>.</summary>");
            writer.Line($"public {unit.Resource}{group.Key}Api {group.Key} => _{Camel(group.Key)} ??= new {unit.Resource}{group.Key}Api(_client);");
            writer.Line();
            writer.Line($"I{unit.Resource}{group.Key}Api I{facade}.{group.Key} => {group.Key};");
        }

        EmitClassMembers(writer, members);
        writer.CloseBlock();

        foreach (var group in groups)
        {
            var name = unit.Resource + group.Key + "Api";
            var groupMembers = FacadeMembers(unit, group.ToList(), cancellationToken);
            writer.Line();
            writer.Line($"/// <summary>The {SourceWriter.Xml(group.Key)} endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>: what <see cref=\"{name}\"/> sends, for app code to take and tests to fake.</summary>");
            writer.Line(KnownTypes.GeneratedCode);
            writer.OpenBlock($"public partial interface I{name}");
            EmitInterfaceMembers(writer, groupMembers, first: true);
            writer.CloseBlock();
            writer.Line();
            writer.Line($"/// <summary>The {SourceWriter.Xml(group.Key)} endpoints of <c>{SourceWriter.Xml(unit.ApiPath)}</c>: <see cref=\"{facade}.{group.Key}\"/>.</summary>");
            writer.Line(KnownTypes.GeneratedCode);
            writer.OpenBlock($"public sealed partial class {name} : I{name}");
            writer.Line($"private readonly {KnownTypes.XpmClient} _client;");
            writer.Line();
            writer.Line($"internal {name}({KnownTypes.XpmClient} client) => _client = client;");
            EmitClassMembers(writer, groupMembers);
            writer.CloseBlock();
        }
    }

    private void EmitRemarks(SourceWriter writer, ResourceUnit unit)
    {
        if (!string.IsNullOrWhiteSpace(unit.Description))
        {
            writer.Line($"/// <remarks>{SourceWriter.Xml(unit.Description)}</remarks>");
        }
    }

    /// <summary>One public facade method: its doc comment lines, its signature (no modifiers) and the expression it returns.</summary>
    private sealed class FacadeMember
    {
        public FacadeMember(IReadOnlyList<string> docs, string signature, string body)
        {
            Docs = docs;
            Signature = signature;
            Body = body;
        }

        public IReadOnlyList<string> Docs { get; }

        public string Signature { get; }

        public string Body { get; }
    }

    private void EmitInterfaceMembers(SourceWriter writer, IReadOnlyList<FacadeMember> members, bool first)
    {
        foreach (var member in members)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            foreach (var line in member.Docs)
            {
                writer.Line(line);
            }

            writer.Line(member.Signature + ";");
        }
    }

    private void EmitClassMembers(SourceWriter writer, IReadOnlyList<FacadeMember> members)
    {
        foreach (var member in members)
        {
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Line($"public {member.Signature} =>");
            writer.Indent();
            writer.Line(member.Body + ";");
            writer.Unindent();
        }
    }

    /// <summary>Writes a member's doc comment into its own writer, so the interface can print it at its own indentation.</summary>
    private static IReadOnlyList<string> Docs(System.Action<SourceWriter> write)
    {
        var docs = new SourceWriter();
        write(docs);
        return docs.ToString().TrimEnd('\n').Split('\n');
    }

    private List<FacadeMember> FacadeMembers(ResourceUnit unit, IReadOnlyList<BoundEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var members = new List<FacadeMember>();
        foreach (var endpoint in endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parameters = EndpointSignature.Parameters(endpoint, _names).Append(CancellationParameter).ToList();
            var call = $"{unit.Resource}Requests.{QualifiedName(endpoint)}({string.Join(", ", EndpointSignature.Arguments(endpoint))})";
            members.Add(new FacadeMember(
                Docs(w => EmitDocs(w, endpoint, isFacade: true)),
                $"{FacadeReturnType(endpoint)} {endpoint.Name}Async({string.Join(", ", parameters)})",
                $"_client.SendAsync({call}, cancellationToken)"));

            // A page is bounded (500 clients, 1000 costs) and carries its continuation, so only whole lists stream.
            if (endpoint.Response.Kind == ResponseKind.List)
            {
                members.Add(StreamMember(endpoint, parameters, call));
            }

            if (endpoint.Paging is { } paging)
            {
                members.Add(PagingMember(unit, endpoint, paging));
            }
        }

        return members;
    }

    // Large lists (a detailed client list can exceed 50 MB) can be read item by item instead of all at once.
    private FacadeMember StreamMember(BoundEndpoint endpoint, IEnumerable<string> parameters, string call)
    {
        var item = _names.Model(endpoint.Response.Type!);
        var docs = Docs(writer =>
        {
            writer.Summary(
                $"{endpoint.Summary} Streams the items as they arrive instead of buffering the response.",
                "Only the current item is held in memory; prefer this over the list method for large lists.");
            EndpointSignature.WriteParamDocs(writer, endpoint, ParameterDocsFor.Client);
            writer.Line("/// <param name=\"cancellationToken\">Cancels the call and the enumeration.</param>");
            writer.Line($"/// <returns>The items of the response's <c>{SourceWriter.Xml(endpoint.Response.Element)}</c> element, read one at a time from the response stream.</returns>");
            writer.Line(XpmExceptionDoc);
        });
        return new FacadeMember(
            docs,
            $"global::System.Collections.Generic.IAsyncEnumerable<{item}> Stream{endpoint.Name}Async({string.Join(", ", parameters)})",
            $"_client.StreamAsync({call}, cancellationToken)");
    }

    /// <summary>Describes the helper the binder described in <see cref="BoundPaging"/>: its signature, and the runtime walker it calls.</summary>
    private FacadeMember PagingMember(ResourceUnit unit, BoundEndpoint endpoint, BoundPaging paging)
    {
        var signature = EndpointSignature.Parameters(endpoint, _names, paging.Query).Append(CancellationParameter);
        var item = _names.Model(endpoint.Response.Type!);
        var call = $"{unit.Resource}Requests.{QualifiedName(endpoint)}({string.Join(", ", EndpointSignature.Arguments(endpoint, paging))})";
        var variables = string.Join(", ", paging.Driven.Select(static d => d.Variable));
        var (how, body) = paging.Style switch
        {
            PagingStyle.Page => ("page by page (page=1, 2, ...) until a page comes back empty", $"_client.PagesByNumberAsync({variables} => {call}, cancellationToken)"),
            PagingStyle.Token => ("page by page, following the pageToken of each response's next link until the last page", $"_client.PagesByTokenAsync({variables} => {call}, cancellationToken)"),
            _ => ("for a date range of any length, split into windows of less than a year (one call each); an item in two windows is returned by each", $"_client.WindowsAsync({paging.Driven[0].CSharpName}, {paging.Driven[1].CSharpName}, ({variables}) => {call}, cancellationToken)"),
        };
        var docs = Docs(writer =>
        {
            writer.Summary($"{endpoint.Summary} Reads every item, {how}.", "Each page or window is one call and counts against the rate limits.");
            EndpointSignature.WriteParamDocs(writer, endpoint, ParameterDocsFor.Client, paging.Query);
            writer.Line("/// <param name=\"cancellationToken\">Cancels the calls and the enumeration.</param>");
            writer.Line($"/// <returns>Every item of every page, in order.</returns>");
            writer.Line(XpmExceptionDoc);
        });
        return new FacadeMember(docs, $"global::System.Collections.Generic.IAsyncEnumerable<{item}> {paging.Method}Async({string.Join(", ", signature)})", body);
    }

    private static List<BoundEndpoint> Ungrouped(ResourceUnit unit) => unit.Endpoints.Where(static e => e.Group is null).ToList();

    /// <summary>The endpoint groups in the order the schema first names them.</summary>
    private static IEnumerable<IGrouping<string, BoundEndpoint>> Groups(ResourceUnit unit) =>
        unit.Endpoints.Where(static e => e.Group is not null).GroupBy(static e => e.Group!, System.StringComparer.Ordinal);

    /// <summary><c>Name</c>, or <c>Group.Name</c> for an endpoint of a group.</summary>
    internal static string QualifiedName(BoundEndpoint endpoint) => endpoint.Group is null ? endpoint.Name : endpoint.Group + "." + endpoint.Name;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private const string CancellationParameter = KnownTypes.CancellationToken + " cancellationToken = default";

    private const string XpmExceptionDoc = "/// <exception cref=\"global::XpmGen.XpmException\">XPM answered with an error, or with content that is not the expected XML.</exception>";

    private void EmitDocs(SourceWriter writer, BoundEndpoint endpoint, bool isFacade)
    {
        writer.Summary(endpoint.Summary ?? $"Calls {endpoint.Method} {endpoint.PathTemplate}.", endpoint.Remarks);
        EndpointSignature.WriteParamDocs(writer, endpoint, ParameterDocsFor.Client);
        if (isFacade)
        {
            writer.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        }

        var element = $"<c>{SourceWriter.Xml(endpoint.Response.Element)}</c>";
        var what = endpoint.Response.Kind switch
        {
            ResponseKind.List => $"the items of the response's {element} element, empty when it holds none",
            ResponseKind.Page when endpoint.Paging?.Style == PagingStyle.Token =>
                $"one page: the items of the response's {element} element and the pageToken of the next page, null on the last page",
            ResponseKind.Page =>
                $"one page: the items of the response's {element} element, and whether another page may follow (false once a page comes back empty)",
            ResponseKind.Single => $"the response's {element} element",
            ResponseKind.Optional => $"the response's {element} element, or null when XPM returns only a status",
            ResponseKind.Value => $"the text of the response's {element} element, or null when XPM returns only a status",
            _ => "nothing beyond a status of OK",
        };
        writer.Line(isFacade
            ? $"/// <returns>A task that completes with {what}.</returns>"
            : $"/// <returns>The request for <c>{endpoint.Method} {SourceWriter.Xml(endpoint.PathTemplate)}</c>, whose response is read as {what}.</returns>");
        if (isFacade)
        {
            writer.Line(XpmExceptionDoc);
        }
    }

    private string PathExpression(BoundEndpoint endpoint)
    {
        var parts = new List<string>();
        var literal = new StringBuilder();
        var template = endpoint.PathTemplate;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                var placeholder = template.Substring(i + 1, end - i - 1);
                if (literal.Length > 0)
                {
                    parts.Add(SourceWriter.Literal(literal.ToString()));
                    literal.Clear();
                }

                var parameter = endpoint.PathParameters.First(p => p.Placeholder == placeholder);
                parts.Add($"{KnownTypes.XpmPath}.Segment({parameter.CSharpName}, {SourceWriter.Literal(parameter.CSharpName.TrimStart('@'))})");
                i = end;
            }
            else
            {
                literal.Append(template[i]);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(SourceWriter.Literal(literal.ToString()));
        }

        return string.Join(" + ", parts);
    }

    /// <summary>What a call of the endpoint returns, with the runtime's models (the sandbox, CLI and testing kit use it).</summary>
    internal static string ResultType(BoundEndpoint endpoint) => ResultType(endpoint, CodeNames.Runtime);

    private string FacadeEntry(ResourceUnit unit) => _names.IsRuntime
        ? $"{KnownTypes.XpmClient}.{unit.Facade}"
        : $"{_names.InRoot(ConsumerEmitter.ExtensionsClass)}.{unit.Facade}({KnownTypes.XpmClient})";

    private static string ResultType(BoundEndpoint endpoint, CodeNames names) => endpoint.Response.Kind switch
    {
        ResponseKind.List => $"{KnownTypes.ReadOnlyList}<{names.Model(endpoint.Response.Type!)}>",
        ResponseKind.Page => $"{KnownTypes.XpmPage}<{names.Model(endpoint.Response.Type!)}>",
        ResponseKind.Single => names.Model(endpoint.Response.Type!),
        ResponseKind.Optional => names.Model(endpoint.Response.Type!) + "?",
        ResponseKind.Value => "string?",
        _ => KnownTypes.XpmNone,
    };

    private string RequestType(BoundEndpoint endpoint) => $"{KnownTypes.XpmRequest}<{ResultType(endpoint, _names)}>";

    private string ReaderType(BoundEndpoint endpoint) => $"global::XpmGen.XpmResponseReader<{ResultType(endpoint, _names)}>";

    private string FacadeReturnType(BoundEndpoint endpoint) =>
        endpoint.Response.Kind == ResponseKind.None ? KnownTypes.Task : $"{KnownTypes.Task}<{ResultType(endpoint, _names)}>";

    private string ReaderFactory(BoundEndpoint endpoint)
    {
        var response = endpoint.Response;
        if (response.Kind == ResponseKind.Value)
        {
            return $"{KnownTypes.XpmResponseReader}.Value({SourceWriter.Literal(response.Element)})";
        }

        var type = _names.Model(response.Type!);
        var read = _names.Serializer(response.Type!) + ".Read";
        var webUrl = response.HasWebUrl ? $", static (value, webUrl) => value.{Binding.Vocabulary.WebUrl} ??= webUrl" : string.Empty;
        return response.Kind switch
        {
            ResponseKind.List => $"{KnownTypes.XpmResponseReader}.List<{type}>({SourceWriter.Literal(response.Element)}, {SourceWriter.Literal(response.Item)}, {read})",
            ResponseKind.Page => $"{KnownTypes.XpmPageReader}.{(endpoint.Paging?.Style == PagingStyle.Token ? "ByToken" : "ByNumber")}<{type}>({SourceWriter.Literal(response.Element)}, {SourceWriter.Literal(response.Item)}, {read})",
            ResponseKind.Optional => $"{KnownTypes.XpmResponseReader}.Optional<{type}>({SourceWriter.Literal(response.Element)}, {read}{webUrl})",
            _ => $"{KnownTypes.XpmResponseReader}.Single<{type}>({SourceWriter.Literal(response.Element)}, {read}{webUrl})",
        };
    }
}
