using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Schema;
using Microsoft.CodeAnalysis.Text;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Parsing;

/// <summary>
/// Reads one XSD file into a <see cref="ModelFileSpec"/> with <see cref="XmlSchema.Read(XmlReader, ValidationEventHandler)"/>,
/// walking the uncompiled schema object model: references to types of other files stay names until binding.
/// Anything outside the supported subset is reported, never silently ignored.
/// </summary>
internal static class XsdParser
{
    private const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";

    /// <summary>The namespace of XpmGen's own annotations, e.g. <c>xpm:property="Fields"</c> on an element.</summary>
    public const string XpmNamespace = "urn:xpmgen";

    /// <summary>Built-in XSD types the generator maps to C# types.</summary>
    public static readonly string[] SupportedBuiltIns = { "string", "int", "decimal", "boolean", "dateTime", "date" };

    public static ParsedSchemaFile Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var context = new Context(path, text);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
        };

        XmlSchema? schema;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text.ToString()), settings);
            schema = XmlSchema.Read(reader, (_, e) => context.Report(
                DiagnosticDescriptors.XsdSyntaxError,
                e.Exception?.LineNumber ?? 0,
                e.Exception?.LinePosition ?? 0,
                Path.GetFileName(path),
                e.Message));
        }
        catch (XmlException ex)
        {
            context.Report(DiagnosticDescriptors.XsdSyntaxError, ex.LineNumber, ex.LinePosition, Path.GetFileName(path), ex.Message);
            return context.Result(null);
        }
        catch (XmlSchemaException ex)
        {
            context.Report(DiagnosticDescriptors.XsdSyntaxError, ex.LineNumber, ex.LinePosition, Path.GetFileName(path), ex.Message);
            return context.Result(null);
        }

        if (schema is null)
        {
            return context.Result(null);
        }

        if (!string.IsNullOrEmpty(schema.TargetNamespace))
        {
            context.Unsupported(schema, "The targetNamespace attribute", "XPM payloads have no namespace; remove targetNamespace");
        }

        foreach (XmlSchemaObject include in schema.Includes)
        {
            context.Unsupported(include, "xs:include/xs:import", "each file is read alone and types are referenced across files by name; remove it");
        }

        var complexTypes = new List<ComplexTypeSpec>();
        var simpleTypes = new List<SimpleTypeSpec>();
        foreach (XmlSchemaObject item in schema.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (item)
            {
                case XmlSchemaComplexType complexType:
                    if (ParseComplexType(complexType, context) is { } parsedComplex)
                    {
                        complexTypes.Add(parsedComplex);
                    }

                    break;
                case XmlSchemaSimpleType simpleType:
                    if (ParseSimpleType(simpleType, context) is { } parsedSimple)
                    {
                        simpleTypes.Add(parsedSimple);
                    }

                    break;
                case XmlSchemaElement element:
                    context.Unsupported(element, $"The top-level element '{element.Name}'", "declare a named xs:complexType; the endpoint YAML names the element");
                    break;
                default:
                    context.Unsupported(item, Describe(item), "use named xs:complexType and xs:simpleType only");
                    break;
            }
        }

        var fileName = Path.GetFileNameWithoutExtension(path);
        return context.Result(new ModelFileSpec(path, fileName, complexTypes.ToEquatableArray(), simpleTypes.ToEquatableArray()));
    }

    private static ComplexTypeSpec? ParseComplexType(XmlSchemaComplexType type, Context context)
    {
        if (string.IsNullOrEmpty(type.Name))
        {
            return null;
        }

        if (type.ContentModel is not null)
        {
            context.Unsupported(type.ContentModel, $"The content model of '{type.Name}' (xs:simpleContent/xs:complexContent)", "list the elements in an xs:sequence");
            return null;
        }

        if (type.AnyAttribute is not null)
        {
            context.Unsupported(type.AnyAttribute, $"xs:anyAttribute in '{type.Name}'", "declare each attribute");
        }

        var members = new List<MemberSpec>();
        switch (type.Particle)
        {
            case null:
                break;
            case XmlSchemaSequence sequence:
                AddElements(type.Name, sequence.Items, members, context);
                break;
            case XmlSchemaAll all:
                AddElements(type.Name, all.Items, members, context);
                break;
            default:
                context.Unsupported(type.Particle, $"{Describe(type.Particle)} in '{type.Name}'", "use xs:sequence or xs:all");
                break;
        }

        foreach (XmlSchemaObject attributeObject in type.Attributes)
        {
            if (attributeObject is not XmlSchemaAttribute attribute || string.IsNullOrEmpty(attribute.Name))
            {
                context.Unsupported(attributeObject, $"{Describe(attributeObject)} in '{type.Name}'", "declare each attribute with a name and a type");
                continue;
            }

            if (attribute.SchemaType is not null || attribute.SchemaTypeName.IsEmpty)
            {
                context.Unsupported(attribute, $"The attribute '{attribute.Name}' of '{type.Name}'", "give the attribute a named type, e.g. type=\"xs:string\"");
                continue;
            }

            var attributeType = ResolveTypeName(attribute.SchemaTypeName, attribute, context);
            if (attributeType is not null)
            {
                members.Add(new MemberSpec(attribute.Name!, MemberShape.Attribute, attributeType, null, Documentation(attribute.Annotation), context.Location(attribute, attribute.Name!.Length)) { PropertyName = PropertyOverride(attribute) });
            }
        }

        return new ComplexTypeSpec(type.Name!, Documentation(type.Annotation), members.ToEquatableArray(), context.Location(type, type.Name!.Length));
    }

    private static void AddElements(string typeName, XmlSchemaObjectCollection items, List<MemberSpec> members, Context context)
    {
        foreach (XmlSchemaObject item in items)
        {
            if (item is not XmlSchemaElement element)
            {
                context.Unsupported(item, $"{Describe(item)} in '{typeName}'", "list plain xs:element children only");
                continue;
            }

            if (!element.RefName.IsEmpty || string.IsNullOrEmpty(element.Name))
            {
                context.Unsupported(element, $"The element reference '{element.RefName}' in '{typeName}'", "declare the element inline with a name and a type");
                continue;
            }

            if (!IsXmlName(element.Name!))
            {
                // XmlSchema.Read does not check names; such an element could never appear in a document, and generated
                // readers list the names separated by spaces.
                context.Unsupported(element, $"The element name '{element.Name}' in '{typeName}'", "use an XML name: letters, digits, '-', '_' and '.', no spaces or colons");
                continue;
            }

            var location = context.Location(element, element.Name!.Length);
            var documentation = Documentation(element.Annotation);
            switch (element.SchemaType)
            {
                case XmlSchemaComplexType wrapper:
                    if (ParseListWrapper(typeName, element, wrapper, context) is { } item0)
                    {
                        members.Add(new MemberSpec(element.Name!, MemberShape.WrappedList, item0.Type, item0.ItemName, documentation, location) { PropertyName = PropertyOverride(element) });
                    }

                    continue;
                case XmlSchemaSimpleType:
                    context.Unsupported(element, $"The anonymous simple type of '{typeName}.{element.Name}'", "declare a named xs:simpleType and refer to it");
                    continue;
            }

            if (element.SchemaTypeName.IsEmpty)
            {
                context.Unsupported(element, $"The element '{typeName}.{element.Name}' without a type", "add a type attribute");
                continue;
            }

            var type = ResolveTypeName(element.SchemaTypeName, element, context);
            if (type is null)
            {
                continue;
            }

            var shape = element.MaxOccurs > 1 ? MemberShape.RepeatedElement : MemberShape.Element;
            members.Add(new MemberSpec(element.Name!, shape, type, shape == MemberShape.RepeatedElement ? element.Name : null, documentation, location) { PropertyName = PropertyOverride(element) });
        }
    }

    private static (TypeReference Type, string ItemName)? ParseListWrapper(string typeName, XmlSchemaElement element, XmlSchemaComplexType wrapper, Context context)
    {
        const string Fix = "an anonymous complex type is supported only as a list wrapper: an xs:sequence of exactly one element with maxOccurs=\"unbounded\"";
        if (wrapper.Particle is XmlSchemaSequence sequence
            && wrapper.Attributes.Count == 0
            && wrapper.ContentModel is null
            && sequence.Items.Count == 1
            && sequence.Items[0] is XmlSchemaElement item
            && item.MaxOccurs > 1
            && !string.IsNullOrEmpty(item.Name)
            && item.SchemaType is null
            && !item.SchemaTypeName.IsEmpty)
        {
            var type = ResolveTypeName(item.SchemaTypeName, item, context);
            return type is null ? null : (type, item.Name!);
        }

        context.Unsupported(element, $"The anonymous complex type of '{typeName}.{element.Name}'", Fix);
        return null;
    }

    private static SimpleTypeSpec? ParseSimpleType(XmlSchemaSimpleType type, Context context)
    {
        if (string.IsNullOrEmpty(type.Name))
        {
            return null;
        }

        if (type.Content is not XmlSchemaSimpleTypeRestriction restriction || restriction.BaseTypeName.IsEmpty)
        {
            context.Unsupported(type, $"The simple type '{type.Name}' ({Describe(type.Content)})", "derive it by xs:restriction of a built-in type");
            return null;
        }

        if (restriction.BaseTypeName.Namespace != XsdNamespace || Array.IndexOf(SupportedBuiltIns, restriction.BaseTypeName.Name) < 0)
        {
            context.Unsupported(type, $"The base type '{restriction.BaseTypeName}' of '{type.Name}'", "restrict one of xs:" + string.Join(", xs:", SupportedBuiltIns));
            return null;
        }

        var enumerations = restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Select(static f => f.Value ?? string.Empty);
        return new SimpleTypeSpec(type.Name!, restriction.BaseTypeName.Name, enumerations.ToEquatableArray(), Documentation(type.Annotation), context.Location(type, type.Name!.Length));
    }

    private static bool IsXmlName(string name)
    {
        try
        {
            XmlConvert.VerifyNCName(name);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static TypeReference? ResolveTypeName(XmlQualifiedName name, XmlSchemaObject owner, Context context)
    {
        if (name.Namespace == XsdNamespace)
        {
            if (Array.IndexOf(SupportedBuiltIns, name.Name) >= 0)
            {
                return new TypeReference(name.Name, IsBuiltIn: true);
            }

            context.Unsupported(owner, $"The built-in type 'xs:{name.Name}'", "use one of xs:" + string.Join(", xs:", SupportedBuiltIns) + " or a named simple type");
            return null;
        }

        if (!string.IsNullOrEmpty(name.Namespace))
        {
            context.Unsupported(owner, $"The type '{name}' in namespace '{name.Namespace}'", "schema types have no namespace; refer to them by bare name");
            return null;
        }

        return new TypeReference(name.Name, IsBuiltIn: false);
    }

    private static string? PropertyOverride(XmlSchemaAnnotated item)
    {
        foreach (var attribute in item.UnhandledAttributes ?? Array.Empty<XmlAttribute>())
        {
            if (attribute.NamespaceURI == XpmNamespace && attribute.LocalName == "property" && attribute.Value.Trim().Length > 0)
            {
                return attribute.Value.Trim();
            }
        }

        return null;
    }

    private static string? Documentation(XmlSchemaAnnotation? annotation)
    {
        if (annotation is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var documentation in annotation.Items.OfType<XmlSchemaDocumentation>())
        {
            foreach (var node in documentation.Markup ?? Array.Empty<XmlNode>())
            {
                builder.Append(' ').Append(node?.InnerText);
            }
        }

        var text = string.Join(" ", builder.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }

    private static string Describe(XmlSchemaObject? item) => item switch
    {
        null => "an empty definition",
        XmlSchemaChoice => "xs:choice",
        XmlSchemaAny => "xs:any",
        XmlSchemaGroupRef => "xs:group",
        XmlSchemaGroup => "xs:group",
        XmlSchemaAttributeGroup or XmlSchemaAttributeGroupRef => "xs:attributeGroup",
        XmlSchemaSequence => "a nested xs:sequence",
        XmlSchemaAll => "a nested xs:all",
        XmlSchemaSimpleTypeList => "xs:list",
        XmlSchemaSimpleTypeUnion => "xs:union",
        XmlSchemaNotation => "xs:notation",
        XmlSchemaAttribute attribute => $"the top-level attribute '{attribute.Name}'",
        _ => item.GetType().Name.Replace("XmlSchema", "xs:"),
    };

    private sealed class Context(string path, SourceText text)
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public LocationInfo Location(XmlSchemaObject item, int length) => LocationInfo.At(path, text, item.LineNumber, item.LinePosition, length);

        public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, int column, params string[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.At(path, text, line, column), args));

        public void Unsupported(XmlSchemaObject item, string what, string fix) =>
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedXsdConstruct, Location(item, 1), what, Path.GetFileName(path), fix));

        public ParsedSchemaFile Result(ModelFileSpec? spec) => new(path, spec, null, _diagnostics.ToEquatableArray());
    }
}
