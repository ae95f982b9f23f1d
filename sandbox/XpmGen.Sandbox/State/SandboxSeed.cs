using System.IO;
using System.Reflection;
using System.Xml;

namespace XpmGen.Sandbox;

/// <summary>
/// The demo practice a sandbox starts with: XML files in XPM's format embedded in this assembly
/// (<c>Seed/*.xml</c>), one per table, read by the same generated readers as everything else.
/// </summary>
internal static class SandboxSeed
{
    private const string Prefix = "XpmGen.Sandbox.Seed.";

    /// <summary>Loads every table that has a seed file; the others start empty.</summary>
    public static void Load(SandboxState state)
    {
        var assembly = typeof(SandboxSeed).Assembly;
        foreach (var table in state.Tables)
        {
            using var stream = assembly.GetManifestResourceStream(Prefix + table.FileName);
            if (stream is null)
            {
                table.Clear();
                continue;
            }

            try
            {
                table.Load(stream);
            }
            catch (XmlException ex)
            {
                // A bad seed file is a bug in this assembly; say which file.
                throw new XpmSandboxDataException("Seed/" + table.FileName, ex.Message, ex);
            }
        }
    }
}
