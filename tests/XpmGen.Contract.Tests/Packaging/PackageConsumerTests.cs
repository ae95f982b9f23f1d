using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests.Packaging;

/// <summary>
/// The package consumers reference: <c>dotnet pack</c> produces XpmGen.Runtime with the generated code compiled in,
/// and a fresh project outside the repository restores it from a local folder and calls WireMock with it.
/// </summary>
[Collection(WireMockCollection.Name)]
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly WireMockServer _server;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "xpmgen-consumer-" + Guid.NewGuid().ToString("N"));

    public PackageConsumerTests(WireMockServer server) => _server = server;

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task A_fresh_project_restores_the_package_and_calls_xpm()
    {
        var root = FindRepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        // A version no cache has seen, so the restore takes this build's package and nothing older.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        var pack = await RunAsync(root, "pack", Path.Combine(root, "runtime", "XpmGen.Runtime", "XpmGen.Runtime.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var files = Directory.GetFiles(feed).Select(Path.GetFileName).ToList();
        Assert.Contains($"XpmGen.Runtime.{version}.nupkg", files);
        Assert.Contains($"XpmGen.Runtime.{version}.snupkg", files);
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"XpmGen.Runtime.{version}.nupkg")))
        {
            var entries = package.Entries.Select(static e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/XpmGen.Runtime.dll", entries);
            Assert.Contains("lib/net10.0/XpmGen.Runtime.xml", entries);
            // The generator travels as an analyzer with its YamlDotNet beside it, and nowhere else (never under lib/).
            Assert.Contains("analyzers/dotnet/roslyn4.8/cs/XpmGen.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/roslyn4.8/cs/YamlDotNet.dll", entries);
            Assert.Contains("buildTransitive/XpmGen.Runtime.targets", entries);
            Assert.All(
                entries.Where(static e => e.Contains("XpmGen.Generator", StringComparison.Ordinal)),
                static e => Assert.StartsWith("analyzers/dotnet/roslyn4.8/cs/", e, StringComparison.Ordinal));
            using var nuspec = new StreamReader(package.GetEntry("XpmGen.Runtime.nuspec")!.Open());
            var text = nuspec.ReadToEnd();
            Assert.Contains($"<version>{version}</version>", text, StringComparison.Ordinal);
            Assert.Contains("<license type=\"expression\">MIT</license>", text, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
            Assert.Contains("<projectUrl>https://github.com/xpmgen/xpmgen</projectUrl>", text, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\" url=\"https://github.com/xpmgen/xpmgen\"", text, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="XpmGen.Runtime" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{GlobalPackagesFolder()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using XpmGen;

            using var http = new HttpClient();
            var xpm = new XpmClient(http, new XpmClientOptions
            {
                BaseAddress = new Uri(args[0]),
                TenantId = args[1],
                AccessTokenProvider = new StaticAccessTokenProvider(args[2]),
            });
            foreach (var category in await xpm.Categories.ListAsync(CancellationToken.None))
            {
                Console.WriteLine("category: " + category.Name);
            }
            Console.WriteLine("endpoints: " + XpmEndpoints.All.Count);
            """);

        // The machine's NuGet sources stay available for the package's own dependencies.
        var run = await RunAsync(consumer, "run", "--", _server.BaseAddress.AbsoluteUri, ContractData.TenantId, ContractData.AccessToken);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("category: Annual Accounts", run.Output, StringComparison.Ordinal);
        Assert.Contains("endpoints: 102", run.Output, StringComparison.Ordinal);
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

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(StepTimeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"dotnet {string.Join(' ', arguments)} did not finish within {StepTimeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
    }
}
