using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>Locates the repository, so tests can read the real schema and runtime sources and accept snapshots in place.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestProject { get; } = ThisDirectory();

    public static string Schema => Path.Combine(Root, "schema");

    public static string RuntimeSources => Path.Combine(Root, "runtime", "XpmGen.Runtime");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XpmGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder holding XpmGen.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static string ThisDirectory([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
