using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>staff.api through the typed client.</summary>
public sealed class StaffScenarioTests
{
    [Scenario]
    public async Task Staff_are_added_read_updated_and_deleted()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: true);
        var xpm = sandbox.CreateClient();

        var added = await xpm.Staff.AddAsync(new StaffAddRequest { Name = "Ada Byron", Email = "ada@example.com", Phone = "555 0100" });
        Assert.False(string.IsNullOrEmpty(added.Uuid));
        Assert.Equal("Ada Byron", added.Name);

        var fetched = await xpm.Staff.GetAsync(added.Uuid!);
        Assert.Equal("ada@example.com", fetched.Email);
        Assert.Equal("555 0100", fetched.Phone);
        Assert.Contains(await xpm.Staff.ListAsync(), s => s.Uuid == added.Uuid);

        var updated = await xpm.Staff.UpdateAsync(new StaffUpdateRequest { Uuid = added.Uuid, Name = "Ada Lovelace", Mobile = "021 555" });
        Assert.Equal("Ada Lovelace", updated.Name);
        var reread = await xpm.Staff.GetAsync(added.Uuid!);
        Assert.Equal("Ada Lovelace", reread.Name);
        Assert.Equal("021 555", reread.Mobile);
        Assert.Equal("555 0100", reread.Phone);

        await xpm.Staff.EnableAsync(new StaffEnableRequest { Uuid = added.Uuid });
        await xpm.Staff.DisableAsync(new StaffUuidRequest { Uuid = added.Uuid });
        await xpm.Staff.ForgottenPasswordAsync(new StaffUuidRequest { Uuid = added.Uuid });

        await xpm.Staff.DeleteAsync(new StaffUuidRequest { Uuid = added.Uuid });
        Assert.DoesNotContain(await xpm.Staff.ListAsync(), s => s.Uuid == added.Uuid);
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.GetAsync(added.Uuid!));
        Assert.Equal("Invalid staff identifier", gone.ErrorDescription);
    }

    [Scenario]
    public async Task Staff_writes_that_break_a_rule_are_refused_and_change_nothing()
    {
        await using var practice = await ArrangedSandbox.StartAsync(TimeScenarioTests.Arrange);
        var xpm = practice.Sandbox.CreateClient();
        var before = await xpm.Staff.ListAsync();
        var jo = before.Single(s => s.Name == "Jo Bloggs");

        var noName = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.AddAsync(new StaffAddRequest { Email = "x@example.com" }));
        Assert.Equal("Message not in expected format. The following required element was missing - /Staff/Name", noName.ErrorDescription);

        var badEmail = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.UpdateAsync(new StaffUpdateRequest { Uuid = jo.Uuid, Name = "Jo B", Email = "jo at example" }));
        Assert.Contains("'jo at example' is not valid", badEmail.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal("Jo Bloggs", (await xpm.Staff.GetAsync(jo.Uuid!)).Name);

        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.DisableAsync(new StaffUuidRequest { Uuid = Guid.NewGuid().ToString() }));
        Assert.Equal("Invalid staff identifier", unknown.ErrorDescription);
        await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.ForgottenPasswordAsync(new StaffUuidRequest { Uuid = Guid.NewGuid().ToString() }));

        var job = (await xpm.Time.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2))).Count;
        Assert.Equal(0, job);
        var entry = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = "9b1c3f10-0000-4000-8000-000000000001", StaffUuid = jo.Uuid, Date = new DateOnly(2024, 3, 4), Minutes = 30,
        });
        var hasTime = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Staff.DeleteAsync(new StaffUuidRequest { Uuid = jo.Uuid }));
        Assert.Contains("cannot be deleted: 1 time entries are recorded by them", hasTime.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await xpm.Staff.ListAsync()).Count);

        await xpm.Time.DeleteAsync(entry.Uuid!);
        await xpm.Staff.DeleteAsync(new StaffUuidRequest { Uuid = jo.Uuid });
        Assert.Equal(before.Count - 1, (await xpm.Staff.ListAsync()).Count);
    }
}
