using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace XpmGen.Cli.Tests;

/// <summary>
/// The tool as users get it: <c>dotnet pack</c> gives the .NET tool package XpmGen.Cli, versioned like the runtime,
/// which <c>dotnet tool install</c> puts into an empty tool path, and whose <c>xpm</c> then runs with the runtime and
/// the sandbox it carries.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "xpm-tool-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task The_packed_tool_installs_into_an_empty_tool_path_and_runs()
    {
        var root = FindRepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var tools = Directory.CreateDirectory(Path.Combine(_work, "tools")).FullName;
        // A version no cache has seen, so the install takes this build's package and nothing older.
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

        // Packs the tool this test run built (same configuration as this test assembly) instead of building it again:
        // seconds instead of minutes, and no second build racing the ones other test projects run at the same time.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var project = Path.Combine(root, "cli", "XpmGen.Cli", "XpmGen.Cli.csproj");
        Assert.True(
            File.Exists(Path.Combine(root, "cli", "XpmGen.Cli", "bin", configuration, "net10.0", "xpm.dll")),
            $"The {configuration} build of cli/XpmGen.Cli is missing under {root}.");
        var pack = await RunAsync(root, "dotnet", "pack", project, "--no-build", "-c", configuration, "-o", feed, "-p:XpmGenVersion=" + version);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var package = Path.Combine(feed, $"XpmGen.Cli.{version}.nupkg");
        Assert.True(File.Exists(package), string.Join("\n", Directory.GetFiles(feed)));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(static e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
            Assert.Contains("tools/net10.0/any/xpm.dll", entries);
            Assert.Contains("tools/net10.0/any/XpmGen.Runtime.dll", entries);
            Assert.Contains("tools/net10.0/any/XpmGen.Sandbox.dll", entries);
            Assert.Contains("tools/net10.0/any/System.CommandLine.dll", entries);
            Assert.DoesNotContain(entries, static e => e.Contains("XpmGen.Generator", StringComparison.Ordinal));

            using var nuspec = new StreamReader(zip.GetEntry("XpmGen.Cli.nuspec")!.Open());
            var text = await nuspec.ReadToEndAsync();
            Assert.Contains($"<version>{version}</version>", text, StringComparison.Ordinal);
            Assert.Contains("<license type=\"expression\">MIT</license>", text, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
            Assert.Contains("<packageType name=\"DotnetTool\" />", text, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\"", text, StringComparison.Ordinal);
        }

        // The tool package has no dependencies, so the folder is its only source: the install works offline.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var install = await RunAsync(_work, "dotnet", "tool", "install", "--tool-path", tools, "--configfile", config, "XpmGen.Cli", "--version", version);
        Assert.True(install.ExitCode == 0, install.Output);
        var xpm = Path.Combine(tools, OperatingSystem.IsWindows() ? "xpm.exe" : "xpm");
        Assert.True(File.Exists(xpm), install.Output);

        var endpoints = await RunAsync(_work, xpm, "endpoints");
        Assert.True(endpoints.ExitCode == 0, endpoints.Output);
        Assert.Contains("client.api/list", endpoints.Output, StringComparison.Ordinal);
        Assert.Contains("job.api/task", endpoints.Output, StringComparison.Ordinal);

        var clients = await RunAsync(_work, xpm, "clients", "list", "--sandbox", "-o", "json");
        Assert.True(clients.ExitCode == 0, clients.Output);
        using var json = JsonDocument.Parse(clients.StandardOutput);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.NotEqual(0, json.RootElement.GetArrayLength());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "XpmGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("XpmGen.sln was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Output, string StandardOutput)> RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The installed tool's launcher finds the runtime through DOTNET_ROOT: the one running these tests.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        start.Environment.Remove("XPM_ACCESS_TOKEN");
        start.Environment.Remove("XPM_TENANT_ID");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var command = $"{program} {string.Join(' ', arguments)}";
        if (await Task.WhenAny(exited, Task.Delay(StepTimeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{command} did not finish within {StepTimeout}.", string.Empty);
        }

        var output = new StringBuilder().Append(await stdout).Append(await stderr);
        return (process.ExitCode, $"{command} exited {process.ExitCode}:\n{output}", await stdout);
    }
}
