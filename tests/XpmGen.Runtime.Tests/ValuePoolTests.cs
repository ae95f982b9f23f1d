using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// The value pool of readers from <see cref="XpmXml.CreateReader(TextReader, bool)"/>: equal short values share one
/// string, and every value reads exactly as <see cref="XmlReader.ReadElementContentAsString()"/> reads it.
/// </summary>
public sealed class ValuePoolTests
{
    [Fact]
    public void Repeated_values_share_one_instance_the_first_one()
    {
        var values = ReadAll("<R><V>Yes</V><V>Auckland</V><V>Yes</V><V>Yes</V><V>Auckland</V><V>Auckland</V></R>");

        Assert.Equal(new[] { "Yes", "Auckland", "Yes", "Yes", "Auckland", "Auckland" }, values);
        Assert.Same(values[0], values[2]);
        Assert.Same(values[0], values[3]);
        Assert.Same(values[1], values[4]);
        Assert.Same(values[1], values[5]);
    }

    [Fact]
    public void Long_repeated_values_are_shared_too()
    {
        var note = "Called about the GST return; they will send the bank statements for the quarter by Friday. " + new string('.', 400);
        var values = ReadAll($"<R><V>{note}</V><V>other</V><V>{note}</V><V>{note}</V></R>");

        Assert.Equal(note, values[3]);
        Assert.Same(values[0], values[2]);
        Assert.Same(values[0], values[3]);
    }

    [Fact]
    public void Values_that_differ_only_inside_share_nothing()
    {
        // The hash reads a few words of a long value; values equal in those words must still stay apart.
        var left = new string('a', 60) + "LEFT" + new string('z', 60);
        var right = new string('a', 60) + "RGHT" + new string('z', 60);
        var values = ReadAll($"<R><V>{left}</V><V>{right}</V><V>{left}</V><V>{right}</V></R>");

        Assert.Equal(new[] { left, right, left, right }, values);
    }

    [Fact]
    public void Readers_do_not_share_a_pool()
    {
        var first = ReadAll("<R><V>New Zealand</V><V>New Zealand</V></R>");
        var second = ReadAll("<R><V>New Zealand</V><V>New Zealand</V></R>");

        Assert.NotSame(first[1], second[1]);
    }

    [Theory]
    [InlineData("<V>a &amp; b &lt;c&gt;</V>")]
    [InlineData("<V>Zoë Māori</V>")]
    [InlineData("<V>\n   12 Queen Street\n   Auckland 1010\n</V>")]
    [InlineData("<V>line\r\nbreak</V>")]
    [InlineData("<V><![CDATA[x < y]]></V>")]
    [InlineData("<V>before<![CDATA[ & ]]>after</V>")]
    [InlineData("<V>before<!-- a comment -->after</V>")]
    [InlineData("<V>&#x1F600; surrogate pair</V>")]
    [InlineData("<V xml:space=\"preserve\">   </V>")]
    [InlineData("<V>   </V>")]
    [InlineData("<V></V>")]
    [InlineData("<V/>")]
    public void Values_read_as_ReadElementContentAsString_reads_them(string element)
    {
        var xml = "<R>" + element + element + element + "</R>";
        var expected = ReadAllPlain(xml);

        var pooled = ReadAll(xml);

        Assert.Equal(expected, pooled);
    }

    [Fact]
    public void Long_values_and_values_longer_than_the_buffer_read_whole()
    {
        var longValue = new string('x', 5000) + "é" + new string('y', 70_000);
        var tooLong = new string('m', XpmValuePool.MaxPooledLength + 1);
        var xml = $"<R><V>{longValue}</V><V>{tooLong}</V><V>{tooLong}</V><V>short</V></R>";

        var values = ReadAll(xml);

        Assert.Equal(new[] { longValue, tooLong, tooLong, "short" }, values);
        Assert.NotSame(values[1], values[2]);
    }

