using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace XpmGen.Benchmarks;

/// <summary>
/// Side-by-side timing for a noisy shared machine: contenders run in interleaved rounds (the order rotates
/// every round), each run starts after a full collection, and each contender's figure is its median run.
/// Absolute times are printed for context only; the ratios, measured in the same rounds, are what counts.
/// </summary>
internal static class Interleaved
{
    /// <summary>Something to time: a name and one run, which returns a value that is kept so the run cannot be optimized away.</summary>
    public sealed record Contender(string Name, Func<object?> Run);

    /// <summary>An asynchronous contender: one run is a batch of calls.</summary>
    public sealed record AsyncContender(string Name, Func<Task> Run);

    public static object? Sink { get; private set; }

    /// <summary>
    /// The median process CPU time (all threads: the run and the garbage collector's) of each contender of the last
    /// <see cref="Measure"/>, in milliseconds. On a shared machine it depends less on other processes than wall time does.
    /// </summary>
    public static Dictionary<string, double> LastCpuMedians { get; private set; } = new();

    /// <summary>Median run time of each contender, in milliseconds.</summary>
    public static Dictionary<string, double> Measure(string title, IReadOnlyList<Contender> contenders, int warmupRounds, TimeSpan budget, int minRounds, int maxRounds)
    {
        var samples = contenders.ToDictionary(static c => c.Name, static _ => new List<double>());
        var pauses = contenders.ToDictionary(static c => c.Name, static _ => new List<double>());
        var cpu = contenders.ToDictionary(static c => c.Name, static _ => new List<double>());
        for (var i = 0; i < warmupRounds; i++)
        {
            foreach (var contender in contenders)
            {
                Sink = contender.Run();
                Sink = null;
            }
        }

        var clock = Stopwatch.StartNew();
        var round = 0;
        while (round < maxRounds && (round < minRounds || clock.Elapsed < budget))
        {
            for (var k = 0; k < contenders.Count; k++)
            {
                var contender = contenders[(round + k) % contenders.Count];
                Collect();
                var paused = GC.GetTotalPauseDuration();
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                Sink = contender.Run();
                var elapsed = Stopwatch.GetElapsedTime(started);
                cpu[contender.Name].Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
                pauses[contender.Name].Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                Sink = null;
                samples[contender.Name].Add(elapsed.TotalMilliseconds);
            }

            round++;
        }

        Report(title, samples, round, pauses);
        LastCpuMedians = cpu.ToDictionary(static kv => kv.Key, static kv => Median(kv.Value));
        Console.WriteLine($"    cpu ms (median): {string.Join(", ", LastCpuMedians.Select(static kv => $"{kv.Key} {F1(kv.Value)}"))}");
        return samples.ToDictionary(static kv => kv.Key, static kv => Median(kv.Value));
    }

    /// <summary>
    /// As <see cref="Measure"/>, for asynchronous batches. The warm-up lasts <paramref name="warmupRounds"/> rounds and at
    /// least <paramref name="minWarmup"/>: tiered compilation promotes a method only after it has been called a while and
    /// no new tier-0 code has been compiled for 100 ms, so a short warm-up would time some contenders' code at tier 0.
    /// </summary>
    public static async Task<Dictionary<string, double>> MeasureAsync(string title, IReadOnlyList<AsyncContender> contenders, int warmupRounds, TimeSpan budget, int minRounds, int maxRounds, TimeSpan minWarmup = default)
    {
        var samples = contenders.ToDictionary(static c => c.Name, static _ => new List<double>());
        var pauses = contenders.ToDictionary(static c => c.Name, static _ => new List<double>());
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmupRounds || warming.Elapsed < minWarmup; i++)
        {
            foreach (var contender in contenders)
            {
                await contender.Run().ConfigureAwait(false);
            }
        }

        var clock = Stopwatch.StartNew();
        var round = 0;
        while (round < maxRounds && (round < minRounds || clock.Elapsed < budget))
        {
            for (var k = 0; k < contenders.Count; k++)
            {
                var contender = contenders[(round + k) % contenders.Count];
                Collect();
                var paused = GC.GetTotalPauseDuration();
                var started = Stopwatch.GetTimestamp();
                await contender.Run().ConfigureAwait(false);
                samples[contender.Name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                pauses[contender.Name].Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
            }

            round++;
        }

        Report(title, samples, round, pauses);
        return samples.ToDictionary(static kv => kv.Key, static kv => Median(kv.Value));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(static v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string F1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static void Report(string title, Dictionary<string, List<double>> samples, int rounds, Dictionary<string, List<double>> pauses)
    {
        Console.WriteLine($"  {title}: {rounds} interleaved rounds (ms, for context only: median [min..max], and the median time the GC paused the run)");
        foreach (var (name, values) in samples)
        {
            Console.WriteLine($"    {name,-24} {F1(Median(values)),9} [{F1(values.Min())}..{F1(values.Max())}]   GC pauses {F1(Median(pauses[name]))}");
        }
    }
}
