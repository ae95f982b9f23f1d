using System.Collections.Generic;
using System.Linq;
using System.Threading;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Emits the model classes of one XSD file and, for each, a reflection-free XML reader and writer.
/// Pure: unit and namespaces in, text out.
/// </summary>
internal sealed class ModelEmitter
{
    private readonly CodeNames _names;

    private ModelEmitter(CodeNames names) => _names = names;

    public static string Emit(ModelUnit unit, CodeNames names, CancellationToken cancellationToken) =>
        new ModelEmitter(names.WithExternal(unit.ExternalTypes)).EmitUnit(unit, cancellationToken);

    private string EmitUnit(ModelUnit unit, CancellationToken cancellationToken)
    {
        var writer = SourceWriter.ForFile("schema/models/" + unit.SourceFile);
        writer.OpenBlock("namespace " + _names.Models);
        for (var i = 0; i < unit.Classes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i > 0)
            {
                writer.Line();
            }

            EmitClass(writer, unit.Classes[i]);
        }

        writer.CloseBlock();
        writer.Line();
        writer.OpenBlock("namespace " + _names.Serialization);
        for (var i = 0; i < unit.Classes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i > 0)
            {
                writer.Line();
            }

            EmitSerializer(writer, unit.Classes[i]);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private void EmitClass(SourceWriter writer, ModelClass model)
    {
        writer.Summary(model.Documentation ?? $"The XPM {model.Name} entity.");
        writer.Line(KnownTypes.GeneratedCode);
        writer.OpenBlock("public sealed partial class " + model.Name);
        var first = true;
        foreach (var property in model.Properties)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitProperty(writer, property);
        }

