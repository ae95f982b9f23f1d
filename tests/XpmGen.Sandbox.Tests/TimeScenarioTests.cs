using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>time.api through the typed client: entries recorded against tasks of a job, listed by range, job and staff.</summary>
public sealed class TimeScenarioTests
{
    private const string Design = "9b1c3f10-0000-4000-8000-000000000001";
    private const string Print = "9b1c3f10-0000-4000-8000-000000000002";
    private const string Audit = "9b1c3f10-0000-4000-8000-000000000003";
    private const string Jo = "5a7e2d40-0000-4000-8000-000000000001";
    private const string Sam = "5a7e2d40-0000-4000-8000-000000000002";
    private const string Invoiced = "7c4d1e20-0000-4000-8000-000000000001";

    [Scenario]
    public async Task Time_is_recorded_by_minutes_or_span_read_back_updated_and_deleted()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();

        var byMinutes = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Design, StaffUuid = Jo, Date = new DateOnly(2024, 3, 4), Minutes = 90, Note = "Layout",
        });
        Assert.Equal("J000001", byMinutes.Job?.Id);
        Assert.Equal("Brochure", byMinutes.Job?.Name);
        Assert.Equal(Design, byMinutes.Task?.Uuid);
        Assert.Equal("Design", byMinutes.Task?.Name);
        Assert.Equal("Jo Bloggs", byMinutes.Staff?.Name);
        Assert.Equal(new DateTime(2024, 3, 4), byMinutes.Date);
        Assert.Equal(90, byMinutes.Minutes);
        Assert.True(byMinutes.Billable);
        Assert.Null(byMinutes.Start);

        var bySpan = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Print, StaffUuid = Sam, Date = new DateOnly(2024, 3, 5), Start = new TimeOnly(13, 0), End = new TimeOnly(14, 15),
        });
        Assert.Equal(75, bySpan.Minutes);
        Assert.Equal(new TimeOnly(13, 0), bySpan.Start);
        Assert.Equal(new TimeOnly(14, 15), bySpan.End);
        Assert.False(bySpan.Billable);

        var negative = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000002", TaskUuid = Audit, StaffUuid = Jo, Date = new DateOnly(2024, 6, 1), Minutes = -30,
        });
        Assert.Equal(-30, negative.Minutes);

        var fetched = await xpm.Time.GetAsync(byMinutes.Uuid!);
        Assert.Equal("Layout", fetched.Note);
        Assert.Equal(90, fetched.Minutes);

        var march = await xpm.Time.ListAsync(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5));
        Assert.Equal([byMinutes.Uuid, bySpan.Uuid], march.Select(t => t.Uuid));
        Assert.Single(await xpm.Time.ListAsync(new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 5)));

        var ofJob = await xpm.Time.ListByJobAsync("J000001");
        Assert.Equal(2, ofJob.Count);
        Assert.Single(await xpm.Time.ListByJobAsync("J000001", new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 31)));

        var ofJo = await xpm.Time.ListByStaffAsync(Jo, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        Assert.Equal([byMinutes.Uuid, negative.Uuid], ofJo.Select(t => t.Uuid));

        var updated = await xpm.Time.UpdateAsync(new TimesheetUpdateRequest
        {
            Uuid = byMinutes.Uuid, Job = "J000001", TaskUuid = Print, StaffUuid = Sam, Date = new DateOnly(2024, 3, 6),
            Start = new TimeOnly(9, 0), End = new TimeOnly(9, 45), Note = "Proofs",
        });
        Assert.Equal(45, updated.Minutes);
        Assert.Equal("Print", updated.Task?.Name);
        Assert.Equal("Sam Lee", updated.Staff?.Name);
        Assert.False(updated.Billable);
        var reread = await xpm.Time.GetAsync(byMinutes.Uuid!);
        Assert.Equal("Proofs", reread.Note);
        Assert.Equal(new DateTime(2024, 3, 6), reread.Date);
        Assert.Empty(await xpm.Time.ListByStaffAsync(Jo, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31)));

        await xpm.Time.DeleteAsync(bySpan.Uuid!);
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.GetAsync(bySpan.Uuid!));
        Assert.Equal("Invalid time identifier", gone.ErrorDescription);
        Assert.Single(await xpm.Time.ListByJobAsync("J000001"));
    }

    [Scenario]
    public async Task Time_custom_fields_are_set_read_and_cleared()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();
        var entry = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Design, StaffUuid = Jo, Date = new DateOnly(2024, 3, 4), Minutes = 60,
        });
        var channel = await xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest
        {
            Name = "Channel", Type = "Dropdown List", Options = ["Phone", "Email"], UseJobTime = true,
        });
        var mileage = await xpm.CustomFields.AddAsync(new CustomFieldDefinitionAddRequest { Name = "Mileage", Type = "Decimal", UseJobTime = true });

        await xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = [new CustomFieldValueUpdate { Uuid = channel!.Uuid, Text = "email" }, new CustomFieldValueUpdate { Name = "Mileage", Decimal = 12.5m }],
        });
        var values = await xpm.Time.GetCustomFieldsAsync(entry.Uuid!);
        Assert.Equal("Email", values.Single(v => v.Uuid == channel.Uuid).Text);
        Assert.Equal("Channel", values.Single(v => v.Uuid == channel.Uuid).Name);
        Assert.Equal(12.5m, values.Single(v => v.Uuid == mileage!.Uuid).Decimal);

        var notAnOption = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = [new CustomFieldValueUpdate { Uuid = mileage!.Uuid, Decimal = 99m }, new CustomFieldValueUpdate { Uuid = channel.Uuid, Text = "Fax" }],
        }));
        Assert.Contains("'Fax' is not an option of the custom field 'Channel'", notAnOption.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(12.5m, (await xpm.Time.GetCustomFieldsAsync(entry.Uuid!)).Single(v => v.Uuid == mileage!.Uuid).Decimal);

        await xpm.Time.UpdateCustomFieldsAsync(entry.Uuid!, new CustomFieldValuesUpdate { Fields = [new CustomFieldValueUpdate { Uuid = mileage!.Uuid }] });
        Assert.Equal([channel.Uuid], (await xpm.Time.GetCustomFieldsAsync(entry.Uuid!)).Select(v => v.Uuid));

        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.GetCustomFieldsAsync(Guid.NewGuid().ToString()));
        Assert.Equal("Invalid time identifier", unknown.ErrorDescription);
    }

    [Scenario]
    public async Task Time_writes_that_break_a_rule_are_refused_and_change_nothing()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();
        var entry = await xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Design, StaffUuid = Jo, Date = new DateOnly(2024, 3, 4), Minutes = 60,
        });

        var tooLong = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.Contains("from 20240101 to 20250101", tooLong.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("one year", tooLong.ErrorDescription, StringComparison.Ordinal);
        Assert.Single(await xpm.Time.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        var otherJobsTask = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Audit, StaffUuid = Jo, Date = new DateOnly(2024, 3, 4), Minutes = 60,
        }));
        Assert.Contains($"{Audit} is not a task of job J000001", otherJobsTask.ErrorDescription, StringComparison.Ordinal);

        var unknownStaff = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.UpdateAsync(new TimesheetUpdateRequest
        {
            Uuid = entry.Uuid, Job = "J000001", TaskUuid = Design, StaffUuid = Guid.NewGuid().ToString(), Date = new DateOnly(2024, 3, 9), Minutes = 5,
        }));
        Assert.Equal("Invalid staff identifier", unknownStaff.ErrorDescription);

        var noStaff = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Design, Date = new DateOnly(2024, 3, 4), Minutes = 60,
        }));
        Assert.Equal("Message not in expected format. The following required element was missing - /Timesheet/StaffUUID", noStaff.ErrorDescription);

        var backwards = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.AddAsync(new TimesheetAddRequest
        {
            Job = "J000001", TaskUuid = Design, StaffUuid = Jo, Date = new DateOnly(2024, 3, 4), Start = new TimeOnly(10, 0), End = new TimeOnly(9, 0),
        }));
        Assert.Contains("End (09:00) must be after its Start (10:00)", backwards.ErrorDescription, StringComparison.Ordinal);

        var invoiced = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.DeleteAsync(Invoiced));
        Assert.Contains($"The time entry {Invoiced} has been invoiced", invoiced.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(120, (await xpm.Time.GetAsync(Invoiced)).Minutes);

        var unknownJob = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Time.ListByJobAsync("J999999"));
        Assert.Equal("Invalid job identifier", unknownJob.ErrorDescription);

        var unchanged = await xpm.Time.GetAsync(entry.Uuid!);
        Assert.Equal(60, unchanged.Minutes);
        Assert.Equal("Jo Bloggs", unchanged.Staff?.Name);
        Assert.Single(await xpm.Time.ListByJobAsync("J000001"));
    }

    [Fact]
    public async Task The_demo_practice_reads_consistently_through_these_resources()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var xpm = sandbox.CreateClient();

        var time = await xpm.Time.ListAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.NotEmpty(time);
        Assert.All(time, entry =>
        {
            Assert.False(string.IsNullOrEmpty(entry.Job?.Name));
            Assert.False(string.IsNullOrEmpty(entry.Task?.Name));
            Assert.False(string.IsNullOrEmpty(entry.Staff?.Name));
        });

        Assert.NotEmpty(await xpm.Staff.ListAsync());
        Assert.NotEmpty(await xpm.Costs.ListAllAsync().ToListAsync());
        Assert.All(await xpm.CustomFields.ListAsync(), definition => Assert.NotNull(definition.ValueElement));
        Assert.All(await xpm.Invoices.CurrentAsync(), invoice => Assert.Contains(invoice.Status, new[] { "Approved", "Paid" }));
        Assert.All(await xpm.Quotes.CurrentAsync(), quote => Assert.Contains(quote.State, new[] { "Issued", "Accepted" }));
    }

    /// <summary>Two staff, a job with a billable and a non-billable task, and a second job with one task.</summary>
    internal static void Arrange(SandboxState state)
    {
        state.Staff.Add(new Staff { Uuid = Jo, Name = "Jo Bloggs", Email = "jo@example.com" });
        state.Staff.Add(new Staff { Uuid = Sam, Name = "Sam Lee", Email = "sam@example.com" });
        state.Jobs.Add(new Job
        {
            Id = "J000001", Uuid = Guid.NewGuid().ToString(), Name = "Brochure", State = "Planned",
            Tasks =
            {
                new JobTask { Uuid = Design, TaskUuid = Guid.NewGuid().ToString(), Name = "Design", Billable = true },
                new JobTask { Uuid = Print, TaskUuid = Guid.NewGuid().ToString(), Name = "Print", Billable = false },
            },
        });
        state.Jobs.Add(new Job
        {
            Id = "J000002", Uuid = Guid.NewGuid().ToString(), Name = "Audit 2024", State = "Planned",
            Tasks = { new JobTask { Uuid = Audit, TaskUuid = Guid.NewGuid().ToString(), Name = "Audit", Billable = true } },
        });
        state.Time.Add(new Time
        {
            Uuid = Invoiced, Job = new JobReference { Id = "J000002", Name = "Audit 2024" }, Task = new Reference { Uuid = Audit, Name = "Audit" },
            Staff = new Reference { Uuid = Sam, Name = "Sam Lee" }, Date = new DateTime(2023, 6, 1), Minutes = 120, Billable = true,
            InvoiceTaskUuid = Guid.NewGuid().ToString(),
        });
    }
}
