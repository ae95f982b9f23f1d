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
public sealed class QuoteContractTests : ContractTestBase
{
    /// <summary>Issued estimate for Kowhai Landscaping with task, cost and option lines.</summary>
    private const string EstimateNumber = "Q000123";

    /// <summary>Issued quote for M. Okafor with a budget and task lines only.</summary>
    private const string QuoteNumber = "Q000124";

    /// <summary>Draft estimate for Tui Street Bakery.</summary>
    private const string DraftNumber = "Q000125";

    public QuoteContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Current_reads_the_summary_of_each_quote_without_lines()
    {
        var quotes = await Xpm.Quotes.CurrentAsync(detailed: null, Ct);

        var request = await SingleCallAsync("GET", "quote.api/current");
        Assert.Empty(request.Query);

        Assert.Equal(2, quotes.Count);
        var estimate = quotes[0];
        Assert.Equal(EstimateNumber, estimate.Id);
        Assert.Equal("Estimate", estimate.Type);
        Assert.Equal("Issued", estimate.State);
        Assert.Equal("Restructure to a look-through company", estimate.Name);
        Assert.Equal("Advice and filings to move the business into an LTC", estimate.Description);
        Assert.Null(estimate.Budget); // <Budget />
        Assert.Equal("Optional extras you can add to this engagement", estimate.OptionExplanation);
        Assert.Equal(new DateTime(2025, 9, 1), estimate.Date);
        Assert.Equal(new DateTime(2025, 9, 30), estimate.ValidDate);
        Assert.Equal(620.00m, estimate.EstimatedCost);
        Assert.Equal(93.00m, estimate.EstimatedCostTax);
        Assert.Equal(713.00m, estimate.EstimatedCostIncludingTax);
        Assert.Equal(1145.00m, estimate.Amount);
        Assert.Equal(171.75m, estimate.AmountTax);
        Assert.Equal(1316.75m, estimate.AmountIncludingTax);
        Assert.Equal(ContractData.KowhaiClientUuid, estimate.Client?.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", estimate.Client?.Name);
        Assert.Equal("Hana Whitfield", estimate.Contact?.Name);
        Assert.Empty(estimate.Tasks);
        Assert.Empty(estimate.Costs);
        Assert.Empty(estimate.Options);

        var quote = quotes[1];
        Assert.Equal(QuoteNumber, quote.Id);
        Assert.Equal("Quote", quote.Type);
        Assert.Equal(2500.00m, quote.Budget);
        Assert.Null(quote.OptionExplanation);
        Assert.Equal(ContractData.OkaforClientUuid, quote.Client?.Uuid);
        Assert.Equal("Miriam Okafor", quote.Contact?.Name);
    }

    [Fact]
    public async Task Current_detailed_sends_detailed_true_and_reads_the_lines_including_empty_ones()
    {
        var quotes = await Xpm.Quotes.CurrentAsync(detailed: true, Ct);

        var request = await SingleCallAsync("GET", "quote.api/current");
        Assert.Equal(new[] { "detailed" }, request.Query.Keys);
        Assert.Equal("true", request.QueryValue("detailed"));

        Assert.Equal(new[] { EstimateNumber, QuoteNumber }, quotes.Select(q => q.Id));
        Assert.Equal(2, quotes[0].Tasks.Count);
        Assert.Single(quotes[0].Costs);
        Assert.Single(quotes[0].Options);

        var quote = quotes[1];
        Assert.Equal(2, quote.Tasks.Count);
        Assert.Equal("Annual accounts and tax return", quote.Tasks[0].Name);
        Assert.Equal(600, quote.Tasks[0].EstimatedMinutes);
        Assert.True(quote.Tasks[0].Billable);
        var free = quote.Tasks[1];
        Assert.Equal("Provisional tax planning", free.Name);
        Assert.Equal("Included at no charge", free.Description);
        Assert.False(free.Billable); // <Billable>No</Billable>
        Assert.Equal(0.00m, free.Amount);
        Assert.Empty(quote.Costs); // <Costs />
        Assert.Empty(quote.Options); // <Options />
    }

    [Fact]
    public async Task Draft_reads_the_draft_quotes()
    {
        var quotes = await Xpm.Quotes.DraftAsync(detailed: null, Ct);

        var request = await SingleCallAsync("GET", "quote.api/draft");
        Assert.Empty(request.Query);

        var draft = Assert.Single(quotes);
        Assert.Equal(DraftNumber, draft.Id);
        Assert.Equal("Draft", draft.State);
        Assert.Equal("Payroll outsourcing", draft.Name);
        Assert.Equal(276.00m, draft.AmountIncludingTax);
        Assert.Equal(ContractData.TuiStreetClientUuid, draft.Client?.Uuid);
        Assert.Empty(draft.Tasks);
    }

    [Fact]
    public async Task Draft_detailed_sends_detailed_true_and_reads_the_lines()
    {
        var quotes = await Xpm.Quotes.DraftAsync(detailed: true, Ct);

        var request = await SingleCallAsync("GET", "quote.api/draft");
        Assert.Equal("true", request.QueryValue("detailed"));

        var draft = Assert.Single(quotes);
        var task = Assert.Single(draft.Tasks);
        Assert.Equal("Fortnightly pay run", task.Name);
        Assert.Null(task.Description); // <Description></Description>
        Assert.Equal(120, task.EstimatedMinutes);
        Assert.Equal(120m, task.BillableRate);
        Assert.Equal(240.00m, task.Amount);
        Assert.Empty(draft.Costs);
        Assert.Empty(draft.Options);
    }

    [Fact]
    public async Task Get_reads_the_quote_with_its_task_cost_and_option_lines()
    {
        var quote = await Xpm.Quotes.GetAsync(EstimateNumber, Ct);

        var request = await SingleCallAsync("GET", "quote.api/get/" + EstimateNumber);
        Assert.Empty(request.Query);

        Assert.Equal(EstimateNumber, quote.Id);
        Assert.Equal("Estimate", quote.Type);
        Assert.Equal(1316.75m, quote.AmountIncludingTax);

        Assert.Equal(2, quote.Tasks.Count);
        var advice = quote.Tasks[0];
        Assert.Equal("Restructure advice", advice.Name);
        Assert.Equal("Meeting and written advice", advice.Description);
        Assert.Equal(240, advice.EstimatedMinutes);
        Assert.Equal(200m, advice.BillableRate);
        Assert.True(advice.Billable);
        Assert.Equal(800.00m, advice.Amount);
        Assert.Equal(120.00m, advice.AmountTax);
        Assert.Equal(920.00m, advice.AmountIncludingTax);
        Assert.Null(quote.Tasks[1].Description);

        var fee = Assert.Single(quote.Costs);
        Assert.Equal("Companies Office filing fee", fee.Description);
        Assert.Equal("Disbursement", fee.Note);
        Assert.Equal("FILING", fee.Code);
        Assert.True(fee.Billable);
        Assert.Equal(1m, fee.Quantity);
        Assert.Equal(45.00m, fee.UnitCost);
        Assert.Equal(45.00m, fee.UnitPrice);
        Assert.Equal(45.00m, fee.Amount);
        Assert.Equal(6.75m, fee.AmountTax);
        Assert.Equal(51.75m, fee.AmountIncludingTax);

        var option = Assert.Single(quote.Options);
        Assert.Equal("Trust deed review", option.Description);
        Assert.Equal("If the shares are held in trust", option.Note);
        Assert.Equal("TRUSTREVIEW", option.Code);
        Assert.Equal(1m, option.Quantity);
        Assert.Equal(250.00m, option.UnitCost);
        Assert.Equal(400.00m, option.UnitPrice);
        Assert.Equal(400.00m, option.Amount);
        Assert.Equal(60.00m, option.AmountTax);
        Assert.Equal(460.00m, option.AmountIncludingTax);

        // Options are offered beside the quote and are not part of its amount.
        Assert.Equal(quote.Amount, quote.Tasks.Sum(t => t.Amount ?? 0m) + quote.Costs.Sum(c => c.Amount ?? 0m));
    }

    [Fact]
    public async Task Get_of_an_unknown_quote_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Quotes.GetAsync("Q999999", Ct));

