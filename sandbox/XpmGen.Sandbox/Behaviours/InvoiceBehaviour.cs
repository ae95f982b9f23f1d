using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Invoice resource: read-only views of the seeded invoices in
/// <see cref="SandboxState.Invoices"/> and their payments. Lists give the summary unless detailed; get gives the lines.
/// </summary>
internal sealed class InvoiceBehaviour : InvoiceSandboxApi
{
    private readonly SandboxPractice _practice;

    public InvoiceBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <summary>Approved and paid invoices: those neither a draft nor cancelled.</summary>
    public override IEnumerable<Invoice> Current(bool? detailed) =>
        Select(invoice => !HasStatus(invoice, "Draft") && !HasStatus(invoice, "Cancelled"), detailed);

    public override IEnumerable<Invoice> Draft(bool? detailed) => Select(invoice => HasStatus(invoice, "Draft"), detailed);

    public override Invoice Get(string invoiceNumber) => State.Invoices.Get(invoiceNumber, "invoice");

    /// <summary>Invoices of a job: those whose JobText or invoiced jobs name it. An unknown job number is refused.</summary>
    public override IEnumerable<Invoice> ListByJob(string jobNumber)
    {
        var invoices = Select(invoice => Is(invoice.JobText, jobNumber) || invoice.Jobs.Any(job => Is(job.Id, jobNumber)), detailed: false);
        if (invoices.Count == 0 && State.Jobs.Find(jobNumber) is null)
        {
            throw SandboxFault.InvalidIdentifier("job");
        }

        return invoices;
    }

    /// <summary>Invoices of every status dated in the range (both ends inclusive, under a year).</summary>
    public override IEnumerable<Invoice> List(DateOnly from, DateOnly to, bool? detailed)
    {
        SandboxDateRange.Check(from, to);
        return Select(invoice => SandboxDateRange.Contains(from, to, invoice.Date), detailed);
    }

    public override IEnumerable<InvoicePayment> ListPayments(string invoiceNumber) =>
        State.InvoicePayments.Of(State.Invoices.Get(invoiceNumber, "invoice").Id!);

    private List<Invoice> Select(Func<Invoice, bool> match, bool? detailed) =>
        State.Invoices.All.Where(match).Select(invoice => detailed == true ? invoice : Summary(invoice)).ToList();

    private static bool HasStatus(Invoice invoice, string status) => Is(invoice.Status, status);

    private static bool Is(string? left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>An invoice as lists show it without detailed: the header, without jobs and lines.</summary>
    private static Invoice Summary(Invoice invoice) => new()
    {
        Id = invoice.Id,
        InternalUuid = invoice.InternalUuid,
        Uuid = invoice.Uuid,
        Type = invoice.Type,
        Status = invoice.Status,
        JobText = invoice.JobText,
        Description = invoice.Description,
        Date = invoice.Date,
        DueDate = invoice.DueDate,
        Amount = invoice.Amount,
        AmountTax = invoice.AmountTax,
        AmountIncludingTax = invoice.AmountIncludingTax,
        AmountPaid = invoice.AmountPaid,
        AmountOutstanding = invoice.AmountOutstanding,
        Client = invoice.Client,
        Contact = invoice.Contact,
    };
}
