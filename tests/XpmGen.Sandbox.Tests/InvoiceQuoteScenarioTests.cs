using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>invoice.api and quote.api through the typed client, over invoices and quotes arranged in the practice.</summary>
public sealed class InvoiceQuoteScenarioTests
{
    [Scenario]
    public async Task Invoices_are_listed_by_status_range_and_job_with_lines_when_detailed()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();

        var current = await xpm.Invoices.CurrentAsync();
        Assert.Equal(["I000001", "I000002"], current.Select(i => i.Id));
        Assert.All(current, invoice => Assert.Empty(invoice.Jobs));
        var detailed = await xpm.Invoices.CurrentAsync(detailed: true);
        Assert.Equal("Design", detailed[0].Jobs.Single().Tasks.Single().Name);

        var draft = Assert.Single(await xpm.Invoices.DraftAsync());
        Assert.Equal("I000003", draft.Id);

        var invoice = await xpm.Invoices.GetAsync("I000001");
        Assert.Equal("Approved", invoice.Status);
        Assert.Equal(225m, invoice.AmountIncludingTax);
        Assert.Equal("J000001", invoice.Jobs.Single().Id);

        Assert.Equal(["I000001", "I000003"], (await xpm.Invoices.ListByJobAsync("J000001")).Select(i => i.Id));

        var inRange = await xpm.Invoices.ListAsync(new DateOnly(2024, 2, 1), new DateOnly(2024, 12, 31));
        Assert.Equal(["I000002", "I000003", "I000004"], inRange.Select(i => i.Id));
        Assert.Equal(["I000001"], (await xpm.Invoices.ListAsync(new DateOnly(2024, 1, 15), new DateOnly(2024, 1, 15), detailed: true)).Select(i => i.Id));

        var payments = await xpm.Invoices.ListPaymentsAsync("I000001");
        Assert.Equal(100m, Assert.Single(payments).Amount);
        Assert.Empty(await xpm.Invoices.ListPaymentsAsync("I000003"));
    }

    [Scenario]
    public async Task Invoice_reads_that_break_a_rule_are_refused()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();

        var tooLong = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Invoices.ListAsync(new DateOnly(2023, 1, 1), new DateOnly(2024, 6, 1)));
        Assert.Contains("from 20230101 to 20240601", tooLong.ErrorDescription, StringComparison.Ordinal);
        var backwards = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Quotes.ListAsync(new DateOnly(2024, 6, 1), new DateOnly(2024, 5, 1)));
        Assert.Contains("ends before it starts", backwards.ErrorDescription, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Invoices.GetAsync("I999999"));
        Assert.Equal("Invalid invoice identifier", unknown.ErrorDescription);
        var unknownPayments = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Invoices.ListPaymentsAsync("I999999"));
        Assert.Equal("Invalid invoice identifier", unknownPayments.ErrorDescription);
        var unknownJob = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Invoices.ListByJobAsync("J999999"));
        Assert.Equal("Invalid job identifier", unknownJob.ErrorDescription);
        var unknownQuote = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Quotes.GetAsync("Q999999"));
        Assert.Equal("Invalid quote identifier", unknownQuote.ErrorDescription);
    }

    [Scenario]
    public async Task Quotes_are_listed_by_state_and_range_with_lines_when_detailed()
    {
        await using var practice = await ArrangedSandbox.StartAsync(Arrange);
        var xpm = practice.Sandbox.CreateClient();

        var current = await xpm.Quotes.CurrentAsync();
        Assert.Equal(["Q000001", "Q000002"], current.Select(q => q.Id));
        Assert.All(current, quote => Assert.Empty(quote.Tasks));
        Assert.Equal("Printing", (await xpm.Quotes.CurrentAsync(detailed: true))[0].Options.Single().Description);

        Assert.Equal("Q000003", Assert.Single(await xpm.Quotes.DraftAsync()).Id);
        Assert.Equal(["Q000003"], (await xpm.Quotes.DraftAsync(detailed: true)).Select(q => q.Id));

        var quote = await xpm.Quotes.GetAsync("Q000001");
        Assert.Equal("Estimate", quote.Type);
        Assert.Equal(60, quote.Tasks.Single().EstimatedMinutes);

        var inRange = await xpm.Quotes.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31));
        Assert.Equal(["Q000001", "Q000003", "Q000004"], inRange.Select(q => q.Id));
    }

    private static void Arrange(SandboxState state)
    {
        TimeScenarioTests.Arrange(state);
        state.Invoices.Add(Invoice("I000001", "Approved", new DateTime(2024, 1, 15), "J000001"));
        state.Invoices.Add(Invoice("I000002", "Paid", new DateTime(2024, 2, 1), "J000002"));
        state.Invoices.Add(Invoice("I000003", "Draft", new DateTime(2024, 3, 1), "J000001"));
        state.Invoices.Add(Invoice("I000004", "Cancelled", new DateTime(2024, 12, 31), "J000002"));
        state.InvoicePayments.For("I000001").Add(new InvoicePayment { Date = new DateTime(2024, 1, 20), Amount = 100m, Reference = "DD-1" });

        state.Quotes.Add(Quote("Q000001", "Issued", new DateTime(2024, 1, 10)));
        state.Quotes.Add(Quote("Q000002", "Accepted", new DateTime(2024, 5, 10)));
        state.Quotes.Add(Quote("Q000003", "Draft", new DateTime(2024, 2, 10)));
        state.Quotes.Add(Quote("Q000004", "Archived", new DateTime(2024, 3, 31)));
    }

    private static Invoice Invoice(string id, string status, DateTime date, string job) => new()
    {
        Id = id, InternalUuid = Guid.NewGuid().ToString(), Type = "Progress Invoice", Status = status, JobText = job,
        Date = date, DueDate = date.AddDays(20), Amount = 200m, AmountTax = 25m, AmountIncludingTax = 225m, AmountPaid = 100m, AmountOutstanding = 125m,
        Client = new Reference { Uuid = Guid.NewGuid().ToString(), Name = "A C Smith Limited" },
        Jobs =
        {
            new InvoiceJob
            {
                Id = job, Name = "Brochure",
                Tasks = { new InvoiceTask { Uuid = Guid.NewGuid().ToString(), Name = "Design", Minutes = 60, BillableRate = 150m, Billable = true, Amount = 150m } },
                Costs = { new InvoiceCost { Description = "Courier", Quantity = 1m, UnitCost = 50m, UnitPrice = 50m, Billable = true, Amount = 50m } },
            },
        },
    };

    private static Quote Quote(string id, string state, DateTime date) => new()
    {
        Id = id, Type = "Estimate", State = state, Name = "Brochure " + id, Date = date, ValidDate = date.AddDays(30), Amount = 200m,
        Client = new Reference { Uuid = Guid.NewGuid().ToString(), Name = "A C Smith Limited" },
        Tasks = { new QuoteTask { Name = "Design", EstimatedMinutes = 60, BillableRate = 150m, Billable = true, Amount = 150m } },
        Options = { new QuoteOption { Description = "Printing", Quantity = 1m, UnitCost = 50m, UnitPrice = 100m, Amount = 100m } },
    };
}
