using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Models;
using static XpmGen.Benchmarks.Interleaved;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>memory</c>: peak managed memory of a 100,000-client list read through <see cref="XpmClient"/> from an
/// in-memory handler, buffered (<c>Clients.ListAsync</c>, the whole list kept) against streamed
/// (<c>Clients.StreamListAsync</c>, each client dropped once seen).
/// </summary>
/// <remarks>
/// The handler generates the document as it is read (<see cref="SyntheticDocuments.ClientsStream"/>), so the
/// source itself holds only a few kilobytes. A background thread samples <see cref="GC.GetTotalMemory(bool)"/>
/// (without collecting: the heap as it stands, garbage included) every millisecond, and the streaming loop
/// samples after every 1,000 clients; the figure is the highest sample above the heap measured before the call.
/// </remarks>
internal static class MemoryMode
{
    public const int ClientCount = 100_000;

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"memory: {ClientCount:N0} detailed clients through XpmClient from an in-memory handler; peak managed heap above the starting heap");

        // Warm up both paths on a small list, so that the measured runs allocate for the read only.
        var warm = RequestOverhead.CreateClient(new DocumentHandler(() => SyntheticDocuments.ClientsStream(500)));
        await ReadBufferedAsync(warm, null).ConfigureAwait(false);
        await ReadStreamedAsync(warm, null).ConfigureAwait(false);

        var xpm = RequestOverhead.CreateClient(new DocumentHandler(() => SyntheticDocuments.ClientsStream(ClientCount)));

        // Streamed first, on the smaller heap, then buffered.
        var streamed = await PeakAsync("streamed (await foreach over Clients.StreamListAsync)", sampler => ReadStreamedAsync(xpm, sampler)).ConfigureAwait(false);
        var buffered = await PeakAsync("buffered (await Clients.ListAsync, list kept)", sampler => ReadBufferedAsync(xpm, sampler)).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine($"RATIO memory-100k-clients buffered/streamed {F2((double)buffered / streamed)}");
        return 0;
    }

    private static async Task<int> ReadBufferedAsync(XpmClient xpm, PeakSampler? sampler)
    {
        var clients = await xpm.Clients.ListAsync(detailed: true).ConfigureAwait(false);
        sampler?.Sample();
        var count = clients.Count;
        if (sampler is not null)
        {
            // The list is what buffering costs: measure what it retains while it is still referenced.
            var retained = GC.GetTotalMemory(forceFullCollection: true) - sampler.Baseline;
            Console.WriteLine($"    the list of {count:N0} clients retains {retained / 1e6:0.0} MB after a full collection");
        }

        GC.KeepAlive(clients);
        return count;
    }

    private static async Task<int> ReadStreamedAsync(XpmClient xpm, PeakSampler? sampler)
    {
        var count = 0;
        long checksum = 0;
        await foreach (var client in xpm.Clients.StreamListAsync(detailed: true).ConfigureAwait(false))
        {
            count++;
            checksum += client.Name?.Length ?? 0;
            if (count % 1000 == 0)
            {
                sampler?.Sample();
            }
        }

        GC.KeepAlive(checksum);
        return count;
    }

    private static async Task<long> PeakAsync(string what, Func<PeakSampler, Task<int>> run)
    {
        Collect();
        using var sampler = new PeakSampler();
        var started = DateTime.UtcNow;
        var count = await run(sampler).ConfigureAwait(false);
        var elapsed = DateTime.UtcNow - started;
        sampler.Stop();
        if (count != ClientCount)
        {
            throw new InvalidOperationException($"{what} read {count} clients, not {ClientCount}.");
        }

        var peak = sampler.Peak - sampler.Baseline;
        Console.WriteLine($"  {what}: {count:N0} clients in {elapsed.TotalSeconds:0.0} s; peak {peak / 1e6:0.0} MB above the starting heap of {sampler.Baseline / 1e6:0.0} MB ({sampler.Samples:N0} samples)");
        Collect();
        return peak;
    }

    /// <summary>Serves a freshly generated document for every request.</summary>
    private sealed class DocumentHandler(Func<Stream> document) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(document(), bufferSize: 16 * 1024);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>The highest <see cref="GC.GetTotalMemory(bool)"/> seen by a 1 ms background sampler and by explicit samples.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private long _peak;
        private long _samples;
        private volatile bool _stop;

        public PeakSampler()
        {
            Baseline = GC.GetTotalMemory(forceFullCollection: true);
            _peak = Baseline;
            _thread = new Thread(Loop) { IsBackground = true, Name = "peak sampler", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        public long Baseline { get; }

        public long Peak => Interlocked.Read(ref _peak);

        public long Samples => Interlocked.Read(ref _samples);

        public void Sample()
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            Interlocked.Increment(ref _samples);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }

        private void Loop()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(1);
            }
        }
    }
}
