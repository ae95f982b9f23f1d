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
    public void Repeated_short_values_share_one_instance_from_the_second_sighting()
    {
        var values = ReadAll("<R><V>Yes</V><V>Yes</V><V>Yes</V><V>Auckland</V><V>Auckland</V><V>Auckland</V></R>");

        Assert.Equal(new[] { "Yes", "Yes", "Yes", "Auckland", "Auckland", "Auckland" }, values);
        Assert.Same(values[1], values[2]);
        Assert.Same(values[4], values[5]);
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
        var medium = new string('m', XpmValuePool.MaxPooledLength + 1);
        var xml = $"<R><V>{longValue}</V><V>{medium}</V><V>{medium}</V><V>short</V></R>";

        var values = ReadAll(xml);

        Assert.Equal(new[] { longValue, medium, medium, "short" }, values);
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
