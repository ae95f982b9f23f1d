using System;
using System.IO;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// <see cref="XpmMemberNames"/>, the name-to-index map generated readers dispatch on: any order, repeats and unknown
/// names give the same members as a match by name would.
/// </summary>
public sealed class MemberNamesTests
{
    private static readonly XpmMemberNames Names = new("UUID Name Task Notes");

    [Fact]
    public void Names_in_schema_order_map_to_their_indexes()
    {
        var next = 0;

        Assert.Equal(0, Names.IndexOf("UUID", ref next));
        Assert.Equal(1, Names.IndexOf("Name", ref next));
        Assert.Equal(2, Names.IndexOf("Task", ref next));
        Assert.Equal(3, Names.IndexOf("Notes", ref next));
        Assert.Equal(4, next);
    }

    [Fact]
    public void Names_out_of_order_repeated_or_unknown_map_as_by_name()
    {
        var next = 0;

        Assert.Equal(3, Names.IndexOf("Notes", ref next));
        Assert.Equal(0, Names.IndexOf("UUID", ref next));
        Assert.Equal(2, Names.IndexOf("Task", ref next));
        Assert.Equal(2, Names.IndexOf("Task", ref next));
        Assert.Equal(2, Names.IndexOf("Task", ref next));
        Assert.Equal(-1, Names.IndexOf("Extra", ref next));
        Assert.Equal(1, Names.IndexOf("Name", ref next));
        Assert.Equal(-1, Names.IndexOf("name", ref next));
        Assert.Equal(-1, Names.IndexOf(string.Empty, ref next));
    }

    [Fact]
    public void A_name_given_twice_maps_to_its_first_member_and_empty_names_are_refused()
    {
        var next = 0;
        var twice = new XpmMemberNames("A B A");

        Assert.Equal(0, twice.IndexOf("A", ref next));
        Assert.Equal(3, twice.Count);
        Assert.Throws<ArgumentException>(() => new XpmMemberNames(string.Empty));
        Assert.Contains("position 1", Assert.Throws<ArgumentException>(() => new XpmMemberNames("A  B")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_reader_reads_members_in_any_order()
    {
        // Schema order is UUID, Name, ...; XPM's order differs between responses.
        const string xml = "<Client><Email>a@b.example</Email><Extra>x</Extra><Name>Acme</Name><UUID>u-1</UUID><Name>Acme Ltd</Name></Client>";
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();

        var client = ClientXml.Read(reader);

        Assert.Equal("u-1", client.Uuid);
        Assert.Equal("Acme Ltd", client.Name);
        Assert.Equal("a@b.example", client.Email);
    }
}
