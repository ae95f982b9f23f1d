using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits JSON writers for the models of one XSD file (<c>XpmGenOutput=Cli</c>): one <c>XpmJson.Write</c> overload per
/// model, on <see cref="System.Text.Json.Utf8JsonWriter"/>, reflection-free. Properties are camelCase; null values and
/// empty lists are left out; dates are ISO (<c>2026-12-01</c>), date-times <c>2026-12-01T09:30:00</c>, times
/// <c>HH:mm</c>. The hidden <c>...Xml</c> text twins are never written. Pure: unit in, text out.
/// </summary>
internal static class JsonEmitter
{
    public const string Namespace = "XpmGen.Cli";

    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";

    public static string Emit(ModelUnit unit, CancellationToken cancellationToken)
    {
        var writer = SourceWriter.ForFile("schema/models/" + unit.SourceFile);
        writer.OpenBlock("namespace " + Namespace);
        writer.OpenBlock("internal static partial class XpmJson");
        var first = true;
        foreach (var model in unit.Classes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitWriter(writer, model);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitWriter(SourceWriter writer, ModelClass model)
    {
        writer.Line($"/// <summary>Writes a <see cref=\"{KnownTypes.Model(model.Name)}\"/> as a JSON object.</summary>");
        // The class is partial across files; the attribute goes on each method instead.
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock($"public static void Write({Writer} writer, {KnownTypes.Model(model.Name)} value)");
        writer.Line("writer.WriteStartObject();");
        foreach (var property in model.Properties)
        {
            var name = SourceWriter.Literal(JsonName(property.PropertyName));
            var access = "value." + property.PropertyName;
            switch (property.Shape)
            {
                case MemberShape.WrappedList:
                case MemberShape.RepeatedElement:
                    writer.OpenBlock($"if ({access} is {{ Count: > 0 }})");
                    writer.Line($"writer.WriteStartArray({name});");
                    writer.OpenBlock($"foreach (var item in {access})");
                    writer.Line(property.Kind == ValueKind.Complex ? "Write(writer, item);" : "writer.WriteStringValue(item);");
                    writer.CloseBlock();
                    writer.Line();
                    writer.Line("writer.WriteEndArray();");
                    writer.CloseBlock();
                    break;
                default:
                    writer.OpenBlock($"if ({access} is {{ }} {Local(property)})");
                    writer.Line(WriteValue(property, name, Local(property)));
                    writer.CloseBlock();
                    break;
            }
        }

        writer.Line("writer.WriteEndObject();");
        writer.CloseBlock();
    }

    private static string WriteValue(ModelProperty property, string name, string local)
    {
        if (property.Kind == ValueKind.Complex)
        {
            return $"writer.WritePropertyName({name}); Write(writer, {local});";
        }

        return property.Kind switch
        {
            ValueKind.Int or ValueKind.Decimal => $"writer.WriteNumber({name}, {local});",
            ValueKind.Boolean or ValueKind.YesNo => $"writer.WriteBoolean({name}, {local});",
            ValueKind.DateTime => $"writer.WriteString({name}, {KnownTypes.XpmValueFormat}.FormatDateTime({local}));",
            ValueKind.IsoDate or ValueKind.CompactDate => $"writer.WriteString({name}, {KnownTypes.XpmValueFormat}.FormatIsoDate({local}));",
            ValueKind.Time => $"writer.WriteString({name}, {KnownTypes.XpmValueFormat}.FormatTime({local}));",
            _ => $"writer.WriteString({name}, {local});",
        };
    }

    /// <summary>camelCase of a C# property name: <c>GstRegistered</c> → <c>gstRegistered</c>.</summary>
    internal static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    // "item" and "value" are taken; a prefix no property name starts with keeps locals distinct.
    private static string Local(ModelProperty property) => "p" + property.PropertyName;
}
