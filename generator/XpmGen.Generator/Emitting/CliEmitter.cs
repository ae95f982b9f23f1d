using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits the <c>xpm</c> commands of one resource (<c>XpmGenOutput=Cli</c>): <c>xpm &lt;facade&gt; [&lt;group&gt;] &lt;operation&gt;</c>
/// in kebab-case, path parameters as arguments, query parameters as options, and for a write <c>--body FILE</c> or one
/// option per simple field of its request type. Each command builds the request with the client's request builder
/// and hands it to the CLI's <c>CliContext.Bind</c>, which sends it and writes the answer. Pure: unit in, text out.
/// </summary>
internal static class CliEmitter
{
    public const string Namespace = "XpmGen.Cli.Commands";

    private const string Command = "global::System.CommandLine.Command";
    private const string Argument = "global::System.CommandLine.Argument";
    private const string Context = "global::XpmGen.Cli.CliContext";
    private const string Options = "global::XpmGen.Cli.CliOptions";
    private const string Json = "global::XpmGen.Cli.XpmJson";

    /// <summary>Option names the tool itself uses; a field or parameter with one of them gets a <c>field-</c> prefix.</summary>
    private static readonly HashSet<string> Reserved = new(System.StringComparer.Ordinal)
    {
        "body", "output", "tenant", "sandbox", "base-url", "verbose", "help", "version",
    };

