using System;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>Quotes and estimates created from jobs.</summary>
internal sealed partial class JobBehaviour
{
    /// <summary>How long a quote made from a job stays valid.</summary>
    private const int QuoteValidDays = 30;

    // The state keeps no tax rates; the demo practice is in New Zealand, whose GST its seeded quotes and invoices carry.
    private const decimal TaxRate = 0.15m;

    /// <inheritdoc/>
    public override string? CreateQuote(string jobNumber) => CreateQuoteFrom(jobNumber, "Quote");

    /// <inheritdoc/>
    public override string? CreateEstimate(string jobNumber) => CreateQuoteFrom(jobNumber, "Estimate");

    /// <summary>
    /// A draft quote of the job's tasks and costs. Task lines carry no amount (the practice keeps no billing
    /// rates); the totals are those of the cost lines, with GST.
    /// </summary>
    private string CreateQuoteFrom(string jobNumber, string type)
    {
        var job = FindJob(jobNumber);
        var today = Midnight(_practice.Today);
        var quote = new Quote
        {
            Id = NextNumber(State.Quotes.All.Select(q => q.Id), "Q"),
            Type = type,
            State = "Draft",
            Name = job.Name,
            Description = job.Description,
            Budget = job.Budget,
            Date = today,
            ValidDate = today.AddDays(QuoteValidDays),
            Client = Copy(job.Client),
            Contact = Copy(job.Contact),
        };
        quote.Tasks.AddRange(job.Tasks.Select(task => new QuoteTask
        {
            Name = task.Name,
            Description = task.Description,
            EstimatedMinutes = task.EstimatedMinutes ?? 0,
            Billable = task.Billable ?? true,
        }));
        quote.Costs.AddRange(State.JobCosts.Of(job.Id!).Select(QuoteLine));

        var estimatedCost = Money(State.JobCosts.Of(job.Id!).Sum(c => (c.Quantity ?? 0) * (c.UnitCost ?? 0)));
        quote.EstimatedCost = estimatedCost;
        quote.EstimatedCostTax = Tax(estimatedCost);
        quote.EstimatedCostIncludingTax = estimatedCost + Tax(estimatedCost);
        quote.Amount = quote.Costs.Sum(c => c.Amount ?? 0);
        quote.AmountTax = quote.Costs.Sum(c => c.AmountTax ?? 0);
        quote.AmountIncludingTax = quote.Amount + quote.AmountTax;
        State.Quotes.Add(quote);
        return quote.Id;
    }

    private static QuoteCost QuoteLine(JobCost cost)
    {
        var amount = Money((cost.Quantity ?? 0) * (cost.UnitPrice ?? 0));
        return new QuoteCost
        {
            Description = cost.Description,
            Note = cost.Note,
            Code = cost.Code,
            Billable = cost.Billable ?? true,
            Quantity = cost.Quantity,
            UnitCost = cost.UnitCost,
            UnitPrice = cost.UnitPrice,
            Amount = amount,
            AmountTax = Tax(amount),
            AmountIncludingTax = amount + Tax(amount),
        };
    }

    private static decimal Tax(decimal amount) => Money(amount * TaxRate);

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