        writer.CloseBlock();
    }

    private void EmitProperty(SourceWriter writer, ModelProperty property)
    {
        var documentation = Documentation(property);
        var xmlName = SourceWriter.Literal(property.XmlName);
        switch (property.Shape)
        {
            // Lists are never null: XPM omits empty lists as freely as it writes them empty, and
            // XmlSerializer creates every list anyway, so absent and empty read the same everywhere.
            case MemberShape.WrappedList:
                writer.Line($"internal {ListType(property)} {Field(property)} = new {ListType(property)}();");
                writer.Line();
                writer.Summary(documentation, "Empty when XPM omits the list or sends it empty; an empty list is not written.");
                writer.Line($"[{KnownTypes.XmlSerialization}.XmlArray({xmlName})]");
                writer.Line($"[{KnownTypes.XmlSerialization}.XmlArrayItem({SourceWriter.Literal(property.ItemXmlName)})]");
                writer.Line($"public {ListType(property)} {property.PropertyName} {{ get => {Field(property)}; set => {Field(property)} = value; }}");
                return;
            case MemberShape.RepeatedElement:
                writer.Line($"internal {ListType(property)} {Field(property)} = new {ListType(property)}();");
                writer.Line();
                writer.Summary(documentation, "Empty when the element does not occur.");
                writer.Line($"[{KnownTypes.XmlSerialization}.XmlElement({xmlName})]");
                writer.Line($"public {ListType(property)} {property.PropertyName} {{ get => {Field(property)}; set => {Field(property)} = value; }}");
                return;
        }

        // Every member has a named field the generated reader assigns directly: a first read in a process then
        // compiles one method per model instead of one more per property setter (the JIT does not inline at tier 0).

        var serializerAttribute = property.Shape == MemberShape.Attribute ? "XmlAttribute" : "XmlElement";
        if (property.Kind == ValueKind.Complex)
        {
            writer.Line($"internal {_names.Model(property.ComplexType!)}? {Field(property)};");
            writer.Line();
            writer.Summary(documentation);
            writer.Line($"[{KnownTypes.XmlSerialization}.{serializerAttribute}({xmlName})]");
            writer.Line($"public {_names.Model(property.ComplexType!)}? {property.PropertyName} {{ get => {Field(property)}; set => {Field(property)} = value; }}");
            return;
        }

        if (property.Kind == ValueKind.String)
        {
            var field = Field(property);
            writer.Line($"internal string? {field};");
            writer.Line();
            writer.Summary(documentation, "Empty text in the XML reads as null.");
            writer.Line($"[{KnownTypes.XmlSerialization}.{serializerAttribute}({xmlName})]");
            writer.Line($"public string? {property.PropertyName} {{ get => {field}; set => {field} = {KnownTypes.XpmValueFormat}.EmptyToNull(value); }}");
            return;
        }

        // Typed values keep a hidden string twin so that XmlSerializer reads and writes XPM's own
        // vocabularies (Yes/No, yyyyMMdd, HH:mm...) and tolerates empty elements, exactly as the generated reader does.
        var suffix = FormatSuffix(property.Kind);
        writer.Line($"internal {ValueType(property.Kind)}? {Field(property)};");
        writer.Line();
        writer.Summary(documentation);
        writer.Line($"[{KnownTypes.XmlSerialization}.XmlIgnore]");
        writer.Line($"public {ValueType(property.Kind)}? {property.PropertyName} {{ get => {Field(property)}; set => {Field(property)} = value; }}");
        writer.Line();
        writer.Line($"/// <summary>The wire text of <see cref=\"{property.PropertyName}\"/>, for <see cref=\"{KnownTypes.XmlSerialization}.XmlSerializer\"/>; use <see cref=\"{property.PropertyName}\"/> instead.</summary>");
        writer.Line($"[{KnownTypes.XmlSerialization}.{serializerAttribute}({xmlName})]");
        writer.Line(KnownTypes.JsonIgnore);
        writer.Line(KnownTypes.EditorBrowsableNever);
        writer.Line($"public string? {property.PropertyName}Xml");
        writer.Line("{");
        writer.Indent();
        writer.Line($"get => {property.PropertyName} is {{ }} value ? {KnownTypes.XpmValueFormat}.Format{suffix}(value) : null;");
        writer.Line($"set => {property.PropertyName} = {KnownTypes.XpmValueFormat}.Parse{suffix}(value);");
        writer.Unindent();
        writer.Line("}");
    }

    private void EmitSerializer(SourceWriter writer, ModelClass model)
    {
        var modelType = _names.Model(model.Name);
        writer.Line($"/// <summary>Reads and writes <see cref=\"{modelType}\"/> as XML, without reflection.</summary>");
        // Public for the generated code of other assemblies (request builders, sandbox, CLI, test kit), not for app code.
        writer.Line("/// <remarks>Part of the generator's extension API, hidden from IntelliSense; the client's methods read and write the model.</remarks>");
        writer.Line(KnownTypes.GeneratedCode);
        writer.Line(KnownTypes.EditorBrowsableNever);
        writer.OpenBlock($"public static partial class {model.Name}Xml");
        var elements = model.Properties.Where(static p => p.Shape != MemberShape.Attribute).ToList();
        if (elements.Count > 0)
        {
            // The element names in schema order: Read dispatches on a member's index (a jump table), not on its name.
            writer.Line($"private static readonly {KnownTypes.XpmMemberNames} ElementNames = new({SourceWriter.Literal(string.Join(" ", elements.Select(static p => p.XmlName)))});");
            writer.Line();
        }

        EmitReader(writer, model, modelType, elements);
        writer.Line();
        EmitWriter(writer, model, modelType);
        writer.CloseBlock();
    }

    private void EmitReader(SourceWriter writer, ModelClass model, string modelType, List<ModelProperty> elements)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Reads the element the reader is on into a new <see cref=\"{modelType}\"/> and moves past its end.");
        writer.Line("/// Children are matched by name in any order; unknown children are skipped.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"reader\">A reader positioned on the element's start tag.</param>");
        writer.Line("/// <returns>The model read.</returns>");
        writer.Line($"/// <exception cref=\"global::System.Xml.XmlException\">The XML is malformed or a value does not parse.</exception>");
        writer.OpenBlock($"public static {modelType} Read({KnownTypes.XmlReader} reader)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(reader);");
        writer.Line($"var value = new {modelType}();");

        var attributes = model.Properties.Where(static p => p.Shape == MemberShape.Attribute).ToList();
        if (attributes.Count > 0)
        {
            writer.OpenBlock("if (reader.MoveToFirstAttribute())");
            writer.Line("do");
            writer.Line("{");
            writer.Indent();
            writer.OpenBlock("switch (reader.LocalName)");
            foreach (var attribute in attributes)
            {
                writer.Line($"case {SourceWriter.Literal(attribute.XmlName)}:");
                writer.Indent();
                writer.Line(attribute.Kind == ValueKind.String
                    ? $"value.{attribute.PropertyName} = reader.Value;"
                    : $"value.{attribute.PropertyName} = {KnownTypes.XpmXml}.ParseAttribute(reader, {KnownTypes.XpmValueFormat}.Parse{FormatSuffix(attribute.Kind)});");
                writer.Line("break;");
                writer.Unindent();
            }

            writer.CloseBlock();
            writer.Unindent();
            writer.Line("}");
            writer.Line("while (reader.MoveToNextAttribute());");
            writer.Line();
            writer.Line("reader.MoveToElement();");
            writer.CloseBlock();
            writer.Line();
        }

        writer.OpenBlock($"if (!{KnownTypes.XpmXml}.EnterElement(reader))");
        writer.Line("return value;");
        writer.CloseBlock();
        writer.Line();
        if (elements.Count == 0)
        {
            writer.OpenBlock($"while ({KnownTypes.XpmXml}.MoveToNextChild(reader))");
            writer.Line("reader.Skip();");
            writer.CloseBlock();
            writer.Line();
            writer.Line("return value;");
            writer.CloseBlock();
            return;
        }

        writer.Line("var next = 0;");
        writer.OpenBlock($"while ({KnownTypes.XpmXml}.MoveToNextChild(reader))");
        writer.OpenBlock("switch (ElementNames.IndexOf(reader.LocalName, ref next))");
        for (var index = 0; index < elements.Count; index++)
        {
            var property = elements[index];
            writer.Line($"case {index.ToString(System.Globalization.CultureInfo.InvariantCulture)}: // <{property.XmlName}>");
            writer.Indent();
            switch (property.Shape)
            {
                case MemberShape.WrappedList:
                    // Into the list the model already holds: no second list per wrapper.
                    writer.Line($"{KnownTypes.XpmXml}.ReadList(reader, {SourceWriter.Literal(property.ItemXmlName)}, {ItemReader(property)}, value.{Field(property)});");
                    break;
                case MemberShape.RepeatedElement:
                    writer.Line($"value.{Field(property)}.Add({ItemRead(property)});");
                    break;
                default:
                    // ReadString already reads empty text as null, as the property setter would.
                    writer.Line(property.Kind == ValueKind.Complex
                        ? $"value.{Field(property)} = {_names.Serializer(property.ComplexType!)}.Read(reader);"
                        : $"value.{Field(property)} = {KnownTypes.XpmXml}.Read{FormatSuffix(property.Kind)}(reader);");
                    break;
            }

            writer.Line("break;");
            writer.Unindent();
        }

        writer.Line("default:");
        writer.Indent();
        writer.Line("reader.Skip();");
        writer.Line("break;");
        writer.Unindent();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.Line();
        writer.Line("return value;");
        writer.CloseBlock();
    }

    private void EmitWriter(SourceWriter writer, ModelClass model, string modelType)
    {
        writer.Line($"/// <summary>Writes <paramref name=\"value\"/> as an element named <paramref name=\"elementName\"/>; null members are left out.</summary>");
        writer.Line("/// <param name=\"writer\">The writer.</param>");
        writer.Line("/// <param name=\"value\">The model to write.</param>");
        writer.Line("/// <param name=\"elementName\">The element name, which depends on where the model appears.</param>");
        writer.OpenBlock($"public static void Write({KnownTypes.XmlWriter} writer, {modelType} value, string elementName)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        writer.Line("writer.WriteStartElement(elementName);");
        foreach (var attribute in model.Properties.Where(static p => p.Shape == MemberShape.Attribute))
        {
            var name = SourceWriter.Literal(attribute.XmlName);
            if (attribute.Kind == ValueKind.String)
            {
                writer.OpenBlock($"if (value.{attribute.PropertyName} is not null)");
                writer.Line($"writer.WriteAttributeString({name}, value.{attribute.PropertyName});");
            }
            else
            {
                writer.OpenBlock($"if (value.{attribute.PropertyName} is {{ }} {Local(attribute)})");
                writer.Line($"writer.WriteAttributeString({name}, {KnownTypes.XpmValueFormat}.Format{FormatSuffix(attribute.Kind)}({Local(attribute)}));");
            }

            writer.CloseBlock();
        }

        foreach (var property in model.Properties.Where(static p => p.Shape != MemberShape.Attribute))
        {
            var name = SourceWriter.Literal(property.XmlName);
            switch (property.Shape)
            {
                case MemberShape.WrappedList:
                    writer.OpenBlock($"if (value.{property.PropertyName} is {{ Count: > 0 }})");
                    writer.Line($"writer.WriteStartElement({name});");
                    writer.OpenBlock($"foreach (var item in value.{property.PropertyName})");
                    EmitItemWrite(writer, property, SourceWriter.Literal(property.ItemXmlName));
                    writer.CloseBlock();
                    writer.Line();
                    writer.Line("writer.WriteEndElement();");
                    writer.CloseBlock();
                    break;
                case MemberShape.RepeatedElement:
                    writer.OpenBlock($"if (value.{property.PropertyName} is {{ Count: > 0 }})");
                    writer.OpenBlock($"foreach (var item in value.{property.PropertyName})");
                    EmitItemWrite(writer, property, name);
                    writer.CloseBlock();
                    writer.CloseBlock();
                    break;
                default:
                    if (property.Kind == ValueKind.Complex)
                    {
                        writer.OpenBlock($"if (value.{property.PropertyName} is not null)");
                        writer.Line($"{_names.Serializer(property.ComplexType!)}.Write(writer, value.{property.PropertyName}, {name});");
                        writer.CloseBlock();
                    }
                    else
                    {
                        writer.Line($"{KnownTypes.XpmXml}.Write{FormatSuffix(property.Kind)}(writer, {name}, value.{property.PropertyName});");
                    }

                    break;
            }
        }

        writer.Line("writer.WriteEndElement();");
        writer.CloseBlock();
    }

    private void EmitItemWrite(SourceWriter writer, ModelProperty property, string name)
    {
        if (property.Kind == ValueKind.Complex)
        {
            writer.Line($"{_names.Serializer(property.ComplexType!)}.Write(writer, item, {name});");
        }
        else
        {
            writer.Line($"writer.WriteElementString({name}, item);");
        }
    }

    private string ItemReader(ModelProperty property) =>
        property.Kind == ValueKind.Complex
            ? $"{_names.Serializer(property.ComplexType!)}.Read"
            : $"static reader => {KnownTypes.XpmXml}.ReadString(reader) ?? string.Empty";

    private string ItemRead(ModelProperty property) =>
        property.Kind == ValueKind.Complex
            ? $"{_names.Serializer(property.ComplexType!)}.Read(reader)"
            : $"{KnownTypes.XpmXml}.ReadString(reader) ?? string.Empty";

    private string ListType(ModelProperty property) =>
        $"{KnownTypes.List}<{(property.Kind == ValueKind.Complex ? _names.Model(property.ComplexType!) : "string")}>";

    private static string Field(ModelProperty property) =>
        "_" + char.ToLowerInvariant(property.PropertyName[0]) + property.PropertyName.Substring(1);

    private static string Local(ModelProperty property) =>
        char.ToLowerInvariant(property.PropertyName[0]) + property.PropertyName.Substring(1) + "Value";

    private static string? Documentation(ModelProperty property)
    {
        var text = property.Documentation ?? $"The <{property.XmlName}> {(property.Shape == MemberShape.Attribute ? "attribute" : "element")}.";
        if (property.KnownValues.Count > 0)
        {
            text += " Known values: " + string.Join(", ", property.KnownValues) + ".";
        }

        return text;
    }

    internal static string ValueType(ValueKind kind) => kind switch
    {
        ValueKind.Int => "int",
        ValueKind.Decimal => "decimal",
        ValueKind.Boolean or ValueKind.YesNo => "bool",
        ValueKind.DateTime => "global::System.DateTime",
        ValueKind.IsoDate or ValueKind.CompactDate => "global::System.DateOnly",
        ValueKind.Time => "global::System.TimeOnly",
        _ => "string",
    };

    internal static string FormatSuffix(ValueKind kind) => kind switch
    {
        ValueKind.Int => "Int",
        ValueKind.Decimal => "Decimal",
        ValueKind.Boolean => "Boolean",
        ValueKind.YesNo => "YesNo",
        ValueKind.DateTime => "DateTime",
        ValueKind.IsoDate => "IsoDate",
        ValueKind.CompactDate => "CompactDate",
        ValueKind.Time => "Time",
        _ => "String",
    };
}
