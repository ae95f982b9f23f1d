using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>Lists read item by item from the response stream agree with the buffered lists and fail the same way.</summary>
[Collection(WireMockCollection.Name)]
public sealed class StreamingContractTests : ContractTestBase
{
    public StreamingContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task A_streamed_list_yields_the_same_clients_as_the_buffered_one()
    {
        var buffered = await Xpm.Clients.ListAsync(detailed: true, cancellationToken: Ct);
        await Server.ResetJournalAsync(Ct);

        var streamed = new List<Client>();
        await foreach (var client in Xpm.Clients.StreamListAsync(detailed: true, cancellationToken: Ct))
        {
            streamed.Add(client);
        }

        Assert.NotEmpty(streamed);
        Assert.Equal(buffered.Select(static c => (c.Uuid, c.Name, c.Contacts.Count, c.Type?.CostMarkup)), streamed.Select(static c => (c.Uuid, c.Name, c.Contacts.Count, c.Type?.CostMarkup)));
        var request = await SingleCallAsync("GET", "client.api/list");
        Assert.Equal("true", request.QueryValue("detailed"));
    }

    [Fact]
    public async Task A_streamed_grouped_list_works_too()
    {
        var streamed = new List<Job>();
        await foreach (var job in Xpm.Jobs.StreamCurrentAsync(cancellationToken: Ct))
        {
            streamed.Add(job);
        }

        Assert.Equal((await Xpm.Jobs.CurrentAsync(cancellationToken: Ct)).Select(static j => j.Id), streamed.Select(static j => j.Id));
    }

    [Fact]
    public async Task An_error_envelope_throws_before_any_item()
    {
        await using var stub = await Server.AddMappingAsync(Stub("<Response><Status>ERROR</Status><ErrorDescription>Too busy</ErrorDescription><Categories><Category><Name>Hidden</Name></Category></Categories></Response>"), Ct);
        var seen = 0;

        var ex = await Assert.ThrowsAsync<XpmApiException>(async () =>
        {
            await foreach (var unused in Xpm.Categories.StreamListAsync(Ct))
            {
                seen++;
            }
        });

        Assert.Equal("Too busy", ex.ErrorDescription);
        Assert.Equal(0, seen);
    }

    [Fact]
    public async Task A_body_cut_short_fails_as_a_protocol_error_after_the_items_read()
    {
        await using var stub = await Server.AddMappingAsync(Stub("<Response><Status>OK</Status><Categories><Category><UUID>c1</UUID><Name>Audit</Name></Category><Category><UUID>c2</UUID><Na"), Ct);
        var seen = new List<string?>();

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(async () =>
        {
            await foreach (var category in Xpm.Categories.StreamListAsync(Ct))
            {
                seen.Add(category.Name);
            }
        });

        Assert.Equal(new[] { "Audit" }, seen);
        Assert.Contains("category.api/list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_list_yields_nothing()
    {
        await using var stub = await Server.AddMappingAsync(Stub("<Response><Status>OK</Status><Categories /></Response>"), Ct);

        var count = 0;
        await foreach (var unused in Xpm.Categories.StreamListAsync(Ct))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    private static string Stub(string body) => $$"""
        { "priority": 1, "request": { "method": "GET", "urlPath": "/practicemanager/3.1/category.api/list" },
          "response": { "status": 200, "headers": { "Content-Type": "text/xml; charset=utf-8" }, "body": {{System.Text.Json.JsonSerializer.Serialize(body)}} } }
        """;
}
