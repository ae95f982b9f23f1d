using System.Collections.Generic;
using System.Linq;
using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits the sandbox's side of one resource (<c>XpmGenOutput=Sandbox</c>): a behaviour class with one virtual
/// method per operation, typed like the client's request builders, and the routes that bind each operation's
/// path, query and body to that method and write its result with the generated writers. The sandbox overrides
/// the methods it simulates; the others answer an ERROR envelope saying so. Pure: unit in, text out.
/// </summary>
internal static class SandboxEmitter
{
    public const string Namespace = "XpmGen.Sandbox";

    private const string Route = "global::XpmGen.Sandbox.SandboxRoute";
    private const string Payload = "global::XpmGen.Sandbox.SandboxPayload";
    private const string Fault = "global::XpmGen.Sandbox.SandboxFault";
    private const string Enumerable = "global::System.Collections.Generic.IEnumerable";

    public static string Emit(ResourceUnit unit, CancellationToken cancellationToken)
    {
        var writer = OpenFile("schema/endpoints/" + unit.SourceFile);
        writer.Line($"/// <summary>The sandbox's behaviour for <c>{SourceWriter.Xml(unit.ApiPath)}</c>: one virtual method per operation of the schema.</summary>");
        writer.Line("/// <remarks>Override a method to simulate its operation; one not overridden answers an ERROR envelope that says the operation is not simulated.</remarks>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"internal partial class {ClassName(unit.Resource)}");
        var first = true;
        foreach (var endpoint in unit.Endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitBehaviour(writer, unit, endpoint);
        }

        writer.Line();
        writer.Line($"/// <summary>The routes of <c>{SourceWriter.Xml(unit.ApiPath)}</c>: each binds an operation's path, query and body to its method above.</summary>");
        writer.Line($"internal static global::System.Collections.Generic.IReadOnlyList<{Route}> Routes {{ get; }} = new {Route}[]");
        writer.Line("{");
        writer.Indent();
        foreach (var endpoint in unit.Endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EmitRoute(writer, unit, endpoint);
        }

        writer.Unindent();
        writer.Line("};");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>Emits <c>SandboxApiSet</c>: one overridable property per resource and every route.</summary>
    public static string EmitApiSet(ClientUnit unit)
    {
        var writer = OpenFile("schema/endpoints");
        writer.Line("/// <summary>The behaviour of every resource of the schema, as one practice of the sandbox answers it.</summary>");
        writer.Line("/// <remarks>A resource whose property is not overridden answers every operation with a not-simulated ERROR envelope.</remarks>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("internal partial class SandboxApiSet");
        foreach (var resource in unit.Resources)
        {
            var type = ClassName(resource.Resource);
            writer.Line($"private static readonly global::XpmGen.Sandbox.{type} NotSimulated{resource.Resource} = new global::XpmGen.Sandbox.{type}();");
        }

        foreach (var resource in unit.Resources)
        {
            writer.Line();
            writer.Line($"/// <summary>The behaviour of <c>{SourceWriter.Xml(resource.ApiPath)}</c>.</summary>");
            writer.Line($"public virtual global::XpmGen.Sandbox.{ClassName(resource.Resource)} {resource.Resource} => NotSimulated{resource.Resource};");
        }

        writer.Line();
        writer.Line("/// <summary>Every route of the schema, ordered by resource and then as the schema lists them.</summary>");
        writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Route}> Routes {{ get; }} = {Route}.Combine(");
        writer.Indent();
        for (var i = 0; i < unit.Resources.Count; i++)
        {
            var separator = i == unit.Resources.Count - 1 ? string.Empty : ",";
            writer.Line($"global::XpmGen.Sandbox.{ClassName(unit.Resources[i].Resource)}.Routes{separator}");
        }

        writer.Unindent();
        writer.Line(");");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static SourceWriter OpenFile(string origin)
    {
        var writer = SourceWriter.ForFile(origin);
        writer.OpenBlock("namespace " + Namespace);
        return writer;
    }

    private static string ClassName(string resource) => resource + "SandboxApi";

    /// <summary><c>Name</c>, or <c>GroupName</c> for an endpoint of a group (<c>TasksAdd</c>).</summary>
    internal static string MethodName(BoundEndpoint endpoint) => (endpoint.Group ?? string.Empty) + endpoint.Name;

    private static void EmitBehaviour(SourceWriter writer, ResourceUnit unit, BoundEndpoint endpoint)
    {
        writer.Line($"/// <summary><c>{endpoint.Method} {SourceWriter.Xml(endpoint.PathTemplate)}</c>: {SourceWriter.Xml(endpoint.Summary)}</summary>");
        EndpointSignature.WriteParamDocs(writer, endpoint, ParameterDocsFor.Sandbox);
        var returns = endpoint.Response.Kind switch
        {
            ResponseKind.List or ResponseKind.Page => $"The items written in the response's <c>{SourceWriter.Xml(endpoint.Response.Element)}</c> element.",
            ResponseKind.Single => $"The value written as the response's <c>{SourceWriter.Xml(endpoint.Response.Element)}</c> element.",
            ResponseKind.Optional => $"The value written as the response's <c>{SourceWriter.Xml(endpoint.Response.Element)}</c> element, or null for a status only.",
            ResponseKind.Value => $"The text written as the response's <c>{SourceWriter.Xml(endpoint.Response.Element)}</c> element, or null for a status only.",
            _ => null,
        };
        if (returns is not null)
        {
            writer.Line($"/// <returns>{returns}</returns>");
        }

        writer.Line($"/// <exception cref=\"{Fault}\">The call is refused; XPM answers it with an ERROR envelope.</exception>");
        writer.Line($"public virtual {ResultType(endpoint)} {MethodName(endpoint)}({string.Join(", ", EndpointSignature.Parameters(endpoint, optionalDefaults: false))}) =>");
        writer.Indent();
        writer.Line($"throw {Fault}.NotSimulated({KnownTypes.XpmEndpoints}.{unit.Resource}.{ResourceEmitter.QualifiedName(endpoint)});");
        writer.Unindent();
    }

    private static void EmitRoute(SourceWriter writer, ResourceUnit unit, BoundEndpoint endpoint)
    {
        writer.Line($"new {Route}({KnownTypes.XpmEndpoints}.{unit.Resource}.{ResourceEmitter.QualifiedName(endpoint)}, static call =>");
        writer.Line("{");
        writer.Indent();
        var arguments = new List<string>();
        foreach (var parameter in endpoint.PathParameters)
        {
            arguments.Add($"call.Path({SourceWriter.Literal(parameter.Placeholder)})");
        }

        if (endpoint.Request is { } request)
        {
            arguments.Add($"call.Body({SourceWriter.Literal(request.Element)}, {KnownTypes.Serializer(request.Type)}.Read, {KnownTypes.Serializer(request.Type)}.Write)");
        }

        foreach (var parameter in BoundParameters.InMethodOrder(endpoint.Query))
        {
            arguments.Add($"call.{(parameter.Required ? "Required" : "Optional")}{QueryAccessor(parameter.Type)}({SourceWriter.Literal(parameter.Placeholder)})");
        }

        var invocation = $"call.Apis.{unit.Resource}.{MethodName(endpoint)}({string.Join(", ", arguments)})";
        var response = endpoint.Response;
        switch (response.Kind)
        {
            case ResponseKind.None:
                writer.Line(invocation + ";");
                writer.Line($"return {Payload}.None;");
                break;
            case ResponseKind.Value:
                writer.Line($"return {Payload}.Value({SourceWriter.Literal(response.Element)}, {invocation});");
                break;
            case ResponseKind.List:
            case ResponseKind.Page:
                // A page is written as the list; a behaviour returning a SandboxPage adds the Pagination links itself.
                writer.Line($"return {Payload}.List({SourceWriter.Literal(response.Element)}, {SourceWriter.Literal(response.Item)}, {invocation}, {KnownTypes.Serializer(response.Type!)}.Write);");
                break;
            case ResponseKind.Optional:
                writer.Line($"return {Payload}.Optional({SourceWriter.Literal(response.Element)}, {invocation}, {KnownTypes.Serializer(response.Type!)}.Write);");
                break;
            default:
                writer.Line($"return {Payload}.Single({SourceWriter.Literal(response.Element)}, {invocation}, {KnownTypes.Serializer(response.Type!)}.Write);");
                break;
        }

        writer.Unindent();
        writer.Line("}),");
    }

    private static string QueryAccessor(ParameterType type) => type switch
    {
        ParameterType.Int => "Int",
        ParameterType.Boolean => "Boolean",
        ParameterType.Date => "Date",
        ParameterType.DateTime => "DateTime",
        _ => "String",
    };

    /// <summary>
    /// The behaviour method's own result type, independent of the client's: a paged list is any sequence of items (a
    /// <c>SandboxPage</c> adds its links), where the client reads an <c>XpmPage</c>.
    /// </summary>
    private static string ResultType(BoundEndpoint endpoint) => endpoint.Response.Kind switch
    {
        ResponseKind.List or ResponseKind.Page => $"{Enumerable}<{KnownTypes.Model(endpoint.Response.Type!)}>",
        ResponseKind.Single => KnownTypes.Model(endpoint.Response.Type!),
        ResponseKind.Optional => KnownTypes.Model(endpoint.Response.Type!) + "?",
        ResponseKind.Value => "string?",
        _ => "void",
    };
}
