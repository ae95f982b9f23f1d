using System.Collections.Generic;
using System.Linq;
using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits the typed stubs of the testing kit (<c>XpmGenOutput=Testing</c>): per resource a class with one stub property
/// per operation (groups as nested stub classes), each a hand-written generic stub of <c>XpmGen.Testing</c> given the
/// endpoint, the element names and the generated writer and reader; and the <c>XpmFake</c> partial with one property
/// per facade. Thin on purpose: behaviour lives in the kit, the schema only says which stub and which delegates.
/// Pure: unit in, text out.
/// </summary>
internal static class TestingEmitter
{
    public const string Namespace = "XpmGen.Testing";

    private const string Fake = "global::XpmGen.Testing.XpmFake";
    private const string NoBody = "global::XpmGen.Testing.XpmNoBody";

    public static string Emit(ResourceUnit unit, CancellationToken cancellationToken)
    {
        var writer = OpenFile("schema/endpoints/" + unit.SourceFile);
        var groups = unit.Endpoints.Where(static e => e.Group is not null).Select(static e => e.Group!).Distinct().ToList();
        EmitClass(writer, unit, ClassName(unit.Resource, null), $"fake.{unit.Facade}", null, groups, cancellationToken);
        foreach (var group in groups)
        {
            writer.Line();
            EmitClass(writer, unit, ClassName(unit.Resource, group), $"fake.{unit.Facade}.{group}", group, System.Array.Empty<string>(), cancellationToken);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>Emits the <c>XpmFake</c> partial: one property per facade, and the method that creates every stub.</summary>
    public static string EmitFake(ClientUnit unit)
    {
        var writer = OpenFile("schema/endpoints");
        writer.OpenBlock("public sealed partial class XpmFake");
        foreach (var resource in unit.Resources)
        {
            writer.Line($"private global::XpmGen.Testing.{ClassName(resource.Resource, null)}? {Field(resource)};");
        }

        foreach (var resource in unit.Resources)
        {
            writer.Line();
            writer.Line($"/// <summary>The stubs of the <c>{SourceWriter.Xml(resource.ApiPath)}</c> operations, as <c>xpm.{resource.Facade}</c> calls them.</summary>");
            writer.Line($"public global::XpmGen.Testing.{ClassName(resource.Resource, null)} {resource.Facade} => {Field(resource)}!;");
        }

        writer.Line();
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("partial void CreateStubs()");
        foreach (var resource in unit.Resources)
        {
            writer.Line($"{Field(resource)} = new global::XpmGen.Testing.{ClassName(resource.Resource, null)}(this);");
        }

        writer.CloseBlock();
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

    private static string ClassName(string resource, string? group) => resource + group + "Stubs";

    private static string Field(ClientResource resource) => "_" + char.ToLowerInvariant(resource.Facade[0]) + resource.Facade.Substring(1);

    private static void EmitClass(SourceWriter writer, ResourceUnit unit, string className, string property, string? group, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var endpoints = unit.Endpoints.Where(e => e.Group == group).ToList();
        var what = group is null ? string.Empty : SourceWriter.Xml(group) + " ";
        writer.Line($"/// <summary>The stubs of the {what}<c>{SourceWriter.Xml(unit.ApiPath)}</c> operations in an <see cref=\"{Fake}\"/>: <c>{SourceWriter.Xml(property)}</c>.</summary>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"public sealed partial class {className}");
        writer.OpenBlock($"internal {className}({Fake} fake)");
        foreach (var endpoint in endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line($"{endpoint.Name} = new {StubType(endpoint)}({string.Join(", ", Arguments(unit, endpoint, property))});");
        }

        foreach (var nested in groups)
        {
            writer.Line($"{nested} = new global::XpmGen.Testing.{ClassName(unit.Resource, nested)}(fake);");
        }

        writer.CloseBlock();
        foreach (var endpoint in endpoints)
        {
            writer.Line();
            writer.Line($"/// <summary><c>{endpoint.Method} {SourceWriter.Xml(endpoint.PathTemplate)}</c>: {SourceWriter.Xml(endpoint.Summary)}</summary>");
            writer.Line($"public {StubType(endpoint)} {endpoint.Name} {{ get; }}");
        }

        foreach (var nested in groups)
        {
            writer.Line();
            writer.Line($"/// <summary>The stubs of the {SourceWriter.Xml(nested)} operations of <c>{SourceWriter.Xml(unit.ApiPath)}</c>.</summary>");
            writer.Line($"public global::XpmGen.Testing.{ClassName(unit.Resource, nested)} {nested} {{ get; }}");
        }

        writer.CloseBlock();
    }

    private static string Body(BoundEndpoint endpoint) => endpoint.Request is { } request ? KnownTypes.Model(request.Type) : NoBody;

    private static string StubType(BoundEndpoint endpoint)
    {
        var body = Body(endpoint);
        var response = endpoint.Response;
        return response.Kind switch
        {
            ResponseKind.List or ResponseKind.Page => $"global::XpmGen.Testing.XpmListStub<{KnownTypes.Model(response.Type!)}, {body}>",
            ResponseKind.Single or ResponseKind.Optional => $"global::XpmGen.Testing.XpmItemStub<{KnownTypes.Model(response.Type!)}, {body}>",
            ResponseKind.Value => $"global::XpmGen.Testing.XpmValueStub<{body}>",
            _ => $"global::XpmGen.Testing.XpmStatusStub<{body}>",
        };
    }

    private static IEnumerable<string> Arguments(ResourceUnit unit, BoundEndpoint endpoint, string property)
    {
        yield return "fake";
        yield return $"{KnownTypes.XpmEndpoints}.{unit.Resource}.{ResourceEmitter.QualifiedName(endpoint)}";
        yield return SourceWriter.Literal(property + "." + endpoint.Name);
        var response = endpoint.Response;
        switch (response.Kind)
        {
            case ResponseKind.List:
            case ResponseKind.Page:
                yield return SourceWriter.Literal(response.Element);
                yield return SourceWriter.Literal(response.Item);
                yield return KnownTypes.Serializer(response.Type!) + ".Write";
                break;
            case ResponseKind.Single:
            case ResponseKind.Optional:
                yield return SourceWriter.Literal(response.Element);
                yield return KnownTypes.Serializer(response.Type!) + ".Write";
                break;
            case ResponseKind.Value:
                yield return SourceWriter.Literal(response.Element);
                break;
        }

        if (endpoint.Request is { } request)
        {
            yield return "requestElement: " + SourceWriter.Literal(request.Element);
            yield return "readRequest: " + KnownTypes.Serializer(request.Type) + ".Read";
        }
    }
}
