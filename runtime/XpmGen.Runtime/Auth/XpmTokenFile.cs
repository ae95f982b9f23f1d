using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>
/// The file handling both file token stores share: reading a token file with file-system faults typed, and replacing it
/// atomically. A save writes a temporary file beside the target (named with the process id), flushes it and moves it
/// over the old one, so a crash leaves the old token set or the new one; temporary files a killed process left are
/// deleted by the next load or save of that file.
/// </summary>
internal static class XpmTokenFile
{
    private const string TemporarySuffix = ".tmp";
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    /// <summary>The bytes of a token file, or null when there is none.</summary>
    /// <exception cref="XpmTokenStoreException">The file exists but cannot be read (a directory, no permission).</exception>
    public static async ValueTask<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A path that is a directory reads as UnauthorizedAccessException on Windows and IOException on Linux.
            throw new XpmTokenStoreException($"The token file '{path}' could not be read: {ex.Message}", ex);
        }

        CleanOrphans(path);
        return data;
    }

    /// <summary>Replaces a token file atomically, creating its folder when missing.</summary>
    /// <exception cref="XpmTokenStoreException">The file cannot be written.</exception>
    public static async ValueTask WriteAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        // The process id in the name lets a later save tell a live writer's file from one a killed process left.
        var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            CleanOrphans(path);
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new XpmTokenStoreException($"The token set could not be saved to '{path}': {ex.Message}", ex);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Deletes temporary files of <paramref name="path"/> that an interrupted save left: those of processes no longer
    /// running, and any older than <see cref="OrphanAge"/> (a save takes milliseconds). Files of live writers stay,
    /// so two processes sharing the folder never break each other's save. Failures are ignored: cleanup is a courtesy.
    /// </summary>
    private static void CleanOrphans(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(path)!;
            var prefix = Path.GetFileName(path) + ".";
            foreach (var file in Directory.EnumerateFiles(directory, prefix + "*" + TemporarySuffix))
            {
                var name = Path.GetFileName(file);
                var rest = name.AsSpan(prefix.Length);
                var dot = rest.IndexOf('.');
                var writerAlive = dot > 0
                    && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && IsAlive(pid);
                if (!writerAlive || DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > OrphanAge)
                {
                    TryDelete(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            // This process's own saves in progress (another thread) are never orphans.
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
