using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace XpmGen.Sandbox.Tests;

/// <summary>
/// A sandbox started on a data folder prepared for one test: the practice holds exactly what the test arranges,
/// written in the sandbox's own table files, so a scenario does not depend on the demo data.
/// </summary>
internal sealed class ArrangedSandbox : IAsyncDisposable
{
    private readonly string _folder;
    private XpmClient? _xpm;

    private ArrangedSandbox(XpmSandbox sandbox, string folder)
    {
        Sandbox = sandbox;
        _folder = folder;
    }

    public XpmSandbox Sandbox { get; }

    /// <summary>A client of the sandbox, made on first use.</summary>
    public XpmClient Xpm => _xpm ??= Sandbox.CreateClient();

    /// <summary>Starts on the state <paramref name="arrange"/> fills, written through the generated writers.</summary>
    public static Task<ArrangedSandbox> StartAsync(Action<SandboxState> arrange)
    {
        var state = new SandboxState();
        arrange(state);
        return StartAsync(state.Snapshot());
    }

    /// <summary>Starts on table files given as XML text (file name → content); the other tables start empty.</summary>
    public static Task<ArrangedSandbox> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (file, text) in files)
        {
            bytes[file] = System.Text.Encoding.UTF8.GetBytes(text);
        }

        return StartAsync(bytes);
    }

    private static async Task<ArrangedSandbox> StartAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "xpmgen-sandbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (file, bytes) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, file), bytes);
        }

        return new ArrangedSandbox(await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = folder }), folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
