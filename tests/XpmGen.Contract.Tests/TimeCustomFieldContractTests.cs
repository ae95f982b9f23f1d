using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The custom field values of time sheet entries (time.api/get|update/{uuid}/customfield).</summary>
[Collection(WireMockCollection.Name)]
public sealed class TimeCustomFieldContractTests : ContractTestBase
{
    public TimeCustomFieldContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task GetCustomFields_reads_a_value_of_every_kind()
    {
        var fields = await Xpm.Time.GetCustomFieldsAsync(TimeContractData.TimedEntryUuid, Ct);

        var request = await SingleCallAsync("GET", "time.api/get/" + TimeContractData.TimedEntryUuid + "/customfield");
        Assert.Empty(request.Query);

        Assert.Equal(5, fields.Count);
        var date = fields[0];
        Assert.Equal(TimeContractData.ReviewDateFieldUuid, date.Uuid);
        Assert.Equal("Review Date", date.Name);
        Assert.Equal(new DateTime(2009, 9, 4), date.Date);
        Assert.Null(date.Text);
        Assert.Null(date.Number);

        Assert.Equal(TimeContractData.PagesReviewedFieldUuid, fields[1].Uuid);
        Assert.Equal(42m, fields[1].Number);
        Assert.Equal(TimeContractData.MileageFieldUuid, fields[2].Uuid);
        Assert.Equal("Mileage (km)", fields[2].Name);
        Assert.Equal(18.75m, fields[2].Decimal);
        Assert.Equal(TimeContractData.WorkedRemotelyFieldUuid, fields[3].Uuid);
        Assert.True(fields[3].Boolean);
        Assert.Equal(TimeContractData.TicketReferenceFieldUuid, fields[4].Uuid);
        Assert.Equal("HELP-2291", fields[4].Text);
        Assert.Null(fields[4].Boolean);
    }

    [Fact]
    public async Task GetCustomFields_reads_a_single_value()
    {
        var fields = await Xpm.Time.GetCustomFieldsAsync(TimeContractData.InvoicedEntryUuid, Ct);

        await SingleCallAsync("GET", "time.api/get/" + TimeContractData.InvoicedEntryUuid + "/customfield");
        var only = Assert.Single(fields);
        Assert.Equal(TimeContractData.WorkedRemotelyFieldUuid, only.Uuid);
        Assert.Equal("Worked Remotely", only.Name);
        Assert.False(only.Boolean);
    }

    [Fact]
    public async Task GetCustomFields_of_an_entry_without_values_reads_an_empty_list()
    {
        var fields = await Xpm.Time.GetCustomFieldsAsync(TimeContractData.AddedEntryUuid, Ct);

        await SingleCallAsync("GET", "time.api/get/" + TimeContractData.AddedEntryUuid + "/customfield");
        Assert.Empty(fields);
    }

    [Fact]
    public async Task UpdateCustomFields_puts_a_CustomFields_document_and_accepts_a_status_only_response()
    {
        await Xpm.Time.UpdateCustomFieldsAsync(
            TimeContractData.TimedEntryUuid,
            new CustomFieldValuesUpdate
            {
                Fields = new List<CustomFieldValueUpdate>
                {
                    new() { Uuid = TimeContractData.ReviewDateFieldUuid, Date = new DateOnly(2009, 9, 11) },
                    new() { Uuid = TimeContractData.PagesReviewedFieldUuid, Number = 57 },
                    new() { Uuid = TimeContractData.MileageFieldUuid, Decimal = 22.5m },
                    new() { Uuid = TimeContractData.WorkedRemotelyFieldUuid, Boolean = false },
                    new() { Uuid = TimeContractData.TicketReferenceFieldUuid, Text = "HELP-2304" },
                },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "time.api/update/" + TimeContractData.TimedEntryUuid + "/customfield");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "CustomFields");
        var fields = body.Elements().ToList();
        Assert.Equal(5, fields.Count);
        Assert.All(fields, f => Assert.Equal("CustomField", f.Name.LocalName));
        Assert.Equal(new[] { "UUID", "Date" }, fields[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal(TimeContractData.ReviewDateFieldUuid, Child(fields[0], "UUID"));
        Assert.Equal("20090911", Child(fields[0], "Date"));
        Assert.Equal("57", Child(fields[1], "Number"));
        Assert.Equal("22.5", Child(fields[2], "Decimal"));
        Assert.Equal("false", Child(fields[3], "Boolean"));
        Assert.Equal(new[] { "UUID", "Text" }, fields[4].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("HELP-2304", Child(fields[4], "Text"));
    }
}
