using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>The XML primitives generated readers and writers are built from.</summary>
public sealed class XmlPrimitiveTests
{
    [Fact]
    public void Bad_element_value_names_element_value_and_line()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<Job>\n  <Name>x</Name>\n  <Budget>12,50</Budget>\n</Job>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);
        XpmXml.MoveToNextChild(reader);
        Assert.Equal("x", XpmXml.ReadString(reader));
        XpmXml.MoveToNextChild(reader);

        var ex = Assert.Throws<XmlException>(() => XpmXml.ReadDecimal(reader));

        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("<Budget>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'12,50'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public void Bad_attribute_value_names_the_attribute()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<Response count=\"many\" />"));
        reader.MoveToContent();
        reader.MoveToAttribute("count");

        var ex = Assert.Throws<XmlException>(() => XpmXml.ParseAttribute(reader, XpmValueFormat.ParseInt));

        Assert.Contains("attribute 'count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'many'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_elements_of_every_type_read_as_null_and_the_reader_moves_on()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<R><A /><B></B><C>  </C><D/><E/><F/><G/><H/><I>after</I></R>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);

        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadString(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadString(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadDecimal(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadInt(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadYesNo(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadDateTime(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadCompactDate(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Null(XpmXml.ReadTime(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal("after", XpmXml.ReadString(reader));
        Assert.False(XpmXml.MoveToNextChild(reader));
    }

    [Fact]
    public void Read_list_skips_other_children_and_reads_an_empty_wrapper_as_empty()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<W><Other>1</Other><Item>a</Item>text<Item>b</Item></W>"));
        reader.MoveToContent();

        var items = XpmXml.ReadList(reader, "Item", XpmXml.ReadString);

        Assert.Equal(new[] { "a", "b" }, items);

        using var empty = XpmXml.CreateReader(new StringReader("<W />"));
        empty.MoveToContent();
        Assert.Empty(XpmXml.ReadList(empty, "Item", XpmXml.ReadString));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(1000)]
    public void A_read_list_holds_exactly_its_items(int count)
    {
        var xml = "<W>" + string.Concat(Enumerable.Range(0, count).Select(static i => $"<Item>{i}</Item>")) + "</W>";
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();

        var items = XpmXml.ReadList(reader, "Item", XpmXml.ReadString);

        Assert.Equal(Enumerable.Range(0, count).Select(static i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), items);
        Assert.Equal(count, items.Capacity);
    }

    [Fact]
    public void A_list_of_values_reads_in_order()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<W><Item>3</Item><Item>1</Item><Item/><Item>2</Item></W>"));
        reader.MoveToContent();

        Assert.Equal(new int?[] { 3, 1, null, 2 }, XpmXml.ReadList(reader, "Item", XpmXml.ReadInt));
    }

    [Fact]
    public void Lists_inside_list_items_keep_their_own_items()
    {
        // The outer list's items are gathered while each inner list gathers its own.
        var xml = "<W>" + string.Concat(Enumerable.Range(0, 40).Select(static i => $"<Item><Inner><V>{i}a</V><V>{i}b</V></Inner></Item>")) + "</W>";
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();

        var items = XpmXml.ReadList(reader, "Item", static r =>
        {
            XpmXml.EnterElement(r);
            XpmXml.MoveToNextChild(r);
            var inner = XpmXml.ReadList(r, "V", XpmXml.ReadString);
            XpmXml.MoveToNextChild(r);
            return inner;
        });

        Assert.Equal(40, items.Count);
        Assert.All(items.Select(static (inner, i) => (inner, i)), static x => Assert.Equal(new[] { $"{x.i}a", $"{x.i}b" }, x.inner));
    }

    [Fact]
    public void A_list_read_into_a_models_list_is_appended_and_returned()
    {
        var existing = new List<string?> { "kept" };
        using var reader = XpmXml.CreateReader(new StringReader("<W><Item>a</Item><Item>b</Item></W>"));
        reader.MoveToContent();

        var items = XpmXml.ReadList(reader, "Item", XpmXml.ReadString, existing);

        Assert.Same(existing, items);
        Assert.Equal(new[] { "kept", "a", "b" }, items);
    }

    [Fact]
    public void An_item_that_fails_to_read_fails_the_list_and_the_next_read_starts_clean()
    {
        using var bad = XpmXml.CreateReader(new StringReader("<W><Item>1</Item><Item>x</Item></W>"));
        bad.MoveToContent();
        Assert.Throws<XmlException>(() => XpmXml.ReadList(bad, "Item", static r => XpmXml.ReadInt(r)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var good = XpmXml.CreateReader(new StringReader("<W><Item>2</Item></W>"));
        good.MoveToContent();
        Assert.Equal(new[] { "2" }, XpmXml.ReadList(good, "Item", XpmXml.ReadString));
    }

    [Fact]
    public void Reader_settings_prohibit_dtds_and_resolve_nothing()
    {
        var settings = XpmXml.CreateReaderSettings();

        Assert.Equal(DtdProcessing.Prohibit, settings.DtdProcessing);
        using var reader = XpmXml.CreateReader(new StringReader("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"));
        var ex = Assert.Throws<XmlException>(() => reader.Read());
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_skip_nulls_and_use_xpm_formats()
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("Job");
            XpmXml.WriteString(writer, "Name", null);
            XpmXml.WriteString(writer, "Description", "a < b");
            XpmXml.WriteYesNo(writer, "IsArchived", true);
            XpmXml.WriteBoolean(writer, "Billable", false);
            XpmXml.WriteInt(writer, "Minutes", null);
            XpmXml.WriteDecimal(writer, "Budget", 10.50m);
            XpmXml.WriteCompactDate(writer, "StartDate", new DateOnly(2024, 1, 2));
            XpmXml.WriteIsoDate(writer, "EndDate", new DateOnly(2024, 1, 3));
            XpmXml.WriteDateTime(writer, "Modified", new DateTime(2024, 1, 2, 3, 4, 5));
            XpmXml.WriteTime(writer, "Start", new TimeOnly(13, 0));
            writer.WriteEndElement();
        }

        Assert.Equal(
            "<Job><Description>a &lt; b</Description><IsArchived>Yes</IsArchived><Billable>false</Billable><Budget>10.50</Budget>"
            + "<StartDate>20240102</StartDate><EndDate>2024-01-03</EndDate><Modified>2024-01-02T03:04:05</Modified><Start>13:00</Start></Job>",
            builder.ToString());
    }
}
