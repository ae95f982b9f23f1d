using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>customfield.api through the typed client, and how definitions govern the values set on their owners.</summary>
public sealed class CustomFieldScenarioTests
{
    [Scenario]
    public async Task Definitions_are_added_listed_updated_and_deleted_with_their_values()
    {
        await using var practice = await ArrangedSandbox.StartAsync(TimeScenarioTests.Arrange);
        var xpm = practice.Sandbox.CreateClient();
        var entry = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = "9b1c3f10-0000-4000-8000-000000000001", StaffUuid = "5a7e2d40-0000-4000-8000-000000000001",
            Date = new DateOnly(2024, 3, 4), Minutes = 60,
        });

        var added = await xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Billed on site", Type = "checkbox", UseJobTime = true, UseJob = true });
        Assert.NotNull(added);
        Assert.Equal("Checkbox", added.Type);
        Assert.Equal("Boolean", added.ValueElement);
        Assert.Equal(true, added.UseJobTime);
        Assert.Equal(false, added.UseClient);

        var fetched = await xpm.CustomFields.GetAsync(added.Uuid!);
        Assert.Equal("Billed on site", fetched.Name);
        Assert.Contains(await xpm.CustomFields.ListAsync(), d => d.Uuid == added.Uuid);

        await xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate { Fields = [new CustomFieldValueUpdate { Uuid = added.Uuid, Boolean = true }] });
        var updated = await xpm.CustomFields.UpdateAsync(new CustomFieldDefinitionUpdateRequest { Uuid = added.Uuid, Name = "On site", Type = "Checkbox" });
        Assert.Equal("On site", updated?.Name);
        Assert.Equal(true, (await xpm.CustomFields.GetAsync(added.Uuid!)).UseJobTime);
        var value = Assert.Single(await xpm.Time.GetCustomFieldsAsync(entry.Uuid!));
        Assert.Equal("On site", value.Name);
        Assert.Equal(true, value.Boolean);

        await xpm.CustomFields.DeleteAsync(new CustomFieldDefinitionUuidRequest { Uuid = added.Uuid });
        Assert.DoesNotContain(await xpm.CustomFields.ListAsync(), d => d.Uuid == added.Uuid);
        Assert.Empty(await xpm.Time.GetCustomFieldsAsync(entry.Uuid!));
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.GetAsync(added.Uuid!));
        Assert.Equal("Invalid custom field identifier", gone.ErrorDescription);
    }

    [Scenario]
    public async Task Definitions_and_values_that_break_a_rule_are_refused_and_change_nothing()
    {
        await using var practice = await ArrangedSandbox.StartAsync(TimeScenarioTests.Arrange);
        var xpm = practice.Sandbox.CreateClient();
        var entry = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = "9b1c3f10-0000-4000-8000-000000000001", StaffUuid = "5a7e2d40-0000-4000-8000-000000000001",
            Date = new DateOnly(2024, 3, 4), Minutes = 60,
        });
        var due = await xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Due", Type = "Date", UseJobTime = true });
        var clientOnly = await xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Sector", Type = "Text", UseClient = true });

        var noOptions = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Colour", Type = "Dropdown List" }));
        Assert.Contains("needs its choices", noOptions.ErrorDescription, StringComparison.Ordinal);
        var badType = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Colour", Type = "Colour Picker" }));
        Assert.Contains("'Colour Picker' is not valid", badType.ErrorDescription, StringComparison.Ordinal);
        var noType = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Colour" }));
        Assert.Equal("Message not in expected format. The following required element was missing - /CustomFieldDefinition/Type", noType.ErrorDescription);
        var duplicate = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "due", Type = "Text" }));
        Assert.Contains("named 'due' already exists", duplicate.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(2, (await xpm.CustomFields.ListAsync()).Count);

        var wrongElement = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = [new CustomFieldValueUpdate { Uuid = due!.Uuid, Text = "tomorrow" }],
        }));
        Assert.Contains("'Due' carries its value in <Date>, not <Text>", wrongElement.ErrorDescription, StringComparison.Ordinal);

        var wrongOwner = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = [new CustomFieldValueUpdate { Uuid = due!.Uuid, Date = new DateOnly(2024, 4, 1) }, new CustomFieldValueUpdate { Uuid = clientOnly!.Uuid, Text = "Retail" }],
        }));
        Assert.Contains("'Sector'", wrongOwner.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("not used on time entries", wrongOwner.ErrorDescription, StringComparison.Ordinal);

        var unknownField = Guid.NewGuid().ToString();
        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = [new CustomFieldValueUpdate { Uuid = unknownField, Text = "x" }],
        }));
        Assert.Contains(unknownField, unknown.ErrorDescription, StringComparison.Ordinal);
        Assert.Empty(await xpm.Time.GetCustomFieldsAsync(entry.Uuid!));

        await xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate { Fields = [new CustomFieldValueUpdate { Uuid = due!.Uuid, Date = new DateOnly(2024, 4, 1) }] });
        Assert.Equal(new DateTime(2024, 4, 1), Assert.Single(await xpm.Time.GetCustomFieldsAsync(entry.Uuid!)).Date);

        // A type whose values live in another element leaves the old values unreadable, so they are forgotten.
        await xpm.CustomFields.UpdateAsync(new CustomFieldDefinitionUpdateRequest { Uuid = due.Uuid, Name = "Due", Type = "Text" });
        Assert.Empty(await xpm.Time.GetCustomFieldsAsync(entry.Uuid!));

        var unknownDefinition = await Assert.ThrowsAsync<XpmApiException>(() => xpm.CustomFields.DeleteAsync(new CustomFieldDefinitionUuidRequest { Uuid = unknownField }));
        Assert.Equal("Invalid custom field identifier", unknownDefinition.ErrorDescription);
    }
}
