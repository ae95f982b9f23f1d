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
public sealed class TimeContractTests : ContractTestBase
{
    public TimeContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_sends_from_and_to_as_yyyyMMdd_and_reads_both_entries()
    {
        var times = await Xpm.Time.ListAsync(new DateOnly(2009, 8, 1), new DateOnly(2009, 9, 1), Ct);

        var request = await SingleCallAsync("GET", "time.api/list");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("20090801", request.QueryValue("from"));
        Assert.Equal("20090901", request.QueryValue("to"));

        Assert.Equal(2, times.Count);
        var timed = times[0];
        Assert.Equal("19469dcf-214b-4922-9d0e-050f6fc7b202", timed.Uuid);
        Assert.NotNull(timed.Job);
        Assert.Equal("J000309", timed.Job.Id);
        Assert.Equal("Annual Accounts FY2009", timed.Job.Name);
        Assert.NotNull(timed.Task);
        Assert.Equal("3b7cb5f5-114e-4e99-b08e-83ec31779a84", timed.Task.Uuid);
        Assert.Equal("Prepare Financial Statements", timed.Task.Name);
        Assert.NotNull(timed.Staff);
        Assert.Equal("e1e5128e-ed62-49ee-a489-c1acbde68bcf", timed.Staff.Uuid);
        Assert.Equal("Priya Raman", timed.Staff.Name?.Trim()); // the stub keeps XPM's trailing space
        Assert.Equal(new DateTime(2009, 8, 12), timed.Date);
        Assert.Equal(240, timed.Minutes);
        Assert.Null(timed.Note);
        Assert.True(timed.Billable);
        Assert.Equal(new TimeOnly(13, 0), timed.Start);
        Assert.Equal(new TimeOnly(17, 0), timed.End);
        Assert.Null(timed.InvoiceTaskUuid);

        var untimed = times[1];
        Assert.Equal("Review & Sign-off", untimed.Task?.Name);
        Assert.Equal("Tomas Brennan", untimed.Staff?.Name);
        Assert.Equal(new DateTime(2009, 8, 20), untimed.Date);
        Assert.Equal(90, untimed.Minutes);
        Assert.Equal("Call with client about year-end adjustments", untimed.Note);
        Assert.False(untimed.Billable);
        Assert.Null(untimed.Start);
        Assert.Null(untimed.End);
        Assert.Equal("b0999df0-11dc-4606-8361-bacd1610df60", untimed.InvoiceTaskUuid);
    }

    [Fact]
    public async Task List_over_more_than_one_year_is_sent_as_given_and_XPM_rejects_it()
    {
        // XPM allows at most one year between from and to. The client does not check the range itself:
        // the stub answers a longer range as Xero's OpenAPI declares (HTTP 400; the exact XML answer is unconfirmed).
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Time.ListAsync(new DateOnly(2009, 1, 1), new DateOnly(2010, 6, 1), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The date range between from and to must be less than one year", error.ErrorDescription);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c0026", error.CorrelationId);

        var request = await SingleCallAsync("GET", "time.api/list");
        Assert.Equal("20090101", request.QueryValue("from"));
        Assert.Equal("20100601", request.QueryValue("to"));
    }

    [Fact]
    public async Task ListByJob_without_a_range_sends_no_query_and_reads_every_entry_of_the_job()
    {
        var times = await Xpm.Time.ListByJobAsync(ContractData.JobNumber, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "time.api/job/" + ContractData.JobNumber);
        Assert.Empty(request.Query);

        Assert.Equal(
            new[] { TimeContractData.TimedEntryUuid, TimeContractData.InvoicedEntryUuid, TimeContractData.BankQueriesEntryUuid },
            times.Select(t => t.Uuid));
        Assert.All(times, t => Assert.Equal(ContractData.JobNumber, t.Job?.Id));
        Assert.Equal(new[] { 240, 90, 120 }, times.Select(t => t.Minutes ?? 0));
        Assert.Equal(new[] { "Priya Raman", "Tomas Brennan", "Priya Raman" }, times.Select(t => t.Staff?.Name));
        var last = times[2];
        Assert.Equal(new DateTime(2009, 8, 25), last.Date);
        Assert.Equal("Bank reconciliation queries", last.Note);
        Assert.True(last.Billable);
        Assert.Null(last.Start);
        Assert.Null(last.InvoiceTaskUuid);
    }

