using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace XpmGen.Sandbox;

/// <summary>
/// A folder that keeps a practice across restarts: one XML file per table, each replaced atomically (written to a
/// temporary file beside it, flushed, then renamed over the old one), so a crash leaves the old file or the new one.
/// </summary>
internal sealed class SandboxDataFolder
{
    public SandboxDataFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Whether the folder holds any table file yet.</summary>
    public bool HasData(SandboxState state)
    {
        foreach (var table in state.Tables)
        {
            if (File.Exists(FileOf(table)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Loads every table the folder has a file for; the others start empty.</summary>
    /// <exception cref="XpmSandboxDataException">A file is not readable or not valid sandbox data; it names the file.</exception>
    public void Load(SandboxState state)
    {
        foreach (var table in state.Tables)
        {
            var file = FileOf(table);
            if (!File.Exists(file))
            {
                table.Clear();
                continue;
            }

            try
            {
                using var stream = File.OpenRead(file);
                table.Load(stream);
            }
            catch (Exception ex) when (ex is XmlException or FormatException or IOException or UnauthorizedAccessException)
            {
                throw new XpmSandboxDataException(file, ex.Message, ex);
            }
        }
    }

    /// <summary>Replaces the given files, each atomically.</summary>
    public void Write(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        Directory.CreateDirectory(Path);
        foreach (var (name, bytes) in files)
        {
            var target = System.IO.Path.Combine(Path, name);
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    private string FileOf(ISandboxTable table) => System.IO.Path.Combine(Path, table.FileName);
}
