using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// Runs the <see cref="BadInputCorpus"/> through the buffered (<c>SendAsync</c>) and streamed (<c>StreamAsync</c>)
/// paths of two real clients (plain, and with automatic decompression as <c>XpmClient.Create</c> sets it up) against
/// one loopback server, and fails on any untyped exception, any hang, any disagreement between the paths, and any
/// verdict other than the expected one.
/// </summary>
public sealed class BadInputCorpusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerCallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_corpus_has_at_least_200_named_cases_of_every_kind()
    {
        var cases = BadInputCorpus.Cases;
        Assert.True(cases.Count >= 200, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        var kinds = cases.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count());
        foreach (var kind in new[] { "malformed", "truncated", "wrong root", "status", "duplicates", "DTD and entities", "size and depth", "encodings", "content types", "content encodings", "HTML", "JSON", "empty bodies", "value formats", "shapes" })
        {
            Assert.True(kinds.GetValueOrDefault(kind) >= 5, $"{kind}: {kinds.GetValueOrDefault(kind)}");
        }

        output.WriteLine($"{cases.Count} cases: " + string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}")));
    }

    [Fact]
    public async Task Every_case_gets_one_typed_expected_verdict_on_both_paths_and_both_setups()
    {
        var cases = BadInputCorpus.Cases;
        await using var server = TestHttpServer.Start(request =>
            cases[int.Parse(request.Query.Split('=')[1], CultureInfo.InvariantCulture)].Response());
        var plain = CreateClient(server);
        var decompressing = new XpmClient(
            new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { Timeout = TimeSpan.FromSeconds(30) },
            new XpmClientOptions
            {
                BaseAddress = server.BaseAddress,
                TenantId = TenantId,
                AccessTokenProvider = new StaticAccessTokenProvider(Token),
                Retry = XpmRetryOptions.None,
                RateLimiter = GenerousLimits(),
            });

        var failures = new List<string>();
        int calls = 0, untyped = 0, hangs = 0, disagreements = 0, wrong = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            foreach (var (setup, client) in new[] { ("plain", plain), ("decompressing", decompressing) })
            {
                var query = new XpmQuery().Add("case", i.ToString(CultureInfo.InvariantCulture));
                var buffered = await Outcome(async () => await client.SendAsync(ListClients(query), Deadline()));
                var streamed = await Outcome(async () =>
                {
                    var items = new List<ClientModel>();
                    await foreach (var item in client.StreamAsync(ListClients(query), Deadline()))
                    {
                        items.Add(item);
                    }

                    return items;
                });
                calls += 2;
                var expected = setup == "decompressing" && c.ExpectedWithDecompression is not null ? c.ExpectedWithDecompression : c.Expected;
                foreach (var (path, outcome) in new[] { ("buffered", buffered), ("streamed", streamed) })
                {
                    if (outcome.StartsWith("untyped", StringComparison.Ordinal))
                    {
                        untyped++;
                        failures.Add($"{c.Name} [{setup}, {path}]: {outcome}");
                    }
                    else if (outcome.StartsWith("hang", StringComparison.Ordinal))
                    {
                        hangs++;
                        failures.Add($"{c.Name} [{setup}, {path}]: {outcome}");
                    }
                    else if (expected is not null && outcome != expected)
                    {
                        wrong++;
                        failures.Add($"{c.Name} [{setup}, {path}]: expected {Short(expected)}, got {Short(outcome)}");
                    }
                }

                if (buffered != streamed)
                {
                    disagreements++;
                    failures.Add($"{c.Name} [{setup}]: buffered {Short(buffered)}, streamed {Short(streamed)}");
                }

                if (expected is null)
                {
                    output.WriteLine($"{c.Name} [{setup}]: {Short(buffered)}");
                }
            }
        }

        output.WriteLine($"{cases.Count} cases, {calls} calls in {clock.Elapsed.TotalSeconds:F1} s: untyped {untyped}, hangs {hangs}, disagreements {disagreements}, wrong verdicts {wrong}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_buffered_body_cap_is_configurable_and_validated()
    {
        // 300 KB in all: 3,000 small items, then one item with a 200 KB name.
        var items = string.Concat(Enumerable.Repeat("<Client><UUID>c1</UUID><Name>Acme</Name></Client>", 3_000));
        var small = "<Response><Status>OK</Status><Clients>" + items + "</Clients></Response>";
        var big = "<Response><Status>OK</Status><Clients><Client><Name>" + new string('n', 200_000) + "</Name></Client></Clients></Response>";
        await using var server = TestHttpServer.Start(request => CannedResponse.Xml(request.Query.Contains("big", StringComparison.Ordinal) ? big : small));
        var client = new XpmClient(NewHttpClient(), Options(server, 128 * 1024));

        var tooLarge = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline()));
        Assert.Contains("128 KB", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBodySize", tooLarge.Message, StringComparison.Ordinal);

        // Streamed, the cap bounds one item, not the list: the same 300 KB list streams, one 200 KB item does not.
        Assert.Equal(3_000, await client.StreamAsync(ListClients(), Deadline()).CountAsync());
        var bigQuery = new XpmQuery().Add("size", "big");
        await Assert.ThrowsAsync<XpmProtocolException>(async () => await client.StreamAsync(ListClients(bigQuery), Deadline()).CountAsync());

        // The default (64 MB) reads both.
        var roomy = new XpmClient(NewHttpClient(), Options(server, 64 * 1024 * 1024));
        Assert.Equal(3_000, (await roomy.SendAsync(ListClients(), Deadline())).Count);
        Assert.Equal(200_000, (await roomy.SendAsync(ListClients(bigQuery), Deadline())).Single().Name!.Length);
        Assert.Equal(64 * 1024 * 1024, new XpmClientOptions().MaxResponseBodySize);

        var invalid = Assert.Throws<ArgumentException>(() => new XpmClient(NewHttpClient(), Options(server, 1_000)));
        Assert.Contains("MaxResponseBodySize must be at least 65536 bytes", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new XpmClient(NewHttpClient(), Options(server, -1)));
    }

    private static XpmClientOptions Options(TestHttpServer server, int maxResponseBodySize) => new()
    {
        BaseAddress = server.BaseAddress,
        TenantId = TenantId,
        AccessTokenProvider = new StaticAccessTokenProvider(Token),
        Retry = XpmRetryOptions.None,
        RateLimiter = GenerousLimits(),
        MaxResponseBodySize = maxResponseBodySize,
    };

    private static string Short(string outcome) => outcome.Length <= 160 ? outcome : outcome[..160] + $"… ({outcome.Length} chars)";

    private static string Describe(IEnumerable<ClientModel> items) =>
        "OK " + string.Join(",", items.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}|{c.IsArchived}|{c.BillableRate}|{c.Modified:yyyy-MM-ddTHH:mm:ss}")));

    private static async Task<string> Outcome(Func<Task<IReadOnlyList<ClientModel>>> call)
    {
        try
        {
            return Describe(await call().WaitAsync(PerCallTimeout));
        }
        catch (TimeoutException)
        {
            return "hang: no answer within " + PerCallTimeout.TotalSeconds + " s";
        }
        catch (XpmException ex)
        {
            return ex.GetType().Name;
        }
        catch (Exception ex)
        {
            return "untyped " + ex.GetType().Name + ": " + ex.Message;
        }
    }
}