    [Fact]
    public async Task ListByJob_with_a_range_sends_from_and_to_and_reads_the_single_entry()
    {
        var times = await Xpm.Time.ListByJobAsync(ContractData.JobNumber, new DateOnly(2009, 8, 1), new DateOnly(2009, 8, 15), Ct);

        var request = await SingleCallAsync("GET", "time.api/job/" + ContractData.JobNumber);
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("20090801", request.QueryValue("from"));
        Assert.Equal("20090815", request.QueryValue("to"));

        var only = Assert.Single(times);
        Assert.Equal(TimeContractData.TimedEntryUuid, only.Uuid);
        Assert.Equal(TimeContractData.PrepareFinancialStatementsJobTaskUuid, only.Task?.Uuid);
        Assert.Equal(new TimeOnly(13, 0), only.Start);
        Assert.Equal(new TimeOnly(17, 0), only.End);
    }

    [Fact]
    public async Task ListByJob_of_a_job_without_time_reads_an_empty_list()
    {
        var times = await Xpm.Time.ListByJobAsync(TimeContractData.JobWithoutTime, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "time.api/job/" + TimeContractData.JobWithoutTime);
        Assert.Empty(request.Query);
        Assert.Empty(times);
    }

    [Fact]
    public async Task ListByStaff_sends_the_staff_UUID_and_the_range_and_reads_the_entries()
    {
        var times = await Xpm.Time.ListByStaffAsync(StaffContractData.PriyaUuid, new DateOnly(2009, 8, 1), new DateOnly(2009, 8, 31), Ct);

        var request = await SingleCallAsync("GET", "time.api/staff/" + StaffContractData.PriyaUuid);
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("20090801", request.QueryValue("from"));
        Assert.Equal("20090831", request.QueryValue("to"));

        Assert.Equal(new[] { TimeContractData.TimedEntryUuid, TimeContractData.BankQueriesEntryUuid }, times.Select(t => t.Uuid));
        Assert.All(times, t => Assert.Equal(StaffContractData.PriyaUuid, t.Staff?.Uuid));
        Assert.Equal(new DateTime(2009, 8, 12), times[0].Date);
        Assert.Equal(new DateTime(2009, 8, 25), times[1].Date);
        Assert.Equal(120, times[1].Minutes);
    }

    [Fact]
    public async Task ListByStaff_reads_a_single_entry()
    {
        var times = await Xpm.Time.ListByStaffAsync(StaffContractData.TomasUuid, new DateOnly(2009, 8, 1), new DateOnly(2009, 8, 31), Ct);

        await SingleCallAsync("GET", "time.api/staff/" + StaffContractData.TomasUuid);
        var only = Assert.Single(times);
        Assert.Equal(TimeContractData.InvoicedEntryUuid, only.Uuid);
        Assert.False(only.Billable);
        Assert.Equal("b0999df0-11dc-4606-8361-bacd1610df60", only.InvoiceTaskUuid);
    }

    [Fact]
    public async Task ListByStaff_of_a_staff_member_without_time_reads_an_empty_list()
    {
        var times = await Xpm.Time.ListByStaffAsync(StaffContractData.ArohaUuid, new DateOnly(2009, 8, 1), new DateOnly(2009, 8, 31), Ct);

        await SingleCallAsync("GET", "time.api/staff/" + StaffContractData.ArohaUuid);
        Assert.Empty(times);
    }

