using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// A seeded fuzz run: mutated envelopes through the buffered and streamed paths must give the same verdict, and
/// nothing but results and <see cref="XpmException"/>s may come out (no untyped exception, no hang).
/// </summary>
public sealed class EnvelopeFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Seeds =
    {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response api-method=\"List\"><Status>OK</Status><Clients><Client><UUID>c1</UUID><Name>Acme &amp; Co</Name><IsArchived>No</IsArchived></Client><Client><UUID>c2</UUID><Name><![CDATA[B <x>]]></Name></Client></Clients></Response>",
        "<Response><Clients><Client><UUID>c1</UUID></Client><!-- c --><Client/></Clients><Status>OK</Status></Response>",
        "<Response><Status>ERROR</Status><ErrorDescription>No</ErrorDescription></Response>",
        "<Response><Status>OK</Status><Clients /></Response>",
    };

    private const string Mutations = "<>/&;\"' =!?[]-\0\u00e9\ufffdOKERRORClientsClient";

    [Fact]
    public async Task Mutated_envelopes_get_one_typed_verdict_on_both_paths()
    {
        // 2,000 documents in CI (a few seconds); XPM_FUZZ_DOCUMENTS and XPM_FUZZ_SEED run a longer or different run.
        var count = int.TryParse(Environment.GetEnvironmentVariable("XPM_FUZZ_DOCUMENTS"), out var n) && n > 0 ? n : 2000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("XPM_FUZZ_SEED"), out var s) ? s : 13;
        var random = new Random(seed);
        var documents = new List<string>();
        for (var i = 0; i < count; i++)
        {
            documents.Add(Mutate(Seeds[i % Seeds.Length], random));
        }

        await using var server = TestHttpServer.Start(request =>
        {
            var index = int.Parse(request.Query.Split('=')[1], CultureInfo.InvariantCulture);
            return CannedResponse.Xml(documents[index]);
        });
        var client = CreateClient(server);
        var disagreements = new List<string>();
        var untyped = new List<string>();
        var verdicts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var show = int.TryParse(Environment.GetEnvironmentVariable("XPM_FUZZ_SHOW"), out var v) ? v : 0;

        for (var i = 0; i < documents.Count; i++)
        {
            var query = new XpmQuery().Add("doc", i.ToString(CultureInfo.InvariantCulture));
            var buffered = await Outcome(async () => (await client.SendAsync(ListClients(query), Deadline())).Count);
            var streamed = await Outcome(async () =>
            {
                var count = 0;
                await foreach (var _ in client.StreamAsync(ListClients(query), Deadline()))
                {
                    count++;
                }

                return count;
            });

            foreach (var (path, outcome) in new[] { ("buffered", buffered), ("streamed", streamed) })
            {
                if (outcome.StartsWith("untyped", StringComparison.Ordinal) || outcome.StartsWith("hang", StringComparison.Ordinal))
                {
                    untyped.Add($"document {i} {path}: {outcome}\n{documents[i]}");
                }
            }

            if (i < show)
            {
                output.WriteLine($"{i}: {buffered} | {streamed} | {documents[i]}");
            }

            var verdict = buffered.StartsWith("OK", StringComparison.Ordinal) ? "OK" : buffered;
            verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
            if (buffered != streamed)
            {
                disagreements.Add($"{i}: buffered {buffered}, streamed {streamed}: {documents[i]}");
            }
        }

        // The figures docs/reliability.md quotes for a run (the buffered path's verdicts; the streamed path's agree).
        output.WriteLine($"seed {seed}: {count} documents × 2 paths in {clock.Elapsed.TotalSeconds:F1} s; untyped or hung {untyped.Count}, disagreements {disagreements.Count}");
        output.WriteLine("verdicts: " + string.Join(", ", verdicts.Select(v => $"{v.Key} {v.Value}")));
        Assert.True(untyped.Count == 0, string.Join("\n", untyped.Take(20)));
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(50)));
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && text.Length > 0; e++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, Mutations[random.Next(Mutations.Length)]);
                    break;
                default:
                    text[at] = Mutations[random.Next(Mutations.Length)];
                    break;
            }
        }

        return text.ToString();
    }

    private static async Task<string> Outcome(Func<Task<int>> call)
    {
        try
        {
            return "OK " + (await call().WaitAsync(TimeSpan.FromSeconds(20))).ToString(CultureInfo.InvariantCulture);
        }
        catch (XpmException ex)
        {
            return ex.GetType().Name;
        }
        catch (TimeoutException)
        {
            return "hang: no answer within 20 s";
        }
        catch (Exception ex)
        {
            return "untyped " + ex.GetType().Name + ": " + ex.Message;
        }
    }
}
