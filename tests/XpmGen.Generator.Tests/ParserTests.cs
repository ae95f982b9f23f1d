using System.Linq;
using System.Threading;
using XpmGen.Generator.Binding;
using XpmGen.Generator.Model;
using XpmGen.Generator.Parsing;
using XpmGen.Generator.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Generator.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Yaml_resource_is_read_into_a_spec()
    {
        const string yaml = """
            resource: Client
            facade: Clients
            path: /client.api/
            description: Clients.
            endpoints:
              - name: Search
                method: get
                path: search
                summary: Finds clients.
                scopes: [practicemanager, practicemanager.read]
                query:
                  - { name: query, type: string, required: true }
                  - { name: modifiedsince, type: datetime, parameter: modifiedSince }
                response: { element: Clients, item: Client, type: Client, many: true }
            """;

        var parsed = SchemaFileParser.Parse(new InMemoryAdditionalText("/s/endpoints/client.yaml", yaml), CancellationToken.None);

        Assert.Empty(parsed.Diagnostics);
        var resource = parsed.Resource!;
        Assert.Equal(("Client", "Clients", "client.api"), (resource.Resource, resource.Facade, resource.ApiPath));
        var endpoint = Assert.Single(resource.Endpoints);
        Assert.Equal("GET", endpoint.Method);
        Assert.Equal(new[] { "practicemanager", "practicemanager.read" }, endpoint.Scopes.ToArray());
        Assert.Equal(new[] { ("query", ParameterType.String, true), ("modifiedsince", ParameterType.DateTime, false) }, endpoint.Query.Select(static q => (q.Name, q.Type, q.Required)));
        Assert.Equal("modifiedSince", endpoint.Query[1].CSharpName);
        Assert.Equal(new PayloadSpec("Clients", "Client", "Client", Many: true, Optional: false, ParameterName: null, endpoint.Response!.Location), endpoint.Response);
    }

    [Fact]
    public void Xsd_members_are_read_with_their_shapes()
    {
        const string xsd = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:complexType name="Job">
                <xs:annotation><xs:documentation>  A job,
                   addressed by number. </xs:documentation></xs:annotation>
                <xs:sequence>
                  <xs:element name="ID" type="xs:string" minOccurs="0"/>
                  <xs:element name="Budget" type="xs:decimal" minOccurs="0"/>
                  <xs:element name="Assigned" minOccurs="0">
                    <xs:complexType><xs:sequence><xs:element name="Staff" type="JobStaff" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
                  </xs:element>
                  <xs:element name="Tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                </xs:sequence>
                <xs:attribute name="api-method" type="xs:string"/>
              </xs:complexType>
            </xs:schema>
            """;

        var parsed = SchemaFileParser.Parse(new InMemoryAdditionalText("/s/models/job.xsd", xsd), CancellationToken.None);

        Assert.Empty(parsed.Diagnostics);
        var job = Assert.Single(parsed.Models!.ComplexTypes);
        Assert.Equal("A job, addressed by number.", job.Documentation);
        Assert.Equal(
            new[]
            {
                ("ID", MemberShape.Element, "xs:string", (string?)null),
                ("Budget", MemberShape.Element, "xs:decimal", null),
                ("Assigned", MemberShape.WrappedList, "JobStaff", "Staff"),
                ("Tag", MemberShape.RepeatedElement, "xs:string", "Tag"),
                ("api-method", MemberShape.Attribute, "xs:string", null),
            },
            job.Members.Select(static m => (m.XmlName, m.Shape, m.Type.ToString(), m.ItemXmlName)));
        Assert.Equal(6, job.Members[1].Location.LineSpan.Start.Line);
    }

    [Fact]
    public void Xsd_with_a_dtd_is_rejected_without_resolving_it()
    {
        const string xsd = """
            <?xml version="1.0"?>
            <!DOCTYPE xs:schema [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="A"/></xs:schema>
            """;

        var parsed = SchemaFileParser.Parse(new InMemoryAdditionalText("/s/models/evil.xsd", xsd), CancellationToken.None);

        Assert.Null(parsed.Models);
        Assert.Equal("XPM101", Assert.Single(parsed.Diagnostics).Id);
    }

    [Fact]
    public void Equal_text_parses_to_equal_specs()
    {
        var path = System.IO.Path.Combine(RepositoryPaths.Schema, "models", "client.xsd");
        var text = System.IO.File.ReadAllText(path);

        var first = SchemaFileParser.Parse(new InMemoryAdditionalText(path, text), CancellationToken.None);
        var second = SchemaFileParser.Parse(new InMemoryAdditionalText(path, text), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData("UUID", "Uuid")]
    [InlineData("ID", "Id")]
    [InlineData("GSTRegistered", "GstRegistered")]
    [InlineData("AccountManagerUUID", "AccountManagerUuid")]
    [InlineData("InvoiceTaskUUID", "InvoiceTaskUuid")]
    [InlineData("Opt-Out", "OptOut")]
    [InlineData("BankBSB", "BankBsb")]
    [InlineData("WebUrl", "WebUrl")]
    [InlineData("api-method", "ApiMethod")]
    [InlineData("modifiedsince", "Modifiedsince")]
    public void Xml_names_become_the_csharp_names_a_developer_would_guess(string xmlName, string expected)
    {
        Assert.Equal(expected, Naming.ToPascalCase(xmlName));
    }

    [Theory]
    [InlineData("from", "from")]
    [InlineData("class", "@class")]
    [InlineData("pageSize", "pageSize")]
    [InlineData("UUID", "uuid")]
    public void Parameter_names_are_camel_case_and_escaped(string name, string expected)
    {
        Assert.Equal(expected, Naming.ToParameterName(name));
    }
}
