using System;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>Quotes and estimates created from jobs.</summary>
internal sealed partial class JobBehaviour
{
    /// <summary>How long a quote made from a job stays valid.</summary>
    private const int QuoteValidDays = 30;

    /// <inheritdoc/>
    public override string? CreateQuote(string jobNumber) => CreateQuoteFrom(jobNumber, "Quote");

    /// <inheritdoc/>
    public override string? CreateEstimate(string jobNumber) => CreateQuoteFrom(jobNumber, "Estimate");

    /// <summary>
    /// A draft quote of the job's tasks and costs. Task lines carry no amount (the practice keeps no billing
    /// rates); the totals are those of the cost lines, without tax.
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

        quote.EstimatedCost = State.JobCosts.Of(job.Id!).Sum(c => (c.Quantity ?? 0) * (c.UnitCost ?? 0));
        quote.EstimatedCostTax = 0;
        quote.EstimatedCostIncludingTax = quote.EstimatedCost;
        quote.Amount = quote.Costs.Sum(c => c.Amount ?? 0);
        quote.AmountTax = 0;
        quote.AmountIncludingTax = quote.Amount;
        State.Quotes.Add(quote);
        return quote.Id;
    }

    private static QuoteCost QuoteLine(JobCost cost)
    {
        var amount = Math.Round((cost.Quantity ?? 0) * (cost.UnitPrice ?? 0), 2, MidpointRounding.AwayFromZero);
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
            AmountTax = 0,
            AmountIncludingTax = amount,
        };
    }
}
