using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace XpmGen.Cli.Output;

/// <summary>
/// A generic JSON rendering of any XML payload, for <c>xpm api</c>, where no model says what the elements are:
/// an element with children becomes an object keyed by the children's names (a name that repeats becomes an array,
/// in document order), an element with only text becomes a string, an empty element <c>null</c>. Attributes become
/// <c>@name</c> properties; text beside children (not found in XPM's answers) becomes <c>#text</c>. No value is
/// converted: <c>Yes</c>, <c>20261201</c> and <c>1234.50</c> stay strings, as XPM wrote them.
/// </summary>
internal static class XmlJson
{
    /// <summary>Writes <paramref name="element"/>'s content (its own name is the caller's to show or drop).</summary>
    public static void Write(Utf8JsonWriter writer, XElement element)
    {
        var hasChildren = element.HasElements;
        if (!hasChildren && !element.HasAttributes)
        {
            if (element.IsEmpty || element.Value.Length == 0)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(element.Value);
            }

            return;
        }

        writer.WriteStartObject();
        foreach (var attribute in element.Attributes().Where(static a => !a.IsNamespaceDeclaration))
        {
            writer.WriteString("@" + attribute.Name.LocalName, attribute.Value);
        }

        var text = string.Concat(element.Nodes().OfType<XText>().Select(static t => t.Value)).Trim();
        if (text.Length > 0)
        {
            writer.WriteString("#text", text);
        }

        // Group by name in order of first appearance, so that a list stays one array even when other elements sit between its items.
        foreach (var group in element.Elements().GroupBy(static child => child.Name.LocalName))
        {
            writer.WritePropertyName(group.Key);
            var items = group.ToList();
            if (items.Count == 1)
            {
                Write(writer, items[0]);
                continue;
            }

            writer.WriteStartArray();
            foreach (var item in items)
            {
                Write(writer, item);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
