using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

/// <summary>
/// Every error branch of the binder (files that do not agree with each other, and values only binding can judge) raises
/// its own diagnostic, once, at the schema location of the thing at fault; and the catalogue, its docs and its release
/// tracking agree.
/// </summary>
public sealed class BinderDiagnosticTests
{
    private const string ThingXsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:complexType name="Thing">
            <xs:sequence>
              <xs:element name="UUID" type="xs:string" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
        </xs:schema>
        """;

    private const string Head = "resource: Thing\npath: thing.api\nendpoints:\n";

    private const string ListResponse = "    response: { element: Things, item: Thing, type: Thing, many: true }\n";

    /// <summary>The cases by name: the files, the id expected, the file and text (a marker, its first occurrence) it points at, and a word of its message.</summary>
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["resource name that is not an identifier"] = Yaml(
            "XPM003", "resource: Bad Thing\npath: thing.api\nendpoints: []\n", "resource: Bad", "Bad Thing"),
        ["query parameter name that is not an identifier"] = Yaml(
            "XPM003", Head + Endpoint("List", "list") + "    query:\n      - { name: q, parameter: not valid }\n", "{ name: q", "not valid"),
        ["bare string response with many"] = Yaml(
            "XPM003", Head + Endpoint("Copy", "copy") + "    response: { element: UUID, type: string, many: true }\n", "string, many", "many"),
        ["list of numbers"] = Xsd(
            "XPM102", Element("""<xs:element name="Counts" type="xs:int" maxOccurs="unbounded"/>"""), "xs:element name=\"Counts\"", "xs:int"),
        ["attribute of a complex type"] = Xsd(
            "XPM102", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:complexType name="Thing">
                    <xs:attribute name="Owner" type="Thing"/>
                  </xs:complexType>
                </xs:schema>
                """, "xs:attribute", "attributes hold simple values"),
        ["xpm:property that is not an identifier"] = Xsd(
            "XPM103", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xpm="urn:xpmgen">
                  <xs:complexType name="Thing">
                    <xs:sequence>
                      <xs:element name="Field" type="xs:string" xpm:property="Not Valid"/>
                    </xs:sequence>
                  </xs:complexType>
                </xs:schema>
                """, "xs:element name=\"Field\"", "Not Valid"),
        ["unknown type in an element"] = Xsd(
            "XPM201", Element("""<xs:element name="Owner" type="Persn"/>"""), "xs:element name=\"Owner\"", "Persn"),
        ["unknown request type"] = Yaml(
            "XPM201", Head + Endpoint("Add", "add", "POST") + "    request: { element: Thing, type: ThingAdd }\n", "ThingAdd", "ThingAdd"),
        ["unknown response type"] = Yaml(
            "XPM201", Head + Endpoint("Get", "get") + "    response: { element: Thing, type: Thingy }\n", "Thingy", "Thingy"),
        ["same operation twice"] = Yaml(
            "XPM202", Head + Endpoint("List", "list") + Endpoint("All", "list"), "name: All", "GET thing.api/list"),
        ["same operation with another placeholder name"] = Yaml(
            "XPM202", Head + Endpoint("Get", "get/{uuid}") + Endpoint("Fetch", "get/{id}"), "name: Fetch", "thing.api/get/{id}"),
        ["type declared in two files"] = new(
            "XPM203", new[] { ("/s/models/a.xsd", ThingXsd), ("/s/models/b.xsd", ThingXsd) }, "/s/models/b.xsd", "xs:complexType", "a.xsd"),
        ["path parameter without placeholder"] = Yaml(
            "XPM204", Head + Endpoint("Get", "get") + "    parameters:\n      - { name: uuid }\n", "{ name: uuid", "'uuid'"),
        ["endpoint name twice"] = Yaml(
            "XPM205", Head + Endpoint("List", "list") + Endpoint("List", "all"), "name: List\n    method: GET\n    path: all", "the endpoint 'List'"),
        ["endpoint named like a group"] = Yaml(
            "XPM205", Head + Endpoint("Parts", "parts") + "  - name: List\n    group: Parts\n    method: GET\n    path: parts/list\n    scopes: [practicemanager]\n", "name: Parts", "a group of endpoints"),
        ["paging helper named like an endpoint"] = Yaml(
            "XPM205", Head + Endpoint("ListAll", "all") + Endpoint("List", "list") + "    paging: { style: page }\n    query:\n      - { name: page, type: int }\n" + ListResponse, "{ style: page", "paging helper"),
        ["resource name twice"] = new(
            "XPM206",
            new[] { ("/s/endpoints/thing.yaml", "resource: Thing\nfacade: Things\npath: thing.api\nendpoints: []\n"), ("/s/endpoints/other.yaml", "resource: Thing\nfacade: Others\npath: other.api\nendpoints: []\n"), ("/s/models/thing.xsd", ThingXsd) },
            "/s/endpoints/thing.yaml", "resource: Thing", "other.yaml"),
        ["facade name twice"] = new(
            "XPM206",
            new[] { ("/s/endpoints/thing.yaml", "resource: Thing\nfacade: Things\npath: thing.api\nendpoints: []\n"), ("/s/endpoints/other.yaml", "resource: Other\nfacade: Things\npath: other.api\nendpoints: []\n"), ("/s/models/thing.xsd", ThingXsd) },
            "/s/endpoints/thing.yaml", "resource: Thing", "facade"),
        ["paging of an endpoint that returns no list"] = Yaml(
            "XPM207", Head + Endpoint("Get", "get") + "    paging: { style: page }\n    query:\n      - { name: page, type: int }\n    response: { element: Thing, type: Thing }\n", "{ style: page", "list"),
        ["paging helper name that is not an identifier"] = Yaml(
            "XPM207", Head + Endpoint("List", "list") + "    paging: { style: page, method: All Of Them }\n    query:\n      - { name: page, type: int }\n" + ListResponse, "{ style: page", "All Of Them"),
        ["token paging without pageToken"] = Yaml(
            "XPM207", Head + Endpoint("List", "list") + "    paging: { style: token }\n" + ListResponse, "{ style: token", "pageToken"),
        ["page paging with a page of the wrong type"] = Yaml(
            "XPM207", Head + Endpoint("List", "list") + "    paging: { style: page }\n    query:\n      - { name: page, type: string }\n" + ListResponse, "{ style: page", "of type int"),
        ["window paging with optional bounds"] = Yaml(
            "XPM207", Head + Endpoint("List", "list") + "    paging: { style: window }\n    query:\n      - { name: from, type: date, required: true }\n      - { name: to, type: date }\n" + ListResponse, "{ style: window", "required"),
        ["path parameter that is not a string"] = Yaml(
            "XPM208", Head + Endpoint("Get", "get/{uuid}") + "    parameters:\n      - { name: uuid, type: int }\n", "{ name: uuid", "'int'"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys.OrderBy(static k => k, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_binder_reports_each_problem_once_at_its_location(string name)
    {
        var test = Cases[name];

        var result = GeneratorHarness.Run(test.Files);

        Assert.Null(result.Results.Single().Exception);
        var matching = result.Diagnostics.Where(d => d.Id == test.Id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {test.Id}, got: {string.Join("; ", result.Diagnostics.Select(static d => d.ToString()))}");
        var diagnostic = matching[0];
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(test.Path, span.Path);
        var (line, column) = PositionOf(test.Files.Single(f => f.Path == test.Path).Text, test.Marker);
        Assert.True(
            span.StartLinePosition.Line + 1 == line && span.StartLinePosition.Character + 1 == column,
            $"{diagnostic.Id} is at {span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}, expected {line}:{column}: {diagnostic.GetMessage()}");
        Assert.Contains(test.MessagePart, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_binder_descriptor_has_a_case()
    {
        var raisedByBinder = DiagnosticDescriptors.Descriptors.Where(static d => d.Category == "XpmGen.Binding").Select(static d => d.Id);

        Assert.Empty(raisedByBinder.Except(Cases.Values.Select(static c => c.Id)));
    }

    [Fact]
    public void Every_descriptor_is_documented_tracked_and_links_nowhere_outside()
    {
        var docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var releases = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "generator", "XpmGen.Generator", "AnalyzerReleases.Unshipped.md"));
        var documented = Regex.Matches(docs, "<a id=\"(xpm[0-9]{3})\"></a>").Select(static m => m.Groups[1].Value.ToUpperInvariant()).ToList();

        foreach (var descriptor in DiagnosticDescriptors.Descriptors)
        {
            Assert.Contains(descriptor.Id, documented);
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);
            Assert.True(string.IsNullOrEmpty(descriptor.HelpLinkUri), $"{descriptor.Id} links to {descriptor.HelpLinkUri}");
            Assert.Contains("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.Description.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(DiagnosticDescriptors.Descriptors.Select(static d => d.Id).OrderBy(static i => i, StringComparer.Ordinal), documented.OrderBy(static i => i, StringComparer.Ordinal));
    }

    private static Case Yaml(string id, string yaml, string marker, string messagePart) =>
        new(id, new[] { ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", ThingXsd) }, "/s/endpoints/thing.yaml", marker, messagePart);

    private static Case Xsd(string id, string xsd, string marker, string messagePart) =>
        new(id, new[] { ("/s/models/thing.xsd", xsd) }, "/s/models/thing.xsd", marker, messagePart);

    private static string Endpoint(string name, string path, string method = "GET") =>
        $"  - name: {name}\n    method: {method}\n    path: {path}\n    scopes: [practicemanager]\n";

    private static string Element(string element) => $"""
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:complexType name="Thing">
            <xs:sequence>
              {element}
            </xs:sequence>
          </xs:complexType>
        </xs:schema>
        """;

    /// <summary>The one-based line and column of the first occurrence of <paramref name="marker"/>.</summary>
    private static (int Line, int Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"The marker '{marker}' is not in the file.");
        var before = text.Substring(0, index);
        var line = before.Count(static c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    private sealed record Case(string Id, (string Path, string Text)[] Files, string Path, string Marker, string MessagePart);
}
