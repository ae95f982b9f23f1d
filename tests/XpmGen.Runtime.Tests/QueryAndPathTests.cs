using System;
using System.Collections.Generic;

namespace XpmGen.Runtime.Tests;

/// <summary>Query strings and path segments.</summary>
public sealed class QueryAndPathTests
{
    [Fact]
    public void Null_parameters_are_left_out_and_order_is_kept()
    {
        var query = new XpmQuery()
            .Add("a", (string?)null)
            .Add("detailed", (bool?)null)
            .Add("page", 2)
            .Add("size", (int?)null)
            .Add("from", new DateOnly(2024, 1, 31))
            .Add("to", (DateOnly?)null)
            .Add("modifiedsince", (DateTime?)null)
            .Add("complete", false);

        Assert.Equal(
            new[] { new KeyValuePair<string, string>("page", "2"), new("from", "20240131"), new("complete", "false") },
            query.Parameters);
    }

    [Fact]
    public void Names_and_values_are_escaped()
    {
        var query = new XpmQuery().Add("query", "O'Brien & Sons + Co/ltd?=#").Add("naïve key", "zoë");

        var uri = XpmQuery.AppendTo("client.api/search", query.Parameters);

        Assert.Equal("client.api/search?query=O%27Brien%20%26%20Sons%20%2B%20Co%2Fltd%3F%3D%23&na%C3%AFve%20key=zo%C3%AB", uri);
    }

    [Fact]
    public void Empty_query_leaves_the_path_alone_and_empty_string_is_sent()
    {
        Assert.Equal("client.api/list", XpmQuery.AppendTo("client.api/list", Array.Empty<KeyValuePair<string, string>>()));
        Assert.Equal("x?q=", XpmQuery.AppendTo("x", new XpmQuery().Add("q", string.Empty).Parameters));
    }

    [Fact]
    public void Request_relative_uri_and_to_string_combine_path_and_query()
    {
        var request = Fixtures.ListClients(new XpmQuery().Add("detailed", true));

        Assert.Equal("client.api/list?detailed=true", request.RelativeUri);
        Assert.Equal("GET client.api/list?detailed=true", request.ToString());
        Assert.Equal("GET client.api/list", Fixtures.ClientList.ToString());
        Assert.True(Fixtures.ClientList.IsIdempotent);
        Assert.False(Fixtures.ClientAdd.IsIdempotent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(" .. ")]
    public void Path_segment_refuses_empty_and_dot_segments(string? value)
    {
        var ex = Assert.Throws<ArgumentException>(() => XpmPath.Segment(value!, "uuid"));

        Assert.Equal("uuid", ex.ParamName);
        Assert.Contains("'uuid'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("J000309", "J000309")]
    [InlineData(" 0f3c-11 ", "0f3c-11")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("../x", "..%2Fx")]
    [InlineData("a?b#c", "a%3Fb%23c")]
    [InlineData("Zoë", "Zo%C3%AB")]
    public void Path_segment_escapes_everything_that_would_change_the_path(string value, string expected) =>
        Assert.Equal(expected, XpmPath.Segment(value, "id"));
}
