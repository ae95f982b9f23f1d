using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class CustomFieldContractTests : ContractTestBase
{
    /// <summary>Definition "Engagement letter signed", a Date field on clients (list, get).</summary>
    private const string EngagementDateUuid = "0c28c97d-22a9-4e93-a7ee-44d02e1368a2";

    /// <summary>Definition "Entity type", a Dropdown List on clients and jobs (list, get, update).</summary>
    private const string EntityTypeUuid = "cc6be6f7-fd83-41d1-a6f6-d7f01fd3af13";

    /// <summary>Definition "Disbursement rate", a Decimal field on job tasks, costs and time (list, delete).</summary>
    private const string DisbursementRateUuid = "429f9292-dfc6-4060-bc0d-8b553cdc5a15";

    /// <summary>A definition UUID the stub answers with HTTP 200 and Status ERROR.</summary>
    private const string UnknownDefinitionUuid = "5123b9dd-e735-47f8-89a9-bd6031112c5c";

    public CustomFieldContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_every_definition_with_its_type_options_link_and_use_flags()
    {
        var definitions = await Xpm.CustomFields.ListAsync(Ct);

        var request = await SingleCallAsync("GET", "customfield.api/definition");
        Assert.Empty(request.Query);

        Assert.Equal(4, definitions.Count);
        var date = definitions[0];
        Assert.Equal(EngagementDateUuid, date.Uuid);
        Assert.Equal("Engagement letter signed", date.Name);
        Assert.Equal("Date", date.Type);
        Assert.Null(date.LinkUrl); // <LinkUrl />
        Assert.Empty(date.Options); // <Options />
        Assert.True(date.UseClient);
        Assert.False(date.UseContact);
        Assert.False(date.UseJob);
        Assert.False(date.UseJobTask);
        Assert.False(date.UseJobCost);
        Assert.False(date.UseJobTime);
        Assert.Null(date.UseLead);
        Assert.Null(date.UseSupplier);
        Assert.Equal("Date", date.ValueElement);

        var dropdown = definitions[1];
        Assert.Equal(EntityTypeUuid, dropdown.Uuid);
        Assert.Equal("Dropdown List", dropdown.Type);
        Assert.Equal(new[] { "Company", "Trust", "Partnership", "Sole trader" }, dropdown.Options);
        Assert.True(dropdown.UseJob);
        Assert.Equal("Text", dropdown.ValueElement);

        var link = definitions[2];
        Assert.Equal("Companies Office record", link.Name);
        Assert.Equal("Value Link", link.Type);
        Assert.Equal("https://app.companiesoffice.govt.nz/co/[value]", link.LinkUrl);
        Assert.Empty(link.Options);

        var rate = definitions[3];
        Assert.Equal(DisbursementRateUuid, rate.Uuid);
        Assert.Equal("Decimal", rate.Type);
        Assert.False(rate.UseClient);
        Assert.True(rate.UseJobTask);
        Assert.True(rate.UseJobCost);
        Assert.True(rate.UseJobTime);
        Assert.Equal("Decimal", rate.ValueElement);
    }

    [Fact]
    public async Task List_of_a_practice_without_custom_fields_is_empty()
    {
        const string Empty = """
            {
              "priority": 1,
              "request": {
                "method": "GET",
                "urlPath": "/practicemanager/3.1/customfield.api/definition",
                "headers": { "xero-tenant-id": { "equalTo": "3b1be89e-f411-4cf9-9bde-a3eb08a8e897" } }
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "4e6b1d0a-8f27-4c39-b5a1-7d2e9c0f3a08" },
                "body": "<Response api-method=\"Definition\">\n  <Status>OK</Status>\n  <CustomFieldDefinitions />\n</Response>\n"
              }
            }
            """;
        await using (await Server.AddMappingAsync(Empty, Ct))
        {
            var definitions = await Xpm.CustomFields.ListAsync(Ct);

            Assert.Empty(definitions);
        }

        await SingleCallAsync("GET", "customfield.api/definition");
    }

    [Fact]
    public async Task Get_reads_a_dropdown_definition_with_its_options()
    {
        var definition = await Xpm.CustomFields.GetAsync(EntityTypeUuid, Ct);

        var request = await SingleCallAsync("GET", "customfield.api/get/" + EntityTypeUuid);
        Assert.Empty(request.Query);

        Assert.Equal(EntityTypeUuid, definition.Uuid);
        Assert.Equal("Entity type", definition.Name);
        Assert.Equal("Dropdown List", definition.Type);
        Assert.Null(definition.LinkUrl);
        Assert.Equal(new[] { "Company", "Trust", "Partnership", "Sole trader" }, definition.Options);
        Assert.True(definition.UseClient);
        Assert.False(definition.UseContact);
        Assert.True(definition.UseJob);
        Assert.False(definition.UseJobTask);
        Assert.False(definition.UseJobCost);
        Assert.False(definition.UseJobTime);
        Assert.Equal("Text", definition.ValueElement);
    }

    [Fact]
    public async Task Get_reads_empty_LinkUrl_and_Options_of_a_date_definition_as_absent()
    {
        var definition = await Xpm.CustomFields.GetAsync(EngagementDateUuid, Ct);

        await SingleCallAsync("GET", "customfield.api/get/" + EngagementDateUuid);
        Assert.Equal("Engagement letter signed", definition.Name);
        Assert.Equal("Date", definition.Type);
        Assert.Null(definition.LinkUrl);
        Assert.Empty(definition.Options);
        Assert.Equal("Date", definition.ValueElement);
    }

    [Fact]
    public async Task Get_of_an_unknown_definition_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.CustomFields.GetAsync(UnknownDefinitionUuid, Ct));

        Assert.Equal("Invalid custom field identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("customfield.api/get/" + UnknownDefinitionUuid, error.Path);
        Assert.Equal("4e6b1d0a-8f27-4c39-b5a1-7d2e9c0f3a04", error.CorrelationId);

        await SingleCallAsync("GET", "customfield.api/get/" + UnknownDefinitionUuid);
    }

    [Fact]
    public async Task Add_posts_a_CustomFieldDefinition_with_Option_elements_and_returns_null_for_the_UUID_only_answer()
    {
        var definition = await Xpm.CustomFields.AddAsync(
            new CustomFieldDefinitionAddRequest
            {
                Name = "Balance date",
                Type = "Dropdown List",
                Options = new List<string> { "31 March", "30 June", "30 September" },
                UseClient = true,
                UseJob = false,
            },
            Ct);

        var request = await SingleCallAsync("POST", "customfield.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "CustomFieldDefinition");
        Assert.Equal(
            new[] { "Name", "Type", "Options", "UseClient", "UseJob" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Balance date", Child(body, "Name"));
        Assert.Equal("Dropdown List", Child(body, "Type"));
        Assert.Equal(
            new[] { "31 March", "30 June", "30 September" },
            body.Element("Options")!.Elements("Option").Select(o => o.Value));
        Assert.Equal("true", Child(body, "UseClient"));
        Assert.Equal("false", Child(body, "UseJob"));

        // The stub answers as Xero's OpenAPI documents: only <UUID> beside <Status>, which is not read.
        Assert.Null(definition);
    }

    [Fact]
    public async Task Add_reads_the_definition_when_XPM_includes_it()
    {
        const string WithDefinition = """
            {
              "priority": 1,
              "request": {
                "method": "POST",
                "urlPath": "/practicemanager/3.1/customfield.api/add",
                "headers": { "xero-tenant-id": { "equalTo": "3b1be89e-f411-4cf9-9bde-a3eb08a8e897" } },
                "bodyPatterns": [ { "matchesXPath": "/CustomFieldDefinition/Name[text() = 'IRD number']" } ]
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "4e6b1d0a-8f27-4c39-b5a1-7d2e9c0f3a09" },
                "body": "<Response api-method=\"Add\">\n  <Status>OK</Status>\n  <CustomFieldDefinition>\n    <UUID>366f03ea-dae0-456d-88a0-2c50eccb28c6</UUID>\n    <Name>IRD number</Name>\n    <Type>Text</Type>\n    <LinkUrl />\n    <Options />\n    <UseClient>true</UseClient>\n    <UseContact>true</UseContact>\n    <UseJob>false</UseJob>\n    <UseJobTask>false</UseJobTask>\n    <UseJobCost>false</UseJobCost>\n    <UseJobTime>false</UseJobTime>\n    <ValueElement>Text</ValueElement>\n  </CustomFieldDefinition>\n</Response>\n"
              }
            }
            """;
        await using (await Server.AddMappingAsync(WithDefinition, Ct))
        {
            var definition = await Xpm.CustomFields.AddAsync(
                new CustomFieldDefinitionAddRequest { Name = "IRD number", Type = "Text", UseClient = true, UseContact = true },
                Ct);

            Assert.NotNull(definition);
            Assert.Equal("366f03ea-dae0-456d-88a0-2c50eccb28c6", definition.Uuid);
            Assert.Equal("Text", definition.Type);
            Assert.True(definition.UseContact);
            Assert.Equal("Text", definition.ValueElement);
        }

        var request = await SingleCallAsync("POST", "customfield.api/add");
        var body = XmlBody(request, "CustomFieldDefinition");
        Assert.Null(body.Element("Options")); // no options given: none written
        Assert.Null(body.Element("UUID"));
    }

    [Fact]
    public async Task Update_puts_the_UUID_and_new_details_and_reads_the_definition()
    {
        var definition = await Xpm.CustomFields.UpdateAsync(
            new CustomFieldDefinitionUpdateRequest
            {
                Uuid = EntityTypeUuid,
                Name = "Entity type",
                Type = "Dropdown List",
                Options = new List<string> { "Company", "Trust", "Partnership", "Sole trader", "Incorporated society" },
                UseClient = true,
                UseContact = false,
                UseJob = false,
                UseJobTask = false,
                UseJobCost = false,
                UseJobTime = false,
            },
            Ct);

        var request = await SingleCallAsync("PUT", "customfield.api/update");
        var body = XmlBody(request, "CustomFieldDefinition");
        Assert.Equal(
            new[] { "UUID", "Name", "Type", "Options", "UseClient", "UseContact", "UseJob", "UseJobTask", "UseJobCost", "UseJobTime" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(EntityTypeUuid, Child(body, "UUID"));
        Assert.Equal("Entity type", Child(body, "Name"));
        Assert.Equal("Incorporated society", body.Element("Options")!.Elements("Option").Last().Value);
        Assert.Equal(5, body.Element("Options")!.Elements("Option").Count());
        Assert.Equal("false", Child(body, "UseJob"));

        Assert.NotNull(definition);
        Assert.Equal(EntityTypeUuid, definition.Uuid);
        Assert.Equal(5, definition.Options.Count);
        Assert.Equal("Incorporated society", definition.Options[4]);
        Assert.False(definition.UseJob);
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.CustomFields.DeleteAsync(new CustomFieldDefinitionUuidRequest { Uuid = DisbursementRateUuid }, Ct);

        var request = await SingleCallAsync("POST", "customfield.api/delete");
        var body = XmlBody(request, "CustomFieldDefinition");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(DisbursementRateUuid, only.Value);
    }
}
