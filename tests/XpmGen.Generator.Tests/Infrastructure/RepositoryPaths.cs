using System;
using System.IO;

namespace XpmGen.Generator.Tests.Infrastructure;

/// <summary>Locates the repository, so tests can read the real schema and runtime sources and accept snapshots in place.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    // Not [CallerFilePath]: CI builds map source paths to /_/ (ContinuousIntegrationBuild).
    public static string TestProject => Path.Combine(Root, "tests", "XpmGen.Generator.Tests");

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
}