    [Fact]
    public void Many_distinct_values_stay_correct_when_the_pool_is_full()
    {
        var builder = new StringBuilder("<R>");
        var expected = new List<string?>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < XpmValuePool.MaxEntries * 3; i++)
            {
                var value = "v" + ((i * 7919) % (XpmValuePool.MaxEntries * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                builder.Append("<V>").Append(value).Append("</V>");
                expected.Add(value);
            }
        }

        builder.Append("</R>");

        Assert.Equal(expected, ReadAll(builder.ToString()));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(127)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Values_that_straddle_the_readers_buffer_read_whole(int length)
    {
        // Thousands of values: some start in one of the XmlReader's buffers and end in the next.
        var builder = new StringBuilder("<R>");
        for (var i = 0; i < 3000; i++)
        {
            var value = (i.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('é', length)).Substring(0, length);
            builder.Append("<V>").Append(value).Append("</V>\n");
        }

        var xml = builder.Append("</R>").ToString();

        Assert.Equal(ReadAllPlain(xml), ReadAll(xml));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        using var reader = XpmXml.CreateReader(stream);
        Assert.Equal(ReadAllPlain(xml), Read(reader, XpmXml.ReadString));
    }

    [Fact]
    public void A_child_element_where_text_is_expected_is_an_XmlException()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<R><V>text<B>bold</B></V></R>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);
        XpmXml.MoveToNextChild(reader);

        Assert.Throws<XmlException>(() => XpmXml.ReadString(reader));
    }

    [Fact]
    public void Typed_values_parse_the_same_through_the_pool()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<R><B>Yes</B><B>Yes</B><I>42</I><I>42</I><D>2024-01-31T09:30:00</D><M>12.50</M></R>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);

        XpmXml.MoveToNextChild(reader);
        Assert.True(XpmXml.ReadYesNo(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.True(XpmXml.ReadYesNo(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal(42, XpmXml.ReadInt(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal(42, XpmXml.ReadInt(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal(new DateTime(2024, 1, 31, 9, 30, 0), XpmXml.ReadDateTime(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal(12.50m, XpmXml.ReadDecimal(reader));
        Assert.False(XpmXml.MoveToNextChild(reader));
    }

    [Theory]
    [InlineData("<I> 42 </I>", 42)]
    [InlineData("<I>4<![CDATA[2]]></I>", 42)]
    [InlineData("<I>4<!-- split -->2</I>", 42)]
    [InlineData("<I>\n  -7\n</I>", -7)]
    [InlineData("<I>   </I>", null)]
    [InlineData("<I/>", null)]
    public void Typed_values_read_from_the_pools_buffer_as_from_a_string(string element, int? expected)
    {
        using var reader = XpmXml.CreateReader(new StringReader("<R>" + element + "<I>1</I></R>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);

        XpmXml.MoveToNextChild(reader);
        Assert.Equal(expected, XpmXml.ReadInt(reader));
        XpmXml.MoveToNextChild(reader);
        Assert.Equal(1, XpmXml.ReadInt(reader));
    }

    [Fact]
    public void A_malformed_typed_value_names_the_element_and_the_text()
    {
        using var reader = XpmXml.CreateReader(new StringReader("<R><Count>4x</Count></R>"));
        reader.MoveToContent();
        XpmXml.EnterElement(reader);
        XpmXml.MoveToNextChild(reader);

        var error = Assert.Throws<XmlException>(() => XpmXml.ReadInt(reader));

        Assert.Contains("<Count>", error.Message, StringComparison.Ordinal);
        Assert.Contains("'4x'", error.Message, StringComparison.Ordinal);
    }

    private static List<string?> ReadAll(string xml)
    {
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        Assert.IsType<XpmValuePool>(reader.NameTable);
        return Read(reader, XpmXml.ReadString);
    }

    private static List<string?> ReadAllPlain(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), XpmXml.CreateReaderSettings());
        return Read(reader, static r => XpmValueFormat.EmptyToNull(r.IsEmptyElement ? ReadEmpty(r) : r.ReadElementContentAsString()));
    }

    private static string ReadEmpty(XmlReader reader)
    {
        reader.Read();
        return string.Empty;
    }

    private static List<string?> Read(XmlReader reader, Func<XmlReader, string?> read)
    {
        reader.MoveToContent();
        var values = new List<string?>();
        XpmXml.EnterElement(reader);
        while (XpmXml.MoveToNextChild(reader))
        {
            values.Add(read(reader));
        }

        Assert.True(reader.EOF || reader.NodeType == XmlNodeType.None);
        return values.ToList();
    }
}
