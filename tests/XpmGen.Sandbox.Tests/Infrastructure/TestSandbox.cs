using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Sandbox.Tests;

/// <summary>
/// Starts sandboxes for tests on a free loopback port. While the coverage test runs every scenario, the sandboxes
/// started are recorded so it can ask which operations answered OK.
/// </summary>
internal static class TestSandbox
{
    private static readonly AsyncLocal<ConcurrentBag<XpmSandbox>?> Recorder = new();

    /// <summary>Starts the demo practice, or an empty one.</summary>
    public static Task<XpmSandbox> StartAsync(bool empty = false) => StartAsync(new XpmSandboxOptions { Empty = empty });

    public static async Task<XpmSandbox> StartAsync(XpmSandboxOptions options)
    {
        var sandbox = await XpmSandbox.StartAsync(options);
        Recorder.Value?.Add(sandbox);
        return sandbox;
    }

    /// <summary>Records every sandbox started in the current async flow until disposed.</summary>
    public static IDisposable Record(out IReadOnlyCollection<XpmSandbox> started)
    {
        var bag = new ConcurrentBag<XpmSandbox>();
        Recorder.Value = bag;
        started = bag;
        return new Stop();
    }

    private sealed class Stop : IDisposable
    {
        public void Dispose() => Recorder.Value = null;
    }
}
