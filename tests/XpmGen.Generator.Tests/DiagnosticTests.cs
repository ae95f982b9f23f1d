using System.Linq;
using Microsoft.CodeAnalysis;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

/// <summary>Bad schema gives an XPMnnn diagnostic at the right line and column of the schema file, never a crash.</summary>
public sealed class DiagnosticTests
{
    private const string Models = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:complexType name="Thing">
            <xs:sequence>
              <xs:element name="UUID" type="xs:string" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
        </xs:schema>
        """;

    [Fact]
    public void Yaml_syntax_error_is_located()
    {
        var diagnostic = Single("XPM001", ("/s/endpoints/thing.yaml", "resource: Thing\npath: thing.api\nendpoints:\n  - name: [List\n    method: GET\n"));

        Assert.Equal("/s/endpoints/thing.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("thing.yaml", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line >= 3);
    }

    [Fact]
    public void Yaml_indentation_error_is_located()
    {
        var diagnostic = Single("XPM001", ("/s/endpoints/thing.yaml", "resource: Thing\npath: thing.api\n  bad: indent\nendpoints: []\n"));

        AssertAt(diagnostic, line: 3, column: 6);
    }

    [Fact]
    public void Missing_required_key_points_at_the_endpoint()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: List\n    path: list\n    scopes: [practicemanager]\n";

        var diagnostic = Single("XPM002", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        AssertAt(diagnostic, line: 4, column: 5);
        Assert.Contains("'method'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("List", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_reference_points_at_the_type()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: Get\n    method: GET\n    path: get\n    scopes: [practicemanager]\n    response: { element: Thing, type: Thingy }\n";

        var diagnostic = Single("XPM201", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        AssertAt(diagnostic, line: 8, column: 39);
        Assert.Contains("'Thingy'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_in_xsd_points_at_the_element()
    {
        var xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:complexType name=\"Thing\">\n    <xs:sequence>\n      <xs:element name=\"Owner\" type=\"Persn\"/>\n    </xs:sequence>\n  </xs:complexType>\n</xs:schema>\n";

        var diagnostic = Single("XPM201", ("/s/models/thing.xsd", xsd));

        AssertAt(diagnostic, line: 4, column: 8);
        Assert.Contains("Thing.Owner", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_endpoint_points_at_the_second_declaration()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: List\n    method: GET\n    path: list\n    scopes: [practicemanager]\n  - name: All\n    method: GET\n    path: list\n    scopes: [practicemanager]\n";

        var diagnostic = Single("XPM202", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        AssertAt(diagnostic, line: 8, column: 5);
        Assert.Contains("GET thing.api/list", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_endpoint_across_files_is_reported()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: List\n    method: GET\n    path: list\n    scopes: [practicemanager]\n";
        var other = "resource: Other\npath: thing.api\nendpoints:\n  - name: List\n    method: GET\n    path: list\n    scopes: [practicemanager]\n";

        var diagnostic = Single("XPM202", ("/s/endpoints/thing.yaml", yaml), ("/s/endpoints/other.yaml", other), ("/s/models/thing.xsd", Models));

        Assert.Equal("/s/endpoints/thing.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("other.yaml", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_xsd_construct_is_located()
    {
        var xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:complexType name=\"Thing\">\n    <xs:choice>\n      <xs:element name=\"A\" type=\"xs:string\"/>\n    </xs:choice>\n  </xs:complexType>\n</xs:schema>\n";

        var diagnostic = Single("XPM102", ("/s/models/thing.xsd", xsd));

        AssertAt(diagnostic, line: 3, column: 6);
        Assert.Contains("xs:choice", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Foo Bar")]
    [InlineData("ns:Name")]
    [InlineData("1st")]
    public void An_element_name_that_is_not_an_xml_name_is_located(string name)
    {
        var xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:complexType name=\"Thing\">\n    <xs:sequence>\n      <xs:element name=\"A\" type=\"xs:string\"/>\n      <xs:element name=\"" + name + "\" type=\"xs:string\"/>\n    </xs:sequence>\n  </xs:complexType>\n</xs:schema>\n";

        var diagnostic = Single("XPM102", ("/s/models/thing.xsd", xsd));

        AssertAt(diagnostic, line: 5, column: 8);
        Assert.Contains($"'{name}'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xsd_is_located()
    {
        var xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:complexType name=\"Thing\">\n  </xs:complexTyp>\n</xs:schema>\n";

        var diagnostic = Single("XPM101", ("/s/models/thing.xsd", xsd));

        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Duplicate_type_across_files_is_reported()
    {
        var diagnostic = Single("XPM203", ("/s/models/a.xsd", Models), ("/s/models/b.xsd", Models));

        Assert.Equal("/s/models/b.xsd", diagnostic.Location.GetLineSpan().Path);
        AssertAt(diagnostic, line: 2, column: 4);
    }

    [Fact]
    public void Path_parameter_without_placeholder_is_reported()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: Get\n    method: GET\n    path: get\n    scopes: [practicemanager]\n    parameters:\n      - { name: uuid }\n";

        var diagnostic = Single("XPM204", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        AssertAt(diagnostic, line: 9, column: 9);
    }

    [Fact]
    public void Paging_without_its_query_parameter_is_reported()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: List\n    method: GET\n    path: list\n    scopes: [practicemanager]\n    paging: { style: token }\n    response: { element: Things, item: Thing, type: Thing, many: true }\n";

        var diagnostic = Single("XPM207", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        AssertAt(diagnostic, line: 8, column: 13);
        Assert.Contains("pageToken", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_is_a_warning_at_the_key()
    {
        var yaml = "resource: Thing\npath: thing.api\nendpoints:\n  - name: List\n    method: GET\n    path: list\n    scopes: [practicemanager]\n    sumary: typo\n";

        var diagnostic = Single("XPM004", ("/s/endpoints/thing.yaml", yaml), ("/s/models/thing.xsd", Models));

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertAt(diagnostic, line: 8, column: 5);
    }

    [Fact]
    public void An_unexpected_exception_becomes_one_internal_error_diagnostic()
    {
        var files = new AdditionalText[] { new ThrowingAdditionalText("/s/models/broken.xsd") };

        var (_, result) = GeneratorHarness.Run(files);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XPM900", diagnostic.Id);
        Assert.Contains("simulated failure", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Null(result.Results.Single().Exception);
    }

    private static Diagnostic Single(string id, params (string Path, string Text)[] files)
    {
        var result = GeneratorHarness.Run(files);
        Assert.Null(result.Results.Single().Exception);
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", result.Diagnostics.Select(static d => d.ToString()))}");
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.True(
            start.Line + 1 == line && start.Character + 1 == column,
            $"{diagnostic.Id} is at {start.Line + 1}:{start.Character + 1}, expected {line}:{column}: {diagnostic.GetMessage()}");
    }
}