        Assert.Equal("Invalid quote identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("quote.api/get/Q999999", error.Path);
        Assert.Equal("c5a09e3d-71b4-4f2e-8d6c-3e9b0a4f2d06", error.CorrelationId);

        await SingleCallAsync("GET", "quote.api/get/Q999999");
    }

    [Fact]
    public async Task List_sends_from_and_to_as_yyyyMMdd_and_reads_current_and_archived_quotes()
    {
        var quotes = await Xpm.Quotes.ListAsync(new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "quote.api/list");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("20250701", request.QueryValue("from"));
        Assert.Equal("20260630", request.QueryValue("to"));

        Assert.Equal(new[] { QuoteNumber, EstimateNumber, DraftNumber }, quotes.Select(q => q.Id));
        Assert.Equal(new[] { "Issued", "Issued", "Draft" }, quotes.Select(q => q.State));
        Assert.All(quotes, q => Assert.Empty(q.Tasks));
    }

    [Fact]
    public async Task List_detailed_reads_the_one_quote_of_the_range_with_its_lines()
    {
        var quotes = await Xpm.Quotes.ListAsync(new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30), detailed: true, Ct);

        var request = await SingleCallAsync("GET", "quote.api/list");
        Assert.Equal(3, request.Query.Count);
        Assert.Equal("20250901", request.QueryValue("from"));
        Assert.Equal("20250930", request.QueryValue("to"));
        Assert.Equal("true", request.QueryValue("detailed"));

        var quote = Assert.Single(quotes);
        Assert.Equal(EstimateNumber, quote.Id);
        Assert.Equal(2, quote.Tasks.Count);
        Assert.Equal("TRUSTREVIEW", Assert.Single(quote.Options).Code);
    }

    [Fact]
    public async Task List_of_a_range_without_quotes_is_empty()
    {
        var quotes = await Xpm.Quotes.ListAsync(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), cancellationToken: Ct);

        await SingleCallAsync("GET", "quote.api/list");
        Assert.Empty(quotes);
    }

    [Fact]
    public async Task List_over_the_one_year_maximum_is_sent_as_given_and_XPMs_rejection_surfaces()
    {
        // XPM allows at most one year between from and to. The client does not check the range itself;
        // XPM's answer to a longer range is undocumented in XML, so the stub answers with Status ERROR.
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Quotes.ListAsync(new DateOnly(2024, 7, 1), new DateOnly(2026, 6, 30), cancellationToken: Ct));

        Assert.Contains("one year", error.ErrorDescription);
        Assert.Equal("List", error.ApiMethod);
        var request = await SingleCallAsync("GET", "quote.api/list");
        Assert.Equal("20240701", request.QueryValue("from"));
        Assert.Equal("20260630", request.QueryValue("to"));
    }
}
