using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Quote resource: read-only views of the quotes and estimates
/// in <see cref="SandboxState.Quotes"/>. Lists give the summary unless detailed; get gives the lines.
/// </summary>
internal sealed class QuoteBehaviour : QuoteSandboxApi
{
    /// <summary>
    /// States of quotes that are neither current nor drafts: XPM documents only Issued, so these names are the
    /// sandbox's reading of "current and archived quotes".
    /// </summary>
    private static readonly string[] ClosedStates = ["Archived", "Declined", "Cancelled"];

    private readonly SandboxPractice _practice;

    public QuoteBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <summary>Quotes issued or accepted: neither drafts nor archived, declined or cancelled.</summary>
    public override IEnumerable<Quote> Current(bool? detailed) =>
        Select(quote => !InState(quote, "Draft") && !ClosedStates.Any(state => InState(quote, state)), detailed);

    public override IEnumerable<Quote> Draft(bool? detailed) => Select(quote => InState(quote, "Draft"), detailed);

    public override Quote Get(string quoteNumber) => State.Quotes.Get(quoteNumber, "quote");

    /// <summary>Quotes of every state dated in the range (both ends inclusive, under a year).</summary>
    public override IEnumerable<Quote> List(DateOnly from, DateOnly to, bool? detailed)
    {
        SandboxDateRange.Check(from, to);
        return Select(quote => SandboxDateRange.Contains(from, to, quote.Date), detailed);
    }

    private List<Quote> Select(Func<Quote, bool> match, bool? detailed) =>
        State.Quotes.All.Where(match).Select(quote => detailed == true ? quote : Summary(quote)).ToList();

    private static bool InState(Quote quote, string state) => string.Equals(quote.State, state, StringComparison.OrdinalIgnoreCase);

    /// <summary>A quote as lists show it without detailed: the header, without task, cost and option lines.</summary>
    private static Quote Summary(Quote quote) => new()
    {
        Id = quote.Id,
        Type = quote.Type,
        State = quote.State,
        Name = quote.Name,
        Description = quote.Description,
        Budget = quote.Budget,
        OptionExplanation = quote.OptionExplanation,
        Date = quote.Date,
        ValidDate = quote.ValidDate,
        EstimatedCost = quote.EstimatedCost,
        EstimatedCostTax = quote.EstimatedCostTax,
        EstimatedCostIncludingTax = quote.EstimatedCostIncludingTax,
        Amount = quote.Amount,
        AmountTax = quote.AmountTax,
        AmountIncludingTax = quote.AmountIncludingTax,
        Client = quote.Client,
        Contact = quote.Contact,
    };
}