    public static string Emit(CliUnit unit, CancellationToken cancellationToken)
    {
        var resource = unit.Resource;
        var writer = OpenFile("schema/endpoints/" + resource.SourceFile);
        var facade = Kebab(resource.Facade);
        writer.Line($"/// <summary><c>xpm {facade}</c>: the operations of <c>{SourceWriter.Xml(resource.ApiPath)}</c>.</summary>");
        writer.OpenBlock($"internal static {Command} {resource.Facade}({Context} cli)");
        writer.Line($"var command = new {Command}({SourceWriter.Literal(facade)}, {SourceWriter.Literal(OneLine(resource.Description) ?? "The operations of " + resource.ApiPath + ".")});");
        foreach (var endpoint in resource.Endpoints.Where(static e => e.Group is null))
        {
            writer.Line($"command.Subcommands.Add({MethodName(resource, endpoint)}(cli));");
        }

        foreach (var group in resource.Endpoints.Where(static e => e.Group is not null).GroupBy(static e => e.Group!, System.StringComparer.Ordinal))
        {
            var local = "group" + group.Key;
            writer.Line($"var {local} = new {Command}({SourceWriter.Literal(Kebab(group.Key))}, {SourceWriter.Literal($"The {group.Key} operations of {resource.ApiPath}.")});");
            foreach (var endpoint in group)
            {
                writer.Line($"{local}.Subcommands.Add({MethodName(resource, endpoint)}(cli));");
            }

            writer.Line($"command.Subcommands.Add({local});");
        }

        writer.Line("return command;");
        writer.CloseBlock();

        writer.Line();
        writer.Line($"/// <summary>The command line that calls each operation of <c>{SourceWriter.Xml(resource.ApiPath)}</c>.</summary>");
        writer.Line($"internal static global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<{KnownTypes.XpmEndpoint}, string>> {resource.Facade}Usage() => new[]");
        writer.Line("{");
        writer.Indent();
        foreach (var endpoint in resource.Endpoints)
        {
            writer.Line($"new global::System.Collections.Generic.KeyValuePair<{KnownTypes.XpmEndpoint}, string>({KnownTypes.XpmEndpoints}.{resource.Resource}.{ResourceEmitter.QualifiedName(endpoint)}, {SourceWriter.Literal(Usage(resource, endpoint))}),");
        }

        writer.Unindent();
        writer.Line("};");

        foreach (var endpoint in resource.Endpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            EmitOperation(writer, unit, endpoint);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>Emits the list of every resource command and the usage catalogue.</summary>
    public static string EmitCatalogue(ClientUnit unit)
    {
        var writer = OpenFile("schema/endpoints", catalogue: true);
        writer.Line("/// <summary>Every resource command of the schema, in schema order.</summary>");
        writer.OpenBlock($"internal static global::System.Collections.Generic.IEnumerable<{Command}> All({Context} cli)");
        foreach (var resource in unit.Resources)
        {
            writer.Line($"yield return {resource.Facade}(cli);");
        }

        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>The command line that calls each operation, by endpoint.</summary>");
        writer.OpenBlock($"internal static global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<{KnownTypes.XpmEndpoint}, string>> Usage()");
        foreach (var resource in unit.Resources)
        {
            writer.OpenBlock($"foreach (var usage in {resource.Facade}Usage())");
            writer.Line("yield return usage;");
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    // The class is partial across files and an attribute may stand once: only the catalogue's part carries it.
    private static SourceWriter OpenFile(string origin, bool catalogue = false)
    {
        var writer = SourceWriter.ForFile(origin);
        writer.OpenBlock("namespace " + Namespace);
        if (catalogue)
        {
            writer.Line("/// <summary>The <c>xpm</c> commands generated from the schema: one per operation, grouped by resource.</summary>");
            writer.Line(KnownTypes.GeneratedCode);
        }

        writer.OpenBlock("internal static partial class GeneratedCommands");
        return writer;
    }

    private static void EmitOperation(SourceWriter writer, CliUnit unit, BoundEndpoint endpoint)
    {
        var resource = unit.Resource;
        writer.Line($"/// <summary><c>{SourceWriter.Xml(Usage(resource, endpoint))}</c>: <c>{endpoint.Method} {SourceWriter.Xml(endpoint.PathTemplate)}</c>.</summary>");
        writer.OpenBlock($"private static {Command} {MethodName(resource, endpoint)}({Context} cli)");
        var members = new List<string>();
        var taken = new HashSet<string>(Reserved, System.StringComparer.Ordinal);

        foreach (var parameter in endpoint.PathParameters)
        {
            var local = "arg" + Pascal(parameter.CSharpName);
            writer.Line($"var {local} = new {Argument}<string>({SourceWriter.Literal(Kebab(parameter.CSharpName))}) {{ Description = {SourceWriter.Literal(OneLine(parameter.Description))} }};");
            members.Add(local);
        }

        var query = new List<(BoundParameter Parameter, string Local)>();
        foreach (var parameter in BoundParameters.InMethodOrder(endpoint.Query))
        {
            var local = "opt" + Pascal(parameter.CSharpName);
            var name = UniqueOption(Kebab(parameter.CSharpName), taken);
            var factory = parameter.Type switch
            {
                ParameterType.Boolean => "Flag",
                ParameterType.Int => "Int",
                ParameterType.Date => "Date",
                ParameterType.DateTime => "DateTime",
                _ => "Text",
            };
            writer.Line($"var {local} = {Options}.{factory}({SourceWriter.Literal("--" + name)}, {SourceWriter.Literal(OneLine(parameter.Description))}, required: {(parameter.Required ? "true" : "false")});");
            members.Add(local);
            query.Add((parameter, local));
        }

        var fields = new List<(ModelProperty Field, string Local)>();
        if (endpoint.Request is { } request)
        {
            writer.Line($"var optBody = {Options}.Body({SourceWriter.Literal(request.Element)});");
            members.Add("optBody");
            var type = unit.RequestTypes.FirstOrDefault(t => t.Type == request.Type);
            foreach (var field in type?.Fields ?? EquatableArray<ModelProperty>.Empty)
            {
                var local = "field" + field.PropertyName;
                var name = UniqueOption(Kebab(field.PropertyName), taken);
                var description = OneLine(field.Documentation) ?? $"The <{field.XmlName}> element of the body.";
                writer.Line($"var {local} = {Options}.{FieldFactory(field.Kind)}({SourceWriter.Literal("--" + name)}, {SourceWriter.Literal(description)});");
                members.Add(local);
                fields.Add((field, local));
            }
        }

        var summary = OneLine(endpoint.Summary) ?? $"Calls {endpoint.Method} {endpoint.PathTemplate}.";
        writer.Line($"var command = new {Command}({SourceWriter.Literal(Kebab(endpoint.Name))}, {SourceWriter.Literal(summary + " (" + endpoint.Method + " " + endpoint.PathTemplate + ")")});");
        foreach (var member in members)
        {
            writer.Line(member.StartsWith("arg", System.StringComparison.Ordinal)
                ? $"command.Arguments.Add({member});"
                : $"command.Options.Add({member});");
        }

        var arguments = new List<string>();
        foreach (var parameter in endpoint.PathParameters)
        {
            arguments.Add($"parse.GetValue(arg{Pascal(parameter.CSharpName)})!");
        }

        if (endpoint.Request is { } body)
        {
            var model = KnownTypes.Model(body.Type);
            var fieldList = fields.Count == 0 ? $"global::System.Array.Empty<global::System.CommandLine.Option>()" : "new global::System.CommandLine.Option[] { " + string.Join(", ", fields.Select(static f => f.Local)) + " }";
            var init = fields.Count == 0
                ? $"new {model}()"
                : $"new {model} {{ " + string.Join(", ", fields.Select(static f => $"{f.Field.PropertyName} = parse.GetValue({f.Local})")) + " }";
            arguments.Add($"cli.Body(parse, optBody, {SourceWriter.Literal(body.Element)}, {KnownTypes.Serializer(body.Type)}.Read, {fieldList}, () => {init})");
        }

        foreach (var (parameter, local) in query)
        {
            arguments.Add(parameter.Type == ParameterType.Boolean
                ? $"{Options}.FlagValue(parse, {local})"
                : parameter.Required ? $"parse.GetValue({local}){(parameter.Type == ParameterType.String ? "!" : "!.Value")}" : $"parse.GetValue({local})");
        }

        var builder = $"{KnownTypes.RootNamespace}.{resource.Resource}Requests.{ResourceEmitter.QualifiedName(endpoint)}";
        var resultType = ResourceEmitter.ResultType(endpoint);
        writer.Line($"cli.Bind<{resultType}>(command, parse => global::{builder}({string.Join(", ", arguments)}), {JsonWriter(endpoint)});");
        writer.Line("return command;");
        writer.CloseBlock();
    }

    private static string JsonWriter(BoundEndpoint endpoint) => endpoint.Response.Kind switch
    {
        ResponseKind.List => $"static (writer, value) => {Json}.WriteList(writer, value, {Json}.Write)",
        ResponseKind.Page => $"static (writer, value) => {Json}.WritePage(writer, value, {Json}.Write)",
        ResponseKind.Single => $"static (writer, value) => {Json}.Write(writer, value)",
        ResponseKind.Optional => $"static (writer, value) => {Json}.WriteOptional(writer, value, {Json}.Write)",
        ResponseKind.Value => $"static (writer, value) => {Json}.WriteValue(writer, {SourceWriter.Literal(JsonEmitter.JsonName(Binding.Naming.ToPascalCase(endpoint.Response.Element!)))}, value)",
        _ => $"static (writer, value) => {Json}.WriteNone(writer)",
    };

    private static string FieldFactory(ValueKind kind) => kind switch
    {
        ValueKind.Int => "Int",
        ValueKind.Decimal => "Decimal",
        ValueKind.Boolean or ValueKind.YesNo => "Boolean",
        ValueKind.DateTime => "DateTime",
        ValueKind.IsoDate or ValueKind.CompactDate => "Date",
        ValueKind.Time => "Time",
        _ => "Text",
    };

    /// <summary>The command line that calls an endpoint: <c>xpm clients contacts get &lt;uuid&gt;</c>.</summary>
    internal static string Usage(ResourceUnit resource, BoundEndpoint endpoint)
    {
        var parts = new List<string> { "xpm", Kebab(resource.Facade) };
        if (endpoint.Group is not null)
        {
            parts.Add(Kebab(endpoint.Group));
        }

        parts.Add(Kebab(endpoint.Name));
        parts.AddRange(endpoint.PathParameters.Select(static p => "<" + Kebab(p.CSharpName) + ">"));
        return string.Join(" ", parts);
    }

    private static string MethodName(ResourceUnit resource, BoundEndpoint endpoint) =>
        resource.Facade + (endpoint.Group ?? string.Empty) + endpoint.Name;

    private static string UniqueOption(string name, HashSet<string> taken)
    {
        var unique = taken.Contains(name) ? "field-" + name : name;
        taken.Add(unique);
        return unique;
    }

    /// <summary>kebab-case of a C# name: <c>ListByClient</c> → <c>list-by-client</c>, <c>staffUuid</c> → <c>staff-uuid</c>.</summary>
    internal static string Kebab(string name)
    {
        var builder = new StringBuilder();
        var text = name.TrimStart('@');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsUpper(c))
            {
                var previousLower = i > 0 && (char.IsLower(text[i - 1]) || char.IsDigit(text[i - 1]));
                var nextLower = i > 0 && i + 1 < text.Length && char.IsUpper(text[i - 1]) && char.IsLower(text[i + 1]);
                if (previousLower || nextLower)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Pascal(string name)
    {
        var text = name.TrimStart('@');
        return char.ToUpperInvariant(text[0]) + text.Substring(1);
    }

    private static string? OneLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(" ", text!.Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
}
