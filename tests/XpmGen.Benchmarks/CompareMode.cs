using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using XpmGen.Models;
using static XpmGen.Benchmarks.Interleaved;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>compare</c>: every contender side by side in one process (cold reads in fresh child processes), printing
/// the <c>RATIO</c> lines docs/benchmarks.md records.
/// </summary>
internal static class CompareMode
{
    public const int ClientCount = 20_000;
    public const int JobCount = 5_000;
    public const int ColdClientCount = 50;
    private const int ColdRuns = 7;

    public static async Task<int> RunAsync(bool readsOnly = false)
    {
        var ratios = new List<string>();
        Console.WriteLine("compare: contenders side by side on the same bytes; the RATIO lines are medians of interleaved runs.");

        // First, while the heap is small: XpmClient's per-call allocations cost far more under a large live heap (measured again below).
        var overheadRatio = string.Empty;
        if (!readsOnly)
        {
            Console.WriteLine("request-overhead (GET staff.api/list, 5 staff, in-memory handler; one run = 200 sequential calls)");
            var overhead = await RequestOverhead.MeasureAsync().ConfigureAwait(false);
            overheadRatio = $"RATIO request-overhead xpmgen/handwritten {F2(overhead["xpmgen"] / overhead["handwritten"])}";
            Console.WriteLine($"  diagnostic: handwritten-asyncreader/handwritten {F2(overhead["handwritten-asyncreader"] / overhead["handwritten"])} (the same hand-written call with XmlReaderSettings.Async = true, as XpmClient reads responses)");
        }

        var started = Stopwatch.GetTimestamp();
        var clientsDocument = SyntheticDocuments.Clients(ClientCount);
        var jobsDocument = SyntheticDocuments.Jobs(JobCount);
        Console.WriteLine($"documents: {ClientCount:N0} detailed clients = {clientsDocument.Length / 1e6:0.0} MB, {JobCount:N0} jobs = {jobsDocument.Length / 1e6:0.0} MB of UTF-8 (built in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, seed {SyntheticDocuments.Seed})");

        // The contenders must read the same objects before their speed means anything.
        var clients = Contenders.XpmGenClients(clientsDocument);
        var jobs = Contenders.XpmGenJobs(jobsDocument);
        Check("read-clients", clients.Count, ClientCount, Contenders.Canonical(clients), Contenders.Canonical(Contenders.XmlSerializerClients(clientsDocument)));
        Check("read-jobs", jobs.Count, JobCount, Contenders.Canonical(jobs), Contenders.Canonical(Contenders.XmlSerializerJobs(jobsDocument)));
        Console.WriteLine($"  content: {clients.Sum(static c => c.Contacts.Count):N0} contacts, {clients.Sum(static c => c.Notes.Count):N0} client notes, {clients.Sum(static c => c.Groups.Count):N0} groups, {clients.Sum(static c => c.Relationships.Count):N0} relationships; {jobs.Sum(static j => j.Tasks.Count):N0} tasks, {jobs.Sum(static j => j.Milestones.Count):N0} milestones, {jobs.Sum(static j => j.Notes.Count):N0} job notes");

        var budget = TimeSpan.FromSeconds(8);

        // The reads keep ~100 MB each and take ~0.5 s: more rounds than the rest, so that a median survives a busy machine.
        var readBudget = TimeSpan.FromSeconds(20);
        Console.WriteLine("read-clients");
        var read = Measure("read-clients", new Contender[]
        {
            new("rawscan", () => Contenders.RawScan(clientsDocument)),
            new("xpmgen", () => Contenders.XpmGenClients(clientsDocument)),
            new("xmlserializer", () => Contenders.XmlSerializerClients(clientsDocument)),
            new("xpmgen-discard", () => Contenders.XpmGenClientsDiscard(clientsDocument)),
            new("xpmgen-nopool", () => Contenders.XpmGenClientsNoPool(clientsDocument)),
        }, warmupRounds: 2, readBudget, minRounds: 9, maxRounds: 21);
        Console.WriteLine($"  diagnostic: xpmgen-discard/rawscan {F2(read["xpmgen-discard"] / read["rawscan"])} (the generated reader with each client dropped once read: the list's GC cost removed)");
        Console.WriteLine($"  diagnostic: xpmgen-nopool/xpmgen {F2(read["xpmgen-nopool"] / read["xpmgen"])} (the same reader with no value pool: every value a new string)");
        ratios.Add($"RATIO read-clients xpmgen/rawscan {F2(read["xpmgen"] / read["rawscan"])}");
        ratios.Add($"RATIO read-clients xmlserializer/xpmgen {F2(read["xmlserializer"] / read["xpmgen"])}");
        Console.WriteLine($"  diagnostic: cpu time xmlserializer/xpmgen {F2(LastCpuMedians["xmlserializer"] / LastCpuMedians["xpmgen"])}, xpmgen-nopool/xpmgen {F2(LastCpuMedians["xpmgen-nopool"] / LastCpuMedians["xpmgen"])}");

        Console.WriteLine("read-jobs");
        read = Measure("read-jobs", new Contender[]
        {
            new("rawscan", () => Contenders.RawScan(jobsDocument)),
            new("xpmgen", () => Contenders.XpmGenJobs(jobsDocument)),
            new("xmlserializer", () => Contenders.XmlSerializerJobs(jobsDocument)),
            new("xpmgen-discard", () => Contenders.XpmGenJobsDiscard(jobsDocument)),
            new("xpmgen-nopool", () => Contenders.XpmGenJobsNoPool(jobsDocument)),
        }, warmupRounds: 2, readBudget, minRounds: 9, maxRounds: 21);
        Console.WriteLine($"  diagnostic: xpmgen-discard/rawscan {F2(read["xpmgen-discard"] / read["rawscan"])}");
        Console.WriteLine($"  diagnostic: xpmgen-nopool/xpmgen {F2(read["xpmgen-nopool"] / read["xpmgen"])}");
        ratios.Add($"RATIO read-jobs xpmgen/rawscan {F2(read["xpmgen"] / read["rawscan"])}");
        ratios.Add($"RATIO read-jobs xmlserializer/xpmgen {F2(read["xmlserializer"] / read["xpmgen"])}");
        Console.WriteLine($"  diagnostic: cpu time xmlserializer/xpmgen {F2(LastCpuMedians["xmlserializer"] / LastCpuMedians["xpmgen"])}, xpmgen-nopool/xpmgen {F2(LastCpuMedians["xpmgen-nopool"] / LastCpuMedians["xpmgen"])}");

        if (readsOnly)
        {
            Allocations("clients", clientsDocument, static d => Contenders.XpmGenClients(d), static l => AllocationEstimate.Of(l), static d => Contenders.XmlSerializerClients(d));
            Allocations("jobs", jobsDocument, static d => Contenders.XpmGenJobs(d), static l => AllocationEstimate.Of(l), static d => Contenders.XmlSerializerJobs(d));
            GC.KeepAlive(clients);
            GC.KeepAlive(jobs);
            clients = null!;
            jobs = null!;
            Console.WriteLine("kept memory: the bytes the returned list holds (GC.GetTotalMemory(true) after the read, result referenced, minus before)");
            var kept = Kept("clients", () => Contenders.XpmGenClients(clientsDocument), () => Contenders.XmlSerializerClients(clientsDocument));
            Console.WriteLine($"  diagnostic: kept-memory jobs xmlserializer/xpmgen {F2(Kept("jobs", () => Contenders.XpmGenJobs(jobsDocument), () => Contenders.XmlSerializerJobs(jobsDocument)))}");
            ratios.Add($"RATIO kept-memory xmlserializer/xpmgen {F2(kept)}");
            Console.WriteLine();
            ratios.ForEach(Console.WriteLine);
            return 0;
        }

        Console.WriteLine("write-clients (the list read above, to a counting null stream)");
        var xpmBytes = Contenders.XpmGenWriteClients(clients, new CountingNullStream());
        var serializerBytes = Contenders.XmlSerializerWriteClients(clients, new CountingNullStream());
        Console.WriteLine($"  output: xpmgen {xpmBytes / 1e6:0.0} MB, xmlserializer {serializerBytes / 1e6:0.0} MB (XmlSerializer also writes empty list wrappers)");
        var write = Measure("write-clients", new Contender[]
        {
            new("xpmgen", () => Contenders.XpmGenWriteClients(clients, new CountingNullStream())),
            new("xmlserializer", () => Contenders.XmlSerializerWriteClients(clients, new CountingNullStream())),
        }, warmupRounds: 2, budget, minRounds: 5, maxRounds: 15);
        ratios.Add($"RATIO write-clients xmlserializer/xpmgen {F2(write["xmlserializer"] / write["xpmgen"])}");
        Console.WriteLine($"  diagnostic: cpu time xmlserializer/xpmgen {F2(LastCpuMedians["xmlserializer"] / LastCpuMedians["xpmgen"])}");

        Console.WriteLine($"cold-read ({ColdClientCount} detailed clients, first parse in a fresh process, serializer construction included)");
        var cold = ColdRead.MeasureInChildren(SyntheticDocuments.Clients(ColdClientCount), ColdRuns);
        ratios.Add($"RATIO cold-read xmlserializer/xpmgen {F2(cold["xmlserializer"] / cold["xpmgen"])}");
        ratios.Add($"RATIO cold-read xpmgen/rawscan {F2(cold["xpmgen"] / cold["rawscan"])}");
        ratios.Add(overheadRatio);

        Console.WriteLine($"request-overhead again, with the {ClientCount:N0} clients read above still referenced (a live heap of ~100 MB, as in an application holding data)");
        var loaded = await RequestOverhead.MeasureAsync("request-overhead, large live heap", diagnostics: false).ConfigureAwait(false);
        Console.WriteLine($"  diagnostic: with a large live heap xpmgen/handwritten {F2(loaded["xpmgen"] / loaded["handwritten"])}");
        GC.KeepAlive(clients);

        Console.WriteLine("allocations of the generated reader, per document");
        clients = null!;
        jobs = null!;
        Collect();
        Allocations("clients", clientsDocument, static d => Contenders.XpmGenClients(d), static l => AllocationEstimate.Of(l), static d => Contenders.XmlSerializerClients(d));
        Allocations("jobs", jobsDocument, static d => Contenders.XpmGenJobs(d), static l => AllocationEstimate.Of(l), static d => Contenders.XmlSerializerJobs(d));

        Console.WriteLine("kept memory: the bytes the returned list holds (GC.GetTotalMemory(true) after the read, result referenced, minus before)");
        var keptClients = Kept("clients", () => Contenders.XpmGenClients(clientsDocument), () => Contenders.XmlSerializerClients(clientsDocument));
        var keptJobs = Kept("jobs", () => Contenders.XpmGenJobs(jobsDocument), () => Contenders.XmlSerializerJobs(jobsDocument));
        ratios.Add($"RATIO kept-memory xmlserializer/xpmgen {F2(keptClients)}");
        Console.WriteLine($"  diagnostic: kept-memory jobs xmlserializer/xpmgen {F2(keptJobs)}");

        Console.WriteLine();
        foreach (var line in ratios)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static void Check(string what, int count, int expected, byte[] xpmgen, byte[] serializer)
    {
        var same = xpmgen.AsSpan().SequenceEqual(serializer);
        Console.WriteLine($"CHECK {what}: xpmgen read {count:N0} items (expected {expected:N0}); XmlSerializer read the same objects: {(same ? "yes" : "NO")} (compared through the generated writer, {xpmgen.Length / 1e6:0.0} MB)");
        if (count != expected || !same)
        {
            throw new InvalidOperationException($"The contenders of {what} do not read the same objects.");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Allocations<T>(string what, byte[] document, Func<byte[], List<T>> read, Func<List<T>, AllocationEstimate> estimate, Func<byte[], List<T>> serializerRead)
    {
        read(document);
        Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var items = read(document);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var e = estimate(items);
        GC.KeepAlive(items);
        items = null!;
        Collect();
        var raw = AllocationEstimate.RawScanOverhead(document);
        var rawAllocated = Allocated(static d => Contenders.RawScan(d), document);
        var serializerAllocated = Allocated(serializerRead, document);
        var returned = e.Retained - e.StringBytes + e.InstanceStringBytes;

        Console.WriteLine($"  {what}: xpmgen allocated {Mb(allocated)}; it returns ~{Mb(e.Retained)} = {e.StringCount:N0} strings {Mb(e.StringBytes)} + {e.ObjectCount:N0} objects {Mb(e.ObjectBytes)} + {e.ListCount:N0} lists {Mb(e.ListBytes)}");
        Console.WriteLine($"    with the value pool, shared strings are counted once: it returns ~{Mb(returned)} ({Mb(e.InstanceStringBytes)} of strings); allocated/returned {F2((double)allocated / returned)}, garbage {Mb(allocated - returned)}");
        Console.WriteLine($"    a reader without the pool and the item buffers would leave as garbage: text of {e.TempValueCount:N0} typed values {Mb(e.TempValueBytes)} (now parsed from the pool's buffer), replaced default lists {Mb(e.ReplacedListBytes)} (now read into the model's own), outgrown list arrays ~{Mb(e.GrowthBytes)} (now gathered in a pooled array), XmlReader buffers {Mb(raw.ReaderOverhead)}");
        Console.WriteLine($"    the returned strings take {Mb(e.InstanceStringBytes)} (each instance counted once); {Mb(e.StringBytes)} unshared, {Mb(e.DistinctStringBytes)} if all equal values shared one instance");
        Console.WriteLine($"    for scale: rawscan allocated {Mb(rawAllocated)} (its text strings {Mb(raw.TextStrings)}), XmlSerializer allocated {Mb(serializerAllocated)} ({F2((double)serializerAllocated / allocated)}x xpmgen)");
    }

    /// <summary>
    /// The heap the kept result holds, for each contender (three interleaved measurements, the median):
    /// a full collection, the read with its result referenced, a full collection again.
    /// Returns xmlserializer/xpmgen.
    /// </summary>
    private static double Kept(string what, Func<object> xpmgen, Func<object> serializer)
    {
        var xpm = new List<double>();
        var xs = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            xpm.Add(KeptBytes(xpmgen));
            xs.Add(KeptBytes(serializer));
        }

        var ratio = Median(xs) / Median(xpm);
        Console.WriteLine($"  {what}: xpmgen keeps {Median(xpm) / 1e6:0.0} MB, xmlserializer {Median(xs) / 1e6:0.0} MB ({F2(ratio)}x)");
        return ratio;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double KeptBytes(Func<object> run)
    {
        Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var result = run();
        Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(result);
        return after - before;
    }

    private static long Allocated<T>(Func<byte[], T> run, byte[] document)
    {
        run(document);
        Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = run(document);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(result);
        return allocated;
    }

    private static string Mb(long bytes) => $"{bytes / 1e6:0.0} MB";
}

/// <summary>
/// <c>cold-read</c>: the first parse in a fresh process, timed from before anything of the read is touched
/// (XmlSerializer construction included) in child processes started from this executable.
/// </summary>
internal static class ColdRead
{
    public const string HiddenArgument = "cold";

    public static Dictionary<string, double> MeasureInChildren(byte[] document, int runs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"xpmgen-cold-{Environment.ProcessId}.xml");
        File.WriteAllBytes(path, document);
        try
        {
            // rawscan is a diagnostic: the cold cost of the XmlReader alone, which both contenders pay.
            var names = new[] { "xpmgen", "xmlserializer", "rawscan" };
            var samples = names.ToDictionary(static n => n, static _ => new List<double>());
            var warm = names.ToDictionary(static n => n, static _ => new List<double>());
            for (var i = 0; i < runs; i++)
            {
                // Rotate which contender goes first, so none always gets the warmer caches.
                for (var k = 0; k < names.Length; k++)
                {
                    var contender = names[(i + k) % names.Length];
                    var (first, second) = RunChild(contender, path);
                    samples[contender].Add(first);
                    warm[contender].Add(second);
                }
            }

            Console.WriteLine($"  {runs} child processes each (ms from the first touch to the parsed list, for context only: median [min..max]; then a second parse in the same process)");
            foreach (var (name, values) in samples)
            {
                Console.WriteLine($"    {name,-16} {F1(Median(values)),9} [{F1(values.Min())}..{F1(values.Max())}]   second parse {F2(Median(warm[name]))}");
            }

            return samples.ToDictionary(static kv => kv.Key, static kv => Median(kv.Value));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The child: read the file, then time one parse (and for XmlSerializer its construction).</summary>
    public static int RunInChild(string contender, string path)
    {
        var document = File.ReadAllBytes(path);

        // What both contenders share and is not part of a read is initialized before the clock starts.
        RuntimeHelpers.RunClassConstructor(typeof(Contenders).TypeHandle);
        Func<int> read;
        switch (contender)
        {
            case "xpmgen":
                read = () => Contenders.XpmGenClients(document).Count;
                break;
            case "xmlserializer":
                System.Xml.Serialization.XmlSerializer? serializer = null;
                read = () => Contenders.XmlSerializerClients(document, serializer ??= Contenders.CreateClientListSerializer()).Count;
                break;
            case "rawscan":
                read = () => Contenders.RawScan(document) > 0 ? CompareMode.ColdClientCount : 0;
                break;
            case "first-date":
                // Diagnostic (run by hand): the first date-time parse of a process, culture data and ICU collation included.
                read = () => XpmGen.Serialization.XpmValueFormat.ParseDateTime("2008-09-12T13:00:00") is null ? 0 : CompareMode.ColdClientCount;
                break;
            case "first-fixed-date":
                // Diagnostic (run by hand): the same with the fixed-width parser of `diagnose`.
                read = () => DiagnoseMode.FixedWidth("2008-09-12T13:00:00") is null ? 0 : CompareMode.ColdClientCount;
                break;
            default:
                Console.Error.WriteLine($"unknown contender '{contender}'");
                return 2;
        }

        var jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        var methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        var started = Stopwatch.GetTimestamp();
        var count = read();
        var elapsed = Stopwatch.GetTimestamp() - started;
        var jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore;
        var methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - methodsBefore;

        // For scale: the same parse again in the same process (XmlSerializer reuses the serializer it built).
        started = Stopwatch.GetTimestamp();
        read();
        var second = Stopwatch.GetTimestamp() - started;
        Console.WriteLine($"COLD {contender} ticks {elapsed} frequency {Stopwatch.Frequency} items {count} second {second} jit-ms {jit.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} methods {methods}");
        return 0;
    }

    private static (double First, double Second) RunChild(string contender, string path)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet XpmGen.Benchmarks.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(ColdRead).Assembly.Location);
        }

        start.ArgumentList.Add(HiddenArgument);
        start.ArgumentList.Add(contender);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(static l => l.StartsWith("COLD ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The cold-read child for {contender} failed ({process.ExitCode}): {output}{error}");
        }

        var parts = line.Trim().Split(' ');
        var ticks = long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
        var frequency = long.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture);
        var items = int.Parse(parts[7], System.Globalization.CultureInfo.InvariantCulture);
        if (items != CompareMode.ColdClientCount)
        {
            throw new InvalidOperationException($"The cold-read child for {contender} read {items} clients.");
        }

        var second = long.Parse(parts[9], System.Globalization.CultureInfo.InvariantCulture);
        return (ticks * 1000.0 / frequency, second * 1000.0 / frequency);
    }
}
