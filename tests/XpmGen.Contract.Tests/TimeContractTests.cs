using System;
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
}
