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
/// The package consumers reference: <c>dotnet pack</c> produces XpmGen.Runtime with the generated code compiled in and the
/// generator as an analyzer, and fresh projects outside the repository restore it from a local folder. One calls WireMock
/// with the packaged client; one adds its own schema files and calls its own generated facade; one has a schema mistake and
/// gets the located diagnostic.
/// </summary>
[Collection(WireMockCollection.Name)]
public sealed class PackageConsumerTests : IClassFixture<PackageConsumerTests.PackedRuntime>
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly WireMockServer _server;
    private readonly PackedRuntime _package;

    public PackageConsumerTests(WireMockServer server, PackedRuntime package)
    {
        _server = server;
        _package = package;
    }

    [Fact]
    public void The_package_carries_the_library_the_generator_and_its_metadata()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.Output);
        var version = _package.Version;
        var files = Directory.GetFiles(_package.Feed).Select(Path.GetFileName).ToList();
        Assert.Contains($"XpmGen.Runtime.{version}.nupkg", files);
        Assert.Contains($"XpmGen.Runtime.{version}.snupkg", files);
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_package.Feed, $"XpmGen.Runtime.{version}.nupkg"));
        var entries = package.Entries.Select(static e => e.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/XpmGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/XpmGen.Runtime.xml", entries);
        // The generator travels as an analyzer with its YamlDotNet beside it, and nowhere else (never under lib/).
        Assert.Contains("analyzers/dotnet/roslyn4.8/cs/XpmGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/roslyn4.8/cs/YamlDotNet.dll", entries);
        Assert.Contains("buildTransitive/XpmGen.Runtime.targets", entries);
        // The runtime's models, for an application's own schema files to name.
        Assert.Contains("schema/models/client.xsd", entries);
        Assert.DoesNotContain(entries, static e => e.StartsWith("schema/endpoints/", StringComparison.Ordinal));
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

    [Fact]
    public async Task A_fresh_project_restores_the_package_and_calls_xpm()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.Output);
        var consumer = _package.NewConsumer("plain", "Consumer");
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

    [Fact]
    public async Task A_project_with_its_own_schema_files_gets_typed_models_and_a_facade_in_its_namespace()
    {
        var consumer = NewConsumerWithSchema("own-schema", "Contoso.Practice", responseType: "Proposal");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using Contoso.Practice;
            using Contoso.Practice.Models;
            using XpmGen;

            using var http = new HttpClient();
            var xpm = new XpmClient(http, new XpmClientOptions
            {
                BaseAddress = new Uri(args[0]),
                TenantId = args[1],
                AccessTokenProvider = new StaticAccessTokenProvider(args[2]),
            });

            // The facade's interface is what app code takes and tests fake.
            IProposalApi proposals = xpm.Proposals();
            foreach (Proposal proposal in await proposals.ListAsync(CancellationToken.None))
            {
                Console.WriteLine($"proposal: {proposal.Name} {proposal.Amount} {proposal.SentOn:yyyy-MM-dd} for {proposal.Client?.Name}");
            }

            // An endpoint of the app's own schema that returns the runtime's model.
            IReadOnlyList<XpmGen.Models.Client> prospects = await proposals.ProspectsAsync(CancellationToken.None);
            Console.WriteLine("prospect: " + prospects[0].Name + " " + prospects[0].IsProspect);

            var added = await proposals.AddAsync(new Proposal { Name = "Year-end review", Amount = 1200.50m }, CancellationToken.None);
            Console.WriteLine("added: " + added.Uuid);
            Console.WriteLine("own endpoints: " + Contoso.Practice.XpmEndpoints.All.Count);
            Console.WriteLine("packaged endpoints: " + XpmGen.XpmEndpoints.All.Count);
            Console.WriteLine("categories: " + (await xpm.Categories.ListAsync(CancellationToken.None)).Count);
            """);
        var list = "/practicemanager/3.1/proposal.api/list";
        var add = "/practicemanager/3.1/proposal.api/add";
        await using var listStub = await _server.AddMappingAsync(Stub("GET", list, """
            <Response><Status>OK</Status><Proposals>
              <Proposal><UUID>p-1</UUID><Name>Tax planning</Name><Amount>850.00</Amount><SentOn>2026-11-02T00:00:00</SentOn>
                <Client><UUID>c-1</UUID><Name>Kowhai Bakery</Name></Client></Proposal>
            </Proposals></Response>
            """));
        await using var prospectsStub = await _server.AddMappingAsync(Stub("GET", "/practicemanager/3.1/proposal.api/prospects", """
            <Response><Status>OK</Status><Clients><Client><UUID>c-2</UUID><Name>Rata Joinery</Name><IsProspect>Yes</IsProspect></Client></Clients></Response>
            """));
        await using var addStub = await _server.AddMappingAsync(Stub("POST", add, """
            <Response><Status>OK</Status><Proposal><UUID>p-2</UUID><Name>Year-end review</Name><Amount>1200.50</Amount></Proposal></Response>
            """));

        var run = await RunAsync(consumer, "run", "--", _server.BaseAddress.AbsoluteUri, ContractData.TenantId, ContractData.AccessToken);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("proposal: Tax planning 850.00 2026-11-02 for Kowhai Bakery", run.Output, StringComparison.Ordinal);
        Assert.Contains("prospect: Rata Joinery True", run.Output, StringComparison.Ordinal);
        Assert.Contains("added: p-2", run.Output, StringComparison.Ordinal);
        Assert.Contains("own endpoints: 3", run.Output, StringComparison.Ordinal);
        Assert.Contains("packaged endpoints: 102", run.Output, StringComparison.Ordinal);
        Assert.Contains("categories: ", run.Output, StringComparison.Ordinal);
        // The generated writer sent the model as XML, with the element names the schema gives.
        var sent = await _server.SingleRequestAsync("POST", add);
        Assert.Contains("<Proposal>", sent.Body, StringComparison.Ordinal);
        Assert.Contains("<Name>Year-end review</Name>", sent.Body, StringComparison.Ordinal);
        Assert.Contains("<Amount>1200.50</Amount>", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_mistake_in_a_project_is_a_located_diagnostic()
    {
        var consumer = NewConsumerWithSchema("mistake", "Contoso.Broken", responseType: "Proposel");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), "System.Console.WriteLine(\"unreachable\");\n");

        var build = await RunAsync(consumer, "build");

        Assert.NotEqual(0, build.ExitCode);
        // Located: the file and the line of the endpoint that names the unknown type.
        Assert.Matches(@"proposal\.yaml\(\d+,\d+\): error XPM201", build.Output);
        Assert.Contains("Proposel", build.Output, StringComparison.Ordinal);
    }

    /// <summary>A fresh project with the proposal schema as AdditionalFiles, as an application adds its own.</summary>
    private string NewConsumerWithSchema(string folder, string rootNamespace, string responseType)
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.Output);
        var consumer = _package.NewConsumer(folder, rootNamespace, """
            <ItemGroup>
              <AdditionalFiles Include="xpm/**/*.xsd;xpm/**/*.yaml" />
            </ItemGroup>
            """);
        WriteProposalSchema(consumer, responseType);
        return consumer;
    }

    private static void WriteProposalSchema(string project, string responseType)
    {
        Directory.CreateDirectory(Path.Combine(project, "xpm", "models"));
        Directory.CreateDirectory(Path.Combine(project, "xpm", "endpoints"));
        File.WriteAllText(Path.Combine(project, "xpm", "models", "proposal.xsd"), """
            <?xml version="1.0" encoding="utf-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:complexType name="Proposal">
                <xs:annotation><xs:documentation>A fee proposal sent to a prospective client.</xs:documentation></xs:annotation>
                <xs:sequence>
                  <xs:element name="UUID" type="xs:string" minOccurs="0">
                    <xs:annotation><xs:documentation>The proposal's UUID.</xs:documentation></xs:annotation>
                  </xs:element>
                  <xs:element name="Name" type="xs:string" minOccurs="0">
                    <xs:annotation><xs:documentation>The proposal's title.</xs:documentation></xs:annotation>
                  </xs:element>
                  <xs:element name="Amount" type="xs:decimal" minOccurs="0">
                    <xs:annotation><xs:documentation>The fee proposed, excluding tax.</xs:documentation></xs:annotation>
                  </xs:element>
                  <xs:element name="SentOn" type="xs:dateTime" minOccurs="0">
                    <xs:annotation><xs:documentation>When the proposal was sent.</xs:documentation></xs:annotation>
                  </xs:element>
                  <xs:element name="Client" type="Client" minOccurs="0">
                    <xs:annotation><xs:documentation>The client it was sent to: the runtime's model, named from this file.</xs:documentation></xs:annotation>
                  </xs:element>
                </xs:sequence>
              </xs:complexType>
            </xs:schema>
            """);
        File.WriteAllText(Path.Combine(project, "xpm", "endpoints", "proposal.yaml"), $$"""
            resource: Proposal
            facade: Proposals
            path: proposal.api
            description: Fee proposals, an endpoint this application uses before XpmGen ships it.
            endpoints:
              - name: List
                method: GET
                path: list
                summary: Returns every proposal.
                scopes: [practicemanager, practicemanager.read]
                response: { element: Proposals, item: Proposal, type: {{responseType}}, many: true }
              - name: Add
                method: POST
                path: add
                summary: Creates a proposal and returns it.
                scopes: [practicemanager]
                request: { element: Proposal, type: Proposal }
                response: { element: Proposal, type: Proposal }
              - name: Prospects
                method: GET
                path: prospects
                summary: Returns the clients a proposal was sent to, as the runtime's Client model.
                scopes: [practicemanager, practicemanager.read]
                response: { element: Clients, item: Client, type: Client, many: true }
            """);
    }

    private static string Stub(string method, string path, string xml) =>
        $$"""{ "priority": 1, "request": { "method": "{{method}}", "urlPath": "{{path}}" }, "response": { "status": 200, "headers": { "Content-Type": "text/xml; charset=utf-8" }, "body": {{System.Text.Json.JsonSerializer.Serialize(xml)}} } }""";

    /// <summary>Packs XpmGen.Runtime once for the class into a local feed, under a version no NuGet cache has seen.</summary>
    public sealed class PackedRuntime : IAsyncLifetime
    {
        private readonly string _work = Path.Combine(Path.GetTempPath(), "xpmgen-consumer-" + Guid.NewGuid().ToString("N"));

        public string Feed => Path.Combine(_work, "feed");

        public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        public (int ExitCode, string Output) Pack { get; private set; }

        public async Task InitializeAsync()
        {
            var root = FindRepositoryRoot();
            Directory.CreateDirectory(Feed);
            Pack = await RunAsync(root, "pack", Path.Combine(root, "runtime", "XpmGen.Runtime", "XpmGen.Runtime.csproj"), "-c", "Release", "-o", Feed, "-p:Version=" + Version);
        }

        public Task DisposeAsync()
        {
            if (Directory.Exists(_work))
            {
                Directory.Delete(_work, recursive: true);
            }

            return Task.CompletedTask;
        }

        /// <summary>A new project folder outside the repository that references the packed runtime, with warnings as errors.</summary>
        public string NewConsumer(string folder, string rootNamespace, string extra = "")
        {
            var consumer = Directory.CreateDirectory(Path.Combine(_work, folder)).FullName;
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <RootNamespace>{rootNamespace}</RootNamespace>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="XpmGen.Runtime" Version="{Version}" />
                  </ItemGroup>
                {extra}
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{Feed}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <add key="machine" value="{GlobalPackagesFolder()}" />
                  </fallbackPackageFolders>
                </configuration>
                """);
            return consumer;
        }
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
