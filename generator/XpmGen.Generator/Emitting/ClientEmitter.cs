using System.Linq;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits the resource facade properties of <c>IXpmClient</c> and <c>XpmClient</c>, and the <c>XpmEndpoints.All</c> catalogue.
/// Its unit holds only names, so editing an endpoint's path, scopes or docs leaves this output cached.
/// </summary>
internal static class ClientEmitter
{
    public static string Emit(ClientUnit unit)
    {
        var writer = SourceWriter.ForFile("schema/endpoints");
        writer.OpenBlock("namespace " + KnownTypes.RootNamespace);
        // The interface's other members (SendAsync, ForTenant, ...) are hand-written in the runtime's IXpmClient.cs.
        writer.OpenBlock("public partial interface IXpmClient");
        var first = true;
        foreach (var resource in unit.Resources)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line($"/// <summary>The <c>{SourceWriter.Xml(resource.ApiPath)}</c> endpoints: see <see cref=\"global::XpmGen.I{resource.Resource}Api\"/>.</summary>");
            writer.Line($"global::XpmGen.I{resource.Resource}Api {resource.Facade} {{ get; }}");
        }

        writer.CloseBlock();
        writer.Line();
        writer.OpenBlock("public sealed partial class XpmClient");
        first = true;
        foreach (var resource in unit.Resources)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var field = "_" + char.ToLowerInvariant(resource.Facade[0]) + resource.Facade.Substring(1);
            writer.Line($"private global::XpmGen.{resource.Resource}Api? {field};");
            writer.Line();
            // Names only (not the resource description), so editing a YAML file's prose leaves this output cached.
            writer.Line($"/// <summary>The <c>{SourceWriter.Xml(resource.ApiPath)}</c> endpoints: see <see cref=\"global::XpmGen.{resource.Resource}Api\"/>.</summary>");
            writer.Line($"public global::XpmGen.{resource.Resource}Api {resource.Facade} => {field} ??= new global::XpmGen.{resource.Resource}Api(this);");
            writer.Line();
            // Explicit, so the class keeps its concrete facade type and the interface hands out the facade's interface.
            writer.Line($"global::XpmGen.I{resource.Resource}Api global::XpmGen.IXpmClient.{resource.Facade} => {resource.Facade};");
        }

        writer.CloseBlock();
        writer.Line();
        EmitCatalogue(writer, unit);
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>The <c>XpmEndpoints.All</c> list of one schema's endpoints, in the namespace the writer has open.</summary>
    internal static void EmitCatalogue(SourceWriter writer, ClientUnit unit)
    {
        writer.Line("/// <summary>The catalogue of every XPM endpoint the schema describes: verb, path and accepted OAuth scopes.</summary>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("public static partial class XpmEndpoints");
        writer.Line("/// <summary>Every endpoint, ordered by resource and then as the schema lists them.</summary>");
        writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<{KnownTypes.XpmEndpoint}> All {{ get; }} = new {KnownTypes.XpmEndpoint}[]");
        writer.Line("{");
        writer.Indent();
        foreach (var resource in unit.Resources)
        {
            foreach (var endpoint in resource.EndpointNames)
            {
                writer.Line($"{resource.Resource}.{endpoint},");
            }
        }

        writer.Unindent();
        writer.Line("};");
        writer.CloseBlock();
    }
}
