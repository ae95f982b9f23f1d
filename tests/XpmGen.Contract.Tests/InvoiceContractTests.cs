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
public sealed class InvoiceContractTests : ContractTestBase
{
    /// <summary>Approved progress invoice of job J000412 for Kowhai Landscaping (job invoice, InternalUUID).</summary>
    private const string JobInvoiceNumber = "I000123";

    /// <summary>Paid final invoice of job J000415 for M. Okafor, paid in two payments.</summary>
    private const string PaidInvoiceNumber = "I000124";

    /// <summary>Draft miscellaneous invoice for Tui Street Bakery (UUID element, lines directly under Invoice, no payments).</summary>
    private const string MiscellaneousInvoiceNumber = "I000130";

    public InvoiceContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Current_reads_the_summary_of_each_invoice_without_lines()
    {
        var invoices = await Xpm.Invoices.CurrentAsync(detailed: null, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/current");
        Assert.Empty(request.Query);

        Assert.Equal(2, invoices.Count);
        var progress = invoices[0];
        Assert.Equal(JobInvoiceNumber, progress.Id);
        Assert.Equal("f927e6af-ff61-4cbd-9716-bcaa964a86a4", progress.InternalUuid);
        Assert.Null(progress.Uuid);
        Assert.Equal("Progress Invoice", progress.Type);
        Assert.Equal("Approved", progress.Status);
        Assert.Equal("J000412", progress.JobText);
        Assert.Null(progress.Description);
        Assert.Equal(new DateTime(2025, 6, 30), progress.Date);
        Assert.Equal(new DateTime(2025, 7, 20), progress.DueDate);
        Assert.Equal(1150.00m, progress.Amount);
        Assert.Equal(172.50m, progress.AmountTax);
        Assert.Equal(1322.50m, progress.AmountIncludingTax);
        Assert.Equal(500.00m, progress.AmountPaid);
        Assert.Equal(822.50m, progress.AmountOutstanding);
        Assert.Equal(ContractData.KowhaiClientUuid, progress.Client?.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", progress.Client?.Name);
        Assert.Equal("5784f88b-ca5d-4159-97ba-16439798ef65", progress.Contact?.Uuid);
        Assert.Equal("Hana Whitfield", progress.Contact?.Name);
        Assert.Empty(progress.Jobs);
        Assert.Empty(progress.Tasks);
        Assert.Empty(progress.Costs);

        var paid = invoices[1];
        Assert.Equal(PaidInvoiceNumber, paid.Id);
        Assert.Equal("Final Invoice", paid.Type);
        Assert.Equal("Paid", paid.Status);
        Assert.Equal(345.00m, paid.AmountPaid);
        Assert.Equal(0.00m, paid.AmountOutstanding);
        Assert.Equal(ContractData.OkaforClientUuid, paid.Client?.Uuid);
    }

    [Fact]
    public async Task Current_detailed_sends_detailed_true_and_reads_the_jobs_and_lines()
    {
        var invoices = await Xpm.Invoices.CurrentAsync(detailed: true, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/current");
        Assert.Equal(new[] { "detailed" }, request.Query.Keys);
        Assert.Equal("true", request.QueryValue("detailed"));

        Assert.Equal(new[] { JobInvoiceNumber, PaidInvoiceNumber }, invoices.Select(i => i.Id));
        var job = Assert.Single(invoices[0].Jobs);
        Assert.Equal("J000412", job.Id);
        Assert.Equal(2, job.Tasks.Count);
        Assert.Single(job.Costs);

        var gstJob = Assert.Single(invoices[1].Jobs);
        Assert.Equal("J000415", gstJob.Id);
        Assert.Equal("GST Return March", gstJob.Name);
        Assert.Equal("Two-monthly GST return", gstJob.Description);
        Assert.Equal("PO-7781", gstJob.ClientOrderNumber);
        var gstTask = Assert.Single(gstJob.Tasks);
        Assert.Equal("GST Return", gstTask.Name);
        Assert.Equal(120, gstTask.Minutes);
        Assert.Empty(gstJob.Costs); // <Costs />
    }

    [Fact]
    public async Task Draft_reads_the_draft_miscellaneous_invoice_and_its_UUID_element()
    {
        var invoices = await Xpm.Invoices.DraftAsync(detailed: null, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/draft");
        Assert.Empty(request.Query);

        var draft = Assert.Single(invoices);
        Assert.Equal(MiscellaneousInvoiceNumber, draft.Id);
        Assert.Null(draft.InternalUuid);
        Assert.Equal("3121b72c-1817-4216-8c36-26030b6eeac8", draft.Uuid);
        Assert.Equal("Miscellaneous", draft.Type);
        Assert.Equal("Draft", draft.Status);
        Assert.Null(draft.JobText); // <JobText />
        Assert.Equal(0.00m, draft.AmountPaid);
        Assert.Equal(276.00m, draft.AmountOutstanding);
        Assert.Equal(ContractData.TuiStreetClientUuid, draft.Client?.Uuid);
        Assert.Equal("Wiremu Tane", draft.Contact?.Name);
        Assert.Empty(draft.Tasks);
        Assert.Empty(draft.Costs);
    }

    [Fact]
    public async Task Draft_detailed_reads_the_lines_directly_under_a_miscellaneous_invoice()
    {
        var invoices = await Xpm.Invoices.DraftAsync(detailed: true, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/draft");
        Assert.Equal("true", request.QueryValue("detailed"));

        var draft = Assert.Single(invoices);
        Assert.Empty(draft.Jobs);
        Assert.Equal(new[] { "Payroll setup", "Courtesy call" }, draft.Tasks.Select(t => t.Name));
        Assert.True(draft.Tasks[0].Billable);
        Assert.False(draft.Tasks[1].Billable); // <Billable>No</Billable>
        Assert.Equal(0.00m, draft.Tasks[1].Amount);
        Assert.Equal("PRINT", Assert.Single(draft.Costs).Code);
    }

    [Fact]
    public async Task Get_reads_a_job_invoice_with_its_task_and_cost_lines_under_Jobs()
    {
        var invoice = await Xpm.Invoices.GetAsync(JobInvoiceNumber, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/get/" + JobInvoiceNumber);
        Assert.Empty(request.Query);

        Assert.Equal(JobInvoiceNumber, invoice.Id);
        Assert.Equal("f927e6af-ff61-4cbd-9716-bcaa964a86a4", invoice.InternalUuid);
        Assert.Null(invoice.Uuid);
        Assert.Equal("Approved", invoice.Status);
        Assert.Equal(1322.50m, invoice.AmountIncludingTax);
        Assert.Empty(invoice.Tasks);
        Assert.Empty(invoice.Costs);

        var job = Assert.Single(invoice.Jobs);
        Assert.Equal("J000412", job.Id);
        Assert.Equal("Annual Accounts FY2025", job.Name);
        Assert.Null(job.Description); // <Description></Description>
        Assert.Null(job.ClientOrderNumber); // <ClientOrderNumber />

        Assert.Equal(2, job.Tasks.Count);
        var prepare = job.Tasks[0];
        Assert.Equal("fc932860-27e5-4000-97cf-992c7db2a59b", prepare.Uuid);
        Assert.Equal("Prepare Financial Statements", prepare.Name);
        Assert.Equal("Draft statements and notes", prepare.Description);
        Assert.Equal(360, prepare.Minutes);
        Assert.Equal(150m, prepare.BillableRate);
        Assert.True(prepare.Billable); // <Billable>Yes</Billable>
        Assert.Equal(900.00m, prepare.Amount);
        Assert.Equal(135.00m, prepare.AmountTax);
        Assert.Equal(1035.00m, prepare.AmountIncludingTax);
        var review = job.Tasks[1];
        Assert.Equal("Review & Sign-off", review.Name);
        Assert.Null(review.Description);
        Assert.Equal(60, review.Minutes);
        Assert.Equal(200m, review.BillableRate);

        var courier = Assert.Single(job.Costs);
        Assert.Equal("Courier - Auckland metro", courier.Description);
        Assert.Equal("Signed accounts to client", courier.Note);
        Assert.Equal("COURIER", courier.Code);
        Assert.True(courier.Billable);
        Assert.Equal(2m, courier.Quantity);
        Assert.Equal(18.50m, courier.UnitCost);
        Assert.Equal(25.00m, courier.UnitPrice);
        Assert.Equal(50.00m, courier.Amount);
        Assert.Equal(7.50m, courier.AmountTax);
        Assert.Equal(57.50m, courier.AmountIncludingTax);
        Assert.Equal(
            invoice.Amount,
            job.Tasks.Sum(t => t.Amount ?? 0m) + job.Costs.Sum(c => c.Amount ?? 0m));
    }

    [Fact]
    public async Task Get_reads_a_miscellaneous_invoice_with_its_UUID_and_lines_under_Invoice()
    {
        var invoice = await Xpm.Invoices.GetAsync(MiscellaneousInvoiceNumber, Ct);

        await SingleCallAsync("GET", "invoice.api/get/" + MiscellaneousInvoiceNumber);

        Assert.Equal("3121b72c-1817-4216-8c36-26030b6eeac8", invoice.Uuid);
        Assert.Null(invoice.InternalUuid);
        Assert.Equal("Miscellaneous", invoice.Type);
        Assert.Empty(invoice.Jobs);
        Assert.Equal(2, invoice.Tasks.Count);
        var payroll = invoice.Tasks[0];
        Assert.Equal("ce95e004-286d-4b06-9189-8cde16d197a6", payroll.Uuid);
        Assert.Equal(90, payroll.Minutes);
        Assert.Equal(120m, payroll.BillableRate);
        Assert.Equal(207.00m, payroll.AmountIncludingTax);
        Assert.False(invoice.Tasks[1].Billable);

        var printing = Assert.Single(invoice.Costs);
        Assert.Equal("Printing and binding (per set)", printing.Description);
        Assert.Null(printing.Note); // <Note />
        Assert.Equal(3m, printing.Quantity);
        Assert.Equal(60.00m, printing.Amount);
        Assert.Equal(invoice.Amount, invoice.Tasks.Sum(t => t.Amount ?? 0m) + invoice.Costs.Sum(c => c.Amount ?? 0m));
    }

    [Fact]
    public async Task Get_of_an_unknown_invoice_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Invoices.GetAsync("I999999", Ct));

        Assert.Equal("Invalid invoice identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("invoice.api/get/I999999", error.Path);
        Assert.Equal("8b3e5f21-6d4a-4c70-9f18-2a7c1e0d5b07", error.CorrelationId);

        await SingleCallAsync("GET", "invoice.api/get/I999999");
    }

    [Fact]
    public async Task ListByJob_reads_the_one_invoice_of_a_job()
    {
        var invoices = await Xpm.Invoices.ListByJobAsync("J000412", Ct);

        var request = await SingleCallAsync("GET", "invoice.api/job/J000412");
        Assert.Empty(request.Query);

        var invoice = Assert.Single(invoices);
        Assert.Equal(JobInvoiceNumber, invoice.Id);
        Assert.Equal("J000412", invoice.JobText);
        Assert.Equal(822.50m, invoice.AmountOutstanding);
    }

    [Fact]
    public async Task ListByJob_of_a_job_without_invoices_is_empty()
    {
        var invoices = await Xpm.Invoices.ListByJobAsync(ContractData.JobNumber, Ct);

        await SingleCallAsync("GET", "invoice.api/job/" + ContractData.JobNumber);
        Assert.Empty(invoices);
    }

    [Fact]
    public async Task List_sends_from_and_to_as_yyyyMMdd_and_reads_current_and_archived_invoices()
    {
        var invoices = await Xpm.Invoices.ListAsync(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "invoice.api/list");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("20250401", request.QueryValue("from"));
        Assert.Equal("20260331", request.QueryValue("to"));

        Assert.Equal(new[] { PaidInvoiceNumber, JobInvoiceNumber, MiscellaneousInvoiceNumber }, invoices.Select(i => i.Id));
        Assert.Equal(new[] { "Paid", "Approved", "Draft" }, invoices.Select(i => i.Status));
        Assert.All(invoices, i => Assert.Empty(i.Jobs));
    }

    [Fact]
    public async Task List_detailed_sends_detailed_true_after_the_dates_and_reads_the_lines()
    {
        var invoices = await Xpm.Invoices.ListAsync(new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31), detailed: true, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/list");
        Assert.Equal(3, request.Query.Count);
        Assert.Equal("20250501", request.QueryValue("from"));
        Assert.Equal("20250531", request.QueryValue("to"));
        Assert.Equal("true", request.QueryValue("detailed"));

        var invoice = Assert.Single(invoices);
        Assert.Equal(PaidInvoiceNumber, invoice.Id);
        Assert.Equal(345.00m, Assert.Single(Assert.Single(invoice.Jobs).Tasks).AmountIncludingTax);
    }

    [Fact]
    public async Task List_over_the_one_year_maximum_is_sent_as_given_and_XPMs_rejection_surfaces()
    {
        // XPM allows at most one year between from and to. The client does not check the range itself;
        // XPM's answer to a longer range is undocumented in XML, so the stub answers with Status ERROR.
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Invoices.ListAsync(new DateOnly(2024, 4, 1), new DateOnly(2026, 3, 31), cancellationToken: Ct));

        Assert.Contains("one year", error.ErrorDescription);
        var request = await SingleCallAsync("GET", "invoice.api/list");
        Assert.Equal("20240401", request.QueryValue("from"));
        Assert.Equal("20260331", request.QueryValue("to"));
    }

    [Fact]
    public async Task ListPayments_reads_every_payment_of_an_invoice()
    {
        var payments = await Xpm.Invoices.ListPaymentsAsync(PaidInvoiceNumber, Ct);

        var request = await SingleCallAsync("GET", "invoice.api/payments/" + PaidInvoiceNumber);
        Assert.Empty(request.Query);

        Assert.Equal(2, payments.Count);
        Assert.Equal(new DateTime(2025, 6, 10), payments[0].Date);
        Assert.Equal(200.00m, payments[0].Amount);
        Assert.Equal("OKAFOR M GST 1/2", payments[0].Reference);
        Assert.Equal(new DateTime(2025, 6, 18), payments[1].Date);
        Assert.Equal(145.00m, payments[1].Amount);
        Assert.Equal("OKAFOR M GST 2/2", payments[1].Reference);
        Assert.Equal(345.00m, payments.Sum(p => p.Amount ?? 0m));
    }

    [Fact]
    public async Task ListPayments_reads_a_single_payment()
    {
        var payments = await Xpm.Invoices.ListPaymentsAsync(JobInvoiceNumber, Ct);

        await SingleCallAsync("GET", "invoice.api/payments/" + JobInvoiceNumber);
        var payment = Assert.Single(payments);
        Assert.Equal(new DateTime(2025, 7, 4), payment.Date);
        Assert.Equal(500.00m, payment.Amount);
        Assert.Equal("Kowhai Landscaping part payment", payment.Reference);
    }

    [Fact]
    public async Task ListPayments_of_an_unpaid_invoice_is_empty()
    {
        var payments = await Xpm.Invoices.ListPaymentsAsync(MiscellaneousInvoiceNumber, Ct);

        await SingleCallAsync("GET", "invoice.api/payments/" + MiscellaneousInvoiceNumber);
        Assert.Empty(payments);
    }
}
