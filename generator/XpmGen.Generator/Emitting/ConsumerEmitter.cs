using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits what an application's own schema adds beside the packaged client (<c>XpmGenOutput=Consumer</c>): the catalogue of
/// its endpoints (<c>XpmEndpoints.All</c> in its namespace) and one extension method per resource on the runtime's
/// <c>XpmClient</c>, which hands out the resource's facade. It never emits <c>XpmClient</c>, <c>IXpmClient</c> or any other
/// type of the runtime, so a consumer's compilation holds each of those once.
/// </summary>
internal static class ConsumerEmitter
{
    /// <summary>The static class, in the consumer's root namespace, that carries the facade extension methods.</summary>
    public const string ExtensionsClass = "XpmClientExtensions";

    public static string Emit(ClientUnit unit, CodeNames names)
    {
        var writer = SourceWriter.ForFile("schema/endpoints");
        writer.OpenBlock("namespace " + names.Root);
        writer.Line($"/// <summary>The facades of this application's own XPM endpoints, sent through the packaged <see cref=\"{KnownTypes.XpmClient}\"/>.</summary>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("public static partial class " + ExtensionsClass);
        var first = true;
        foreach (var resource in unit.Resources)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line($"/// <summary>The <c>{SourceWriter.Xml(resource.ApiPath)}</c> endpoints, sent through <paramref name=\"client\"/>: see <see cref=\"{names.InRoot("I" + resource.Resource + "Api")}\"/>.</summary>");
            writer.Line("/// <param name=\"client\">The client that sends the calls, with its tenant, tokens, limits and retries.</param>");
            writer.Line("/// <returns>A facade over <paramref name=\"client\"/>; it holds no state of its own, so it may be kept or made again.</returns>");
            writer.Line($"/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"client\"/> is <see langword=\"null\"/>.</exception>");
            writer.OpenBlock($"public static {names.InRoot(resource.Resource + "Api")} {resource.Facade}(this {KnownTypes.XpmClient} client)");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
            writer.Line($"return new {names.InRoot(resource.Resource + "Api")}(client);");
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.Line();
        ClientEmitter.EmitCatalogue(writer, unit);
        writer.CloseBlock();
        return writer.ToString();
    }
}
