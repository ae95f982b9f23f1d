using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

/// <summary>
/// <c>XpmGenOutput=Consumer</c>: an application's own schema files generate into its namespace, beside the packaged client,
/// and never emit a type of the runtime. (The packaging test in the contract tests compiles and runs such a project.)
/// </summary>
public sealed class ConsumerOutputTests
{
    private static readonly string Widgets = Path.Combine(RepositoryPaths.TestProject, "Schemas", "Widgets");

    [Fact]
    public void Models_requests_and_facades_go_into_the_consumer_namespace()
    {
        var result = Run(("XpmGenOutput", "Consumer"), ("XpmGenNamespace", "Contoso.Practice"), ("RootNamespace", "Ignored.Root"));

        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Assert.Equal(
            new[] { "Models.Common.g.cs", "Models.Widget.g.cs", "Resources.Widget.g.cs", "XpmClientExtensions.Resources.g.cs" },
            sources.Keys.OrderBy(static k => k, System.StringComparer.Ordinal));
        Assert.Contains("namespace Contoso.Practice.Models", sources["Models.Widget.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Practice.Serialization", sources["Models.Widget.g.cs"], System.StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Practice\n", sources["Resources.Widget.g.cs"].Replace("\r\n", "\n"), System.StringComparison.Ordinal);
        Assert.Contains("public static global::Contoso.Practice.WidgetApi Widgets(this global::XpmGen.XpmClient client)", sources["XpmClientExtensions.Resources.g.cs"], System.StringComparison.Ordinal);

        var all = string.Join("\n", sources.Values);
        // Its own models, readers and catalogue; the runtime's only as the client it sends through.
        Assert.DoesNotContain("global::XpmGen.Models.", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("global::XpmGen.Serialization.Widget", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("global::XpmGen.XpmEndpoints", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("sealed partial class XpmClient", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("partial interface IXpmClient", all, System.StringComparison.Ordinal);
        Assert.Contains("global::Contoso.Practice.Serialization.WidgetXml.Read", all, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_namespace_defaults_to_the_root_namespace()
    {
        var result = Run(("XpmGenOutput", "Consumer"), ("RootNamespace", "Contoso.App"));

        Assert.Empty(result.Diagnostics);
        Assert.Contains(
            result.Results.Single().GeneratedSources,
            static s => s.SourceText.ToString().Contains("namespace Contoso.App.Models", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("XpmGen", "is the runtime's own namespace")]
    [InlineData("Contoso.1Practice", "is not a dotted C# name")]
    [InlineData("Contoso..Practice", "is not a dotted C# name")]
    [InlineData("Contoso.class", "is not a dotted C# name")]
    public void An_unusable_namespace_is_XPM902_and_nothing_is_emitted(string root, string problem)
    {
        var result = Run(("XpmGenOutput", "Consumer"), ("XpmGenNamespace", root));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XPM902", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"'{root}'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains(problem, diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Without_any_namespace_property_it_is_XPM902()
    {
        var result = Run(("XpmGenOutput", "Consumer"));

        Assert.Equal("XPM902", Assert.Single(result.Diagnostics).Id);
        Assert.Contains("is empty", result.Diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_output_is_unchanged_by_the_namespace_properties()
    {
        var plain = Run(("XpmGenOutput", "Client"));
        var withNamespace = Run(("XpmGenOutput", "Client"), ("XpmGenNamespace", "Contoso.Practice"), ("RootNamespace", "Contoso.Practice"));

        Assert.Equal(
            plain.Results.Single().GeneratedSources.Select(static s => s.SourceText.ToString()),
            withNamespace.Results.Single().GeneratedSources.Select(static s => s.SourceText.ToString()));
        Assert.Contains(plain.Results.Single().GeneratedSources, static s => s.HintName == "XpmClient.Resources.g.cs");
    }

    [Fact]
    public void The_runtime_models_handed_to_the_build_can_be_named_and_are_not_emitted_again()
    {
        var reference = ("/pkg/schema/models/client.xsd", """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:complexType name="Client"><xs:sequence><xs:element name="Name" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
              <xs:complexType name="Proposal"><xs:sequence><xs:element name="Title" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
            </xs:schema>
            """);
        var own = ("/app/xpm/models/proposal.xsd", """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:complexType name="Proposal"><xs:sequence>
                <xs:element name="Name" type="xs:string" minOccurs="0"/>
                <xs:element name="Client" type="Client" minOccurs="0"/>
              </xs:sequence></xs:complexType>
            </xs:schema>
            """);
        var endpoints = ("/app/xpm/endpoints/proposal.yaml", """
            resource: Proposal
            facade: Proposals
            path: proposal.api
            endpoints:
              - name: Prospects
                method: GET
                path: prospects
                scopes: [practicemanager]
                response: { element: Clients, item: Client, type: Client, many: true }
              - name: List
                method: GET
                path: list
                scopes: [practicemanager]
                response: { element: Proposals, item: Proposal, type: Proposal, many: true }
            """);
        var files = new[] { reference, own, endpoints }.Select(static f => (AdditionalText)new InMemoryAdditionalText(f.Item1, f.Item2)).ToList();
        var options = TestOptionsProvider.Properties(("XpmGenOutput", "Consumer"), ("XpmGenNamespace", "Contoso.Practice")).WithReferenceFiles(new[] { reference.Item1 });

        var result = GeneratorHarness.CreateDriver(files, options).RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult();

        // The application's Proposal shadows the runtime's one without a duplicate-type error.
        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
        Assert.Equal(
            new[] { "Models.Proposal.g.cs", "Resources.Proposal.g.cs", "XpmClientExtensions.Resources.g.cs" },
            sources.Keys.OrderBy(static k => k, System.StringComparer.Ordinal));
        var model = sources["Models.Proposal.g.cs"];
        Assert.Contains("public global::XpmGen.Models.Client? Client {", model, System.StringComparison.Ordinal);
        Assert.Contains("internal global::XpmGen.Models.Client? _client;", model, System.StringComparison.Ordinal);
        Assert.Contains("global::XpmGen.Serialization.ClientXml.Read(reader)", model, System.StringComparison.Ordinal);
        var resource = sources["Resources.Proposal.g.cs"];
        Assert.Contains("IReadOnlyList<global::XpmGen.Models.Client>", resource, System.StringComparison.Ordinal);
        Assert.Contains("IReadOnlyList<global::Contoso.Practice.Models.Proposal>", resource, System.StringComparison.Ordinal);
    }

    private static GeneratorDriverRunResult Run(params (string Name, string Value)[] properties) =>
        GeneratorHarness.CreateDriver(GeneratorHarness.LoadSchemaFolder(Widgets), TestOptionsProvider.Properties(properties))
            .RunGenerators(GeneratorHarness.CreateCompilation())
            .GetRunResult();
}