    [Fact]
    public async Task ListByStaff_over_more_than_one_year_is_rejected_by_XPM()
    {
        // XPM documents the one-year maximum for time.api/list; that it applies here too is inferred,
        // and Xero's OpenAPI declares HTTP 400 for this endpoint.
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Time.ListByStaffAsync(StaffContractData.PriyaUuid, new DateOnly(2009, 1, 1), new DateOnly(2010, 6, 1), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The date range between from and to must be less than one year", error.ErrorDescription);
        Assert.Equal("Staff", error.ApiMethod);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c0019", error.CorrelationId);
        await SingleCallAsync("GET", "time.api/staff/" + StaffContractData.PriyaUuid);
    }

    [Fact]
    public async Task Get_reads_one_time_entry()
    {
        var time = await Xpm.Time.GetAsync(TimeContractData.TimedEntryUuid, Ct);

        var request = await SingleCallAsync("GET", "time.api/get/" + TimeContractData.TimedEntryUuid);
        Assert.Empty(request.Query);

        Assert.Equal(TimeContractData.TimedEntryUuid, time.Uuid);
        Assert.Equal("J000309", time.Job?.Id);
        Assert.Equal("Annual Accounts FY2009", time.Job?.Name);
        Assert.Equal(TimeContractData.PrepareFinancialStatementsJobTaskUuid, time.Task?.Uuid);
        Assert.Equal("Prepare Financial Statements", time.Task?.Name);
        Assert.Equal(StaffContractData.PriyaUuid, time.Staff?.Uuid);
        Assert.Equal(new DateTime(2009, 8, 12), time.Date);
        Assert.Equal(240, time.Minutes);
        Assert.Null(time.Note);
        Assert.True(time.Billable);
        Assert.Equal(new TimeOnly(13, 0), time.Start);
        Assert.Equal(new TimeOnly(17, 0), time.End);
        Assert.Null(time.InvoiceTaskUuid);
        Assert.Null(time.WebUrl);
    }

    [Fact]
    public async Task Get_of_an_unknown_time_entry_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Time.GetAsync(TimeContractData.UnknownEntryUuid, Ct));

        Assert.IsAssignableFrom<XpmException>(error);
        Assert.Equal("Invalid time identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("time.api/get/" + TimeContractData.UnknownEntryUuid, error.Path);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c001b", error.CorrelationId);

