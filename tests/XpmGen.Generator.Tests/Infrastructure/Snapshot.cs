using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated sources with committed expected files under <c>Snapshots/&lt;case&gt;/</c>.
/// On a mismatch the failure shows a line diff; set <c>XPMGEN_ACCEPT_SNAPSHOTS=1</c> to write the
/// actual output as the new expected files (then review the change with git diff).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "XPMGEN_ACCEPT_SNAPSHOTS";

    public static void Match(string caseName, IReadOnlyDictionary<string, string> actualFiles)
    {
        var folder = Path.Combine(RepositoryPaths.TestProject, "Snapshots", caseName);
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";
        if (accept)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (var (name, text) in actualFiles)
            {
                File.WriteAllText(Path.Combine(folder, name), Normalize(text));
            }

            return;
        }

        var failures = new StringBuilder();
        var expectedNames = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in expectedNames.Except(actualFiles.Keys).OrderBy(static n => n, StringComparer.Ordinal))
        {
            failures.AppendLine($"- {name}: expected but not generated");
        }

        foreach (var (name, text) in actualFiles.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            if (!expectedNames.Contains(name))
            {
                failures.AppendLine($"- {name}: generated but has no expected file");
                continue;
            }

            var expected = Normalize(File.ReadAllText(Path.Combine(folder, name)));
            var actual = Normalize(text);
            if (expected != actual)
            {
                failures.AppendLine($"- {name} differs (- expected, + actual):");
                failures.AppendLine(Diff(expected, actual));
            }
        }

        if (failures.Length > 0)
        {
            throw new XunitException(
                $"Snapshot '{caseName}' does not match {folder}.\n{failures}\nIf the change is intended, rerun with {AcceptVariable}=1 and review the diff.");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual, ignoreWhitespace: false);
        var builder = new StringBuilder();
        var lines = model.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                continue;
            }

            var prefix = lines[i].Type == ChangeType.Deleted ? "-" : "+";
            builder.Append("  ").Append(lines[i].Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?").Append(": ")
                .Append(prefix).AppendLine(lines[i].Text);
        }

        return builder.ToString();
    }
}
