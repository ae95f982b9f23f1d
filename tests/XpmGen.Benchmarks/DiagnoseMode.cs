using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using XpmGen.Serialization;
using static XpmGen.Benchmarks.Interleaved;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>diagnose</c>: splits the generated reader's distance from the raw scan into its parts, with model-free
/// walks of the same documents (interleaved, like <c>compare</c>):
/// <list type="bullet">
/// <item><c>walk</c>: the generated readers' navigation (<see cref="XpmXml.EnterElement"/>, <see cref="XpmXml.MoveToNextChild"/>,
/// a by-name decision per element, <see cref="XpmXml.ReadString"/> for every leaf) without models or typed values;</item>
/// <item><c>walk-fasttext</c>: the same with leaves read by <c>Read</c> + <c>Value</c> instead of <c>ReadElementContentAsString</c>;</item>
/// <item><c>xpmgen-discard</c>: the generated reader, each item dropped once read; <c>xpmgen</c>: the whole list kept;</item>
/// <item>date-times: every date value of the documents parsed by <see cref="XpmValueFormat.ParseDateTime"/> against a fixed-width parser.</item>
/// </list>
/// </summary>
internal static class DiagnoseMode
{
    private static readonly HashSet<string> ClientContainers = new(StringComparer.Ordinal)
    {
        "Client", "Contacts", "Contact", "Notes", "Note", "Groups", "Group", "Relationships", "Relationship", "AccountManager",
        "JobManager", "BillingClient", "RelatedClient", "AutoBasOptInCriteria", "SomethingXeroAddedLater",
    };

    private static readonly HashSet<string> JobContainers = new(StringComparer.Ordinal)
    {
        "Job", "Client", "Contact", "Manager", "Partner", "Assigned", "Staff", "Tasks", "Task", "Milestones", "Milestone", "Notes", "Note", "Comments", "Comment",
    };

    private static readonly HashSet<string> DateElements = new(StringComparer.Ordinal) { "DateOfBirth", "DateOfDeath", "Date", "StartDate", "DueDate", "CompletedDate", "EndDate" };

    public static Task<int> RunAsync()
    {
        var clients = SyntheticDocuments.Clients(CompareMode.ClientCount);
        var jobs = SyntheticDocuments.Jobs(CompareMode.JobCount);
        var budget = TimeSpan.FromSeconds(10);
        Console.WriteLine("diagnose: where the generated reader's time goes, against model-free walks of the same documents");

        foreach (var (name, document, containers, readList, discard) in new (string, byte[], HashSet<string>, Func<byte[], object>, Func<byte[], long>)[]
        {
            ("clients", clients, ClientContainers, static d => Contenders.XpmGenClients(d), Contenders.XpmGenClientsDiscard),
            ("jobs", jobs, JobContainers, static d => Contenders.XpmGenJobs(d), Contenders.XpmGenJobsDiscard),
        })
        {
            var t = Measure("read-" + name, new Contender[]
            {
                new("rawscan", () => Contenders.RawScan(document)),
                new("walk", () => Walk(document, containers, fastText: false)),
                new("walk-fasttext", () => Walk(document, containers, fastText: true)),
                new("xpmgen-discard", () => discard(document)),
                new("xpmgen", () => readList(document)),
            }, warmupRounds: 2, budget, minRounds: 5, maxRounds: 15);
            var raw = t["rawscan"];
            Console.WriteLine($"  {name}, as fractions of rawscan: walk {F2(t["walk"] / raw)}, walk-fasttext {F2(t["walk-fasttext"] / raw)}, xpmgen-discard {F2(t["xpmgen-discard"] / raw)}, xpmgen {F2(t["xpmgen"] / raw)}");
            Console.WriteLine($"    ReadElementContentAsString navigation vs Read+Value: {F2((t["walk"] - t["walk-fasttext"]) / raw)}; models, name switch and typed values: {F2((t["xpmgen-discard"] - t["walk"]) / raw)}; keeping the list (GC): {F2((t["xpmgen"] - t["xpmgen-discard"]) / raw)}");
        }

        var dates = new List<string>();
        CollectDates(clients, dates);
        CollectDates(jobs, dates);
        var parsed = Measure("date-times", new Contender[]
        {
            new("XpmValueFormat", () => ParseAll(dates, fast: false)),
            new("fixed-width", () => ParseAll(dates, fast: true)),
        }, warmupRounds: 3, TimeSpan.FromSeconds(4), minRounds: 9, maxRounds: 60);
        Console.WriteLine($"  {dates.Count:N0} date values of both documents: XpmValueFormat.ParseDateTime {F1(parsed["XpmValueFormat"] * 1e6 / dates.Count)} ns each, a fixed-width parser {F1(parsed["fixed-width"] * 1e6 / dates.Count)} ns each");
        return Task.FromResult(0);
    }

    /// <summary>Walks a document as the generated readers do, without models: containers are entered, every leaf read as a string.</summary>
    private static long Walk(byte[] document, HashSet<string> containers, bool fastText)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        reader.MoveToContent();
        return WalkElement(reader, containers, fastText, "Response");
    }

    private static long WalkElement(XmlReader reader, HashSet<string> containers, bool fastText, string name)
    {
        long characters = 0;
        if (!XpmXml.EnterElement(reader))
        {
            return 0;
        }

        while (XpmXml.MoveToNextChild(reader))
        {
            var child = reader.LocalName;

            // Type is the client type (a container) in a client, a string elsewhere.
            if (containers.Contains(child) || (child == "Type" && name == "Client") || child == "Clients" || child == "Jobs")
            {
                characters += WalkElement(reader, containers, fastText, child);
            }
            else
            {
                characters += (fastText ? FastText(reader) : XpmXml.ReadString(reader))?.Length ?? 0;
            }
        }

        return characters;
    }

    /// <summary>A leaf's text by <c>Read</c> and <c>Value</c>: the usual single text node needs no concatenation loop.</summary>
    private static string? FastText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        reader.Read();
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
            return null;
        }

        if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
        {
            var text = reader.Value;
            reader.Read();
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                reader.Read();
                return text;
            }

            var more = new StringBuilder(text);
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    more.Append(reader.Value);
                }

                reader.Read();
            }

            reader.Read();
            return more.ToString();
        }

        throw new XmlException("Unexpected content in a leaf element.");
    }

    private static void CollectDates(byte[] document, List<string> dates)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && DateElements.Contains(reader.LocalName) && !reader.IsEmptyElement)
            {
                dates.Add(reader.ReadElementContentAsString());
            }
        }
    }

    private static long ParseAll(List<string> dates, bool fast)
    {
        long ticks = 0;
        foreach (var text in dates)
        {
            ticks += (fast ? FixedWidth(text) : XpmValueFormat.ParseDateTime(text))!.Value.Ticks;
        }

        return ticks;
    }

    /// <summary><c>yyyy-MM-dd</c> or <c>yyyy-MM-ddTHH:mm:ss</c> read digit by digit; anything else goes to <see cref="XpmValueFormat.ParseDateTime"/>.</summary>
    internal static DateTime? FixedWidth(string text)
    {
        var s = text.AsSpan();
        if ((s.Length == 10 || (s.Length == 19 && s[10] == 'T' && s[13] == ':' && s[16] == ':')) && s[4] == '-' && s[7] == '-'
            && int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(s.Slice(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(s.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            if (s.Length == 10)
            {
                return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            }

            if (int.TryParse(s.Slice(11, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
                && int.TryParse(s.Slice(14, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
                && int.TryParse(s.Slice(17, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var second))
            {
                return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
            }
        }

        return XpmValueFormat.ParseDateTime(text);
    }
}