        await SingleCallAsync("GET", "time.api/get/" + TimeContractData.UnknownEntryUuid);
    }

    [Fact]
    public async Task Add_by_duration_posts_a_Timesheet_document_and_reads_the_new_Time()
    {
        var added = await Xpm.Time.AddAsync(
            new TimesheetAddRequest
            {
                Job = ContractData.JobNumber,
                TaskUuid = TimeContractData.PrepareFinancialStatementsJobTaskUuid,
                StaffUuid = StaffContractData.PriyaUuid,
                Date = new DateOnly(2009, 8, 26),
                Minutes = 60,
                Note = "Drafted notes to the financial statements",
            },
            Ct);

        var request = await SingleCallAsync("POST", "time.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Timesheet");
        Assert.Equal(new[] { "Job", "TaskUUID", "StaffUUID", "Date", "Minutes", "Note" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("J000309", Child(body, "Job"));
        Assert.Equal(TimeContractData.PrepareFinancialStatementsJobTaskUuid, Child(body, "TaskUUID"));
        Assert.Equal(StaffContractData.PriyaUuid, Child(body, "StaffUUID"));
        Assert.Equal("20090826", Child(body, "Date"));
        Assert.Equal("60", Child(body, "Minutes"));
        Assert.Equal("Drafted notes to the financial statements", Child(body, "Note"));

        Assert.Equal(TimeContractData.AddedEntryUuid, added.Uuid);
        Assert.Equal(new DateTime(2009, 8, 26), added.Date);
        Assert.Equal(60, added.Minutes);
        Assert.Equal("Drafted notes to the financial statements", added.Note);
        Assert.True(added.Billable);
        Assert.Null(added.Start);
        Assert.Null(added.End);
    }

    [Fact]
    public async Task Add_negative_time_sends_negative_Minutes()
    {
        var added = await Xpm.Time.AddAsync(
            new TimesheetAddRequest
            {
                Job = ContractData.JobNumber,
                TaskUuid = TimeContractData.PrepareFinancialStatementsJobTaskUuid,
                StaffUuid = StaffContractData.PriyaUuid,
                Date = new DateOnly(2009, 8, 27),
                Minutes = -60,
                Note = "Negative time entry: hour recorded twice",
            },
            Ct);

        var body = XmlBody(await SingleCallAsync("POST", "time.api/add"), "Timesheet");
        Assert.Equal("-60", Child(body, "Minutes"));
        Assert.Equal("20090827", Child(body, "Date"));
        Assert.Null(body.Element("Start"));

        Assert.Equal("fc5ca792-7cc6-4574-8f36-54a3759aa5b2", added.Uuid);
        Assert.Equal(-60, added.Minutes);
    }

    [Fact]
    public async Task Add_by_start_and_end_sends_HH_mm_times_without_Minutes()
    {
        var added = await Xpm.Time.AddAsync(
            new TimesheetAddRequest
            {
                Job = ContractData.JobNumber,
                TaskUuid = TimeContractData.PrepareFinancialStatementsJobTaskUuid,
                StaffUuid = StaffContractData.PriyaUuid,
                Date = new DateOnly(2009, 8, 28),
                Start = new TimeOnly(13, 0),
                End = new TimeOnly(13, 30),
                Note = "Phone call with the bank",
            },
            Ct);

        var body = XmlBody(await SingleCallAsync("POST", "time.api/add"), "Timesheet");
        Assert.Equal(new[] { "Job", "TaskUUID", "StaffUUID", "Date", "Start", "End", "Note" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("20090828", Child(body, "Date"));
        Assert.Equal("13:00", Child(body, "Start"));
        Assert.Equal("13:30", Child(body, "End"));

        Assert.Equal("bf149f77-b218-408a-8f37-12c0d7e197e2", added.Uuid);
        Assert.Equal(30, added.Minutes);
        Assert.Equal(new TimeOnly(13, 0), added.Start);
        Assert.Equal(new TimeOnly(13, 30), added.End);
    }

    [Fact]
    public async Task Update_by_duration_puts_a_Timesheet_document_with_its_UUID_and_reads_the_updated_Time()
    {
        var updated = await Xpm.Time.UpdateAsync(
            new TimesheetUpdateRequest
            {
                Uuid = TimeContractData.InvoicedEntryUuid,
                Job = ContractData.JobNumber,
                TaskUuid = TimeContractData.ReviewJobTaskUuid,
                StaffUuid = StaffContractData.TomasUuid,
                Date = new DateOnly(2009, 8, 20),
                Minutes = 120,
                Note = "Call and follow-up email about year-end adjustments",
            },
            Ct);

        var request = await SingleCallAsync("PUT", "time.api/update");
        var body = XmlBody(request, "Timesheet");
        Assert.Equal(new[] { "UUID", "Job", "TaskUUID", "StaffUUID", "Date", "Minutes", "Note" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(TimeContractData.InvoicedEntryUuid, Child(body, "UUID"));
        Assert.Equal(TimeContractData.ReviewJobTaskUuid, Child(body, "TaskUUID"));
        Assert.Equal(StaffContractData.TomasUuid, Child(body, "StaffUUID"));
        Assert.Equal("20090820", Child(body, "Date"));
        Assert.Equal("120", Child(body, "Minutes"));

        Assert.Equal(TimeContractData.InvoicedEntryUuid, updated.Uuid);
        Assert.Equal(120, updated.Minutes);
        Assert.Equal("Call and follow-up email about year-end adjustments", updated.Note);
        Assert.False(updated.Billable);
    }

    [Fact]
    public async Task Update_by_start_and_end_sends_HH_mm_times_without_Minutes()
    {
        var updated = await Xpm.Time.UpdateAsync(
            new TimesheetUpdateRequest
            {
                Uuid = TimeContractData.TimedEntryUuid,
                Job = ContractData.JobNumber,
                TaskUuid = TimeContractData.PrepareFinancialStatementsJobTaskUuid,
                StaffUuid = StaffContractData.PriyaUuid,
                Date = new DateOnly(2009, 8, 12),
                Start = new TimeOnly(9, 0),
                End = new TimeOnly(12, 30),
            },
            Ct);

        var body = XmlBody(await SingleCallAsync("PUT", "time.api/update"), "Timesheet");
        Assert.Equal(new[] { "UUID", "Job", "TaskUUID", "StaffUUID", "Date", "Start", "End" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(TimeContractData.TimedEntryUuid, Child(body, "UUID"));
        Assert.Equal("09:00", Child(body, "Start"));
        Assert.Equal("12:30", Child(body, "End"));

        Assert.Equal(210, updated.Minutes);
        Assert.Equal(new TimeOnly(9, 0), updated.Start);
        Assert.Equal(new TimeOnly(12, 30), updated.End);
    }

    [Fact]
    public async Task Delete_sends_DELETE_with_the_UUID_in_the_path_and_no_body()
    {
        await Xpm.Time.DeleteAsync(TimeContractData.BankQueriesEntryUuid, Ct);

        var request = await SingleCallAsync("DELETE", "time.api/delete/" + TimeContractData.BankQueriesEntryUuid);
        Assert.Empty(request.Query);
        Assert.Equal(string.Empty, request.Body);
    }
}
