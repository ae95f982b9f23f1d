using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The custom field value endpoints of clients and contacts: <c>xpm.Clients.GetCustomFieldsAsync</c>, <c>xpm.Clients.Contacts.GetCustomFieldsAsync</c>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ClientCustomFieldContractTests : ContractTestBase
{
    public ClientCustomFieldContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task GetCustomFields_of_a_client_reads_one_value_of_each_kind()
    {
        var fields = await Xpm.Clients.GetCustomFieldsAsync(ContractData.KowhaiClientUuid, Ct);

        var request = await SingleCallAsync("GET", "client.api/get/" + ContractData.KowhaiClientUuid + "/customfield");
        Assert.Empty(request.Query);

        Assert.Equal(
            new[] { "Engagement Date", "Staff Count", "Annual Fee", "AML Checked", "Preferred Contact Method" },
            fields.Select(f => f.Name));
        Assert.Equal(ClientContractData.EngagementDateFieldUuid, fields[0].Uuid);
        Assert.Equal(new DateTime(2024, 4, 1), fields[0].Date);
        Assert.Null(fields[0].Text);
        Assert.Equal(12m, fields[1].Number);
        Assert.Null(fields[1].Decimal);
        Assert.Equal(4850.50m, fields[2].Decimal);
        Assert.Equal(ClientContractData.AmlCheckedFieldUuid, fields[3].Uuid);
        Assert.True(fields[3].Boolean);
        Assert.Equal(ClientContractData.PreferredContactFieldUuid, fields[4].Uuid);
        Assert.Equal("Email", fields[4].Text);
        Assert.Null(fields[4].Boolean);
    }

    [Fact]
    public async Task GetCustomFields_of_an_unknown_client_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Clients.GetCustomFieldsAsync(ClientContractData.UnknownClientUuid, Ct));

        Assert.Equal("Client not found", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("client.api/get/" + ClientContractData.UnknownClientUuid + "/customfield", error.Path);

        await SingleCallAsync("GET", "client.api/get/" + ClientContractData.UnknownClientUuid + "/customfield");
    }

    [Fact]
    public async Task UpdateCustomFields_of_a_client_puts_CustomFields_with_yyyyMMdd_dates_and_false_flags()
    {
        await Xpm.Clients.UpdateCustomFieldsAsync(
            ContractData.KowhaiClientUuid,
            new CustomFieldValuesUpdate
            {
                Fields =
                {
                    new CustomFieldValueUpdate { Uuid = ClientContractData.EngagementDateFieldUuid, Date = new DateOnly(2025, 4, 1) },
                    new CustomFieldValueUpdate { Uuid = ClientContractData.AmlCheckedFieldUuid, Boolean = false },
                },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "client.api/update/" + ContractData.KowhaiClientUuid + "/customfield");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "CustomFields");
        var fields = body.Elements().ToList();
        Assert.Equal(2, fields.Count);
        Assert.All(fields, f => Assert.Equal("CustomField", f.Name.LocalName));
        Assert.Equal(new[] { "UUID", "Date" }, fields[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ClientContractData.EngagementDateFieldUuid, Child(fields[0], "UUID"));
        Assert.Equal("20250401", Child(fields[0], "Date"));
        Assert.Equal(new[] { "UUID", "Boolean" }, fields[1].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("false", Child(fields[1], "Boolean"));
    }

    [Fact]
    public async Task Contacts_GetCustomFields_reads_the_single_value_of_a_contact()
    {
        var fields = await Xpm.Clients.Contacts.GetCustomFieldsAsync(ClientContractData.HanaContactUuid, Ct);

        var request = await SingleCallAsync("GET", "client.api/contact/" + ClientContractData.HanaContactUuid + "/customfield");
        Assert.Empty(request.Query);

        var field = Assert.Single(fields);
        Assert.Equal(ClientContractData.PreferredContactFieldUuid, field.Uuid);
        Assert.Equal("Preferred Contact Method", field.Name);
        Assert.Equal("Mobile", field.Text);
    }

    [Fact]
    public async Task Contacts_GetCustomFields_of_a_contact_without_values_reads_an_empty_list()
    {
        var fields = await Xpm.Clients.Contacts.GetCustomFieldsAsync(ClientContractData.RawiriContactUuid, Ct);

        await SingleCallAsync("GET", "client.api/contact/" + ClientContractData.RawiriContactUuid + "/customfield");
        Assert.Empty(fields);
    }

    [Fact]
    public async Task Contacts_UpdateCustomFields_puts_CustomFields_and_accepts_a_status_only_response()
    {
        await Xpm.Clients.Contacts.UpdateCustomFieldsAsync(
            ClientContractData.HanaContactUuid,
            new CustomFieldValuesUpdate
            {
                Fields = { new CustomFieldValueUpdate { Uuid = ClientContractData.PreferredContactFieldUuid, Text = "Phone" } },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "client.api/contact/" + ClientContractData.HanaContactUuid + "/customfield");
        var body = XmlBody(request, "CustomFields");
        var field = Assert.Single(body.Elements());
        Assert.Equal("CustomField", field.Name.LocalName);
        Assert.Equal(new[] { "UUID", "Text" }, field.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ClientContractData.PreferredContactFieldUuid, Child(field, "UUID"));
        Assert.Equal("Phone", Child(field, "Text"));
    }
}
