using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace XpmGen.Benchmarks;

/// <summary>
/// XpmGen's benchmarks (docs/benchmarks.md). Run in Release:
/// <code>
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- compare     # quick side-by-side ratios (a few minutes)
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- compare reads   # only the reads and the kept memory
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- memory      # buffered vs streamed 100,000-client list
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- generator   # cold and incremental generator runs
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- cold-read   # only the cold-read part of compare
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- diagnose    # where the generated reader's time goes
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- profile read-clients 20   # a loop for perf to attach to
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- scale       # 3 processes sharing limits and tokens through Redis (~30 s)
/// dotnet run -c Release --project tests/XpmGen.Benchmarks -- bench [BenchmarkDotNet args, e.g. --filter *ReadClients* --job short]
/// </code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length == 0 ? "help" : args[0];
        switch (mode)
        {
            case "compare":
                return await CompareMode.RunAsync(readsOnly: args.Length > 1 && args[1] == "reads").ConfigureAwait(false);
            case "memory":
                return await MemoryMode.RunAsync().ConfigureAwait(false);
            case "generator":
                return GeneratorMode.Run();
            case "cold-read":
            {
                // Only the cold-read part of `compare`, e.g. to compare a ReadyToRun-published copy of this program.
                var cold = ColdRead.MeasureInChildren(SyntheticDocuments.Clients(CompareMode.ColdClientCount), 9);
                Console.WriteLine($"RATIO cold-read xmlserializer/xpmgen {Interleaved.F2(cold["xmlserializer"] / cold["xpmgen"])}");
                Console.WriteLine($"RATIO cold-read xpmgen/rawscan {Interleaved.F2(cold["xpmgen"] / cold["rawscan"])}");
                return 0;
            }

            case "diagnose":
                return await DiagnoseMode.RunAsync().ConfigureAwait(false);
            case "bench":
                return Bench(args.Skip(1).ToArray());
            case "profile" when args.Length >= 2:
                return await ProfileMode.RunAsync(args[1], args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20).ConfigureAwait(false);
            case "scale":
                return await ScaleMode.RunAsync().ConfigureAwait(false);
            case ScaleMode.ChildArgument when args.Length == 6:
                // Hidden: one of the 3 instances of a `scale` scenario, started by `scale`.
                return await ScaleMode.RunChildAsync(args).ConfigureAwait(false);
            case ColdRead.HiddenArgument when args.Length == 3:
                // Hidden: the fresh process of a cold-read measurement, started by `compare`.
                return ColdRead.RunInChild(args[1], args[2]);
            default:
                Console.WriteLine("usage: XpmGen.Benchmarks compare | memory | generator | cold-read | diagnose | scale | profile WHAT [seconds] | bench [BenchmarkDotNet arguments]");
                return mode == "help" ? 0 : 2;
        }
    }

    private static int Bench(string[] args)
    {
        // In process: BenchmarkDotNet 0.14 would otherwise generate and build a project per benchmark under this
        // repository's Directory.Build.props (warnings as errors, central package versions).
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
            .WithOptions(ConfigOptions.JoinSummary);
        if (args.Length == 0)
        {
            args = new[] { "--filter", "*" };
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(static s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
