using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>Static checks of the stubs: every mapping is well-formed and precise, every XML body parses.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ContractFilesTests
{
    private readonly WireMockServer _server;

    public ContractFilesTests(WireMockServer server) => _server = server;

    [Fact]
    public void Every_response_body_file_is_well_formed_XML_with_an_OK_or_ERROR_envelope()
    {
        var files = Directory.GetFiles(Path.Combine(_server.ContractsDirectory, "__files"), "*.xml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var document = XDocument.Load(file);
            Assert.Equal("Response", document.Root!.Name.LocalName);
            Assert.Contains(document.Root.Element("Status")?.Value, new[] { "OK", "ERROR" });
        }
    }

    [Fact]
    public void Every_API_stub_matches_method_path_tenant_and_token_and_answers_like_XPM()
    {
        var mappings = ReadMappings(Path.Combine(_server.ContractsDirectory, "mappings")).ToList();
        Assert.NotEmpty(mappings);
        foreach (var (file, name, mapping) in mappings)
        {
            var request = mapping.GetProperty("request");
            if (request.TryGetProperty("urlPath", out var stubPath) && !stubPath.GetString()!.StartsWith(WireMockServer.ApiBasePath, StringComparison.Ordinal))
            {
                continue; // Xero's identity service (identity.json) answers JSON; the OAuth tests check those stubs.
            }

            var headers = request.GetProperty("headers");
            Assert.True(headers.TryGetProperty("Authorization", out _), $"{file}: '{name}' does not match Authorization");
            var response = mapping.GetProperty("response");
            var responseHeaders = response.GetProperty("headers");
            foreach (var header in new[] { "Content-Type", "xero-correlation-id", "X-MinLimit-Remaining", "X-DayLimit-Remaining", "X-AppMinLimit-Remaining" })
            {
                Assert.True(responseHeaders.TryGetProperty(header, out _), $"{file}: '{name}' does not send {header}");
            }

            if (response.TryGetProperty("bodyFileName", out var bodyFile))
            {
                Assert.True(File.Exists(Path.Combine(_server.ContractsDirectory, "__files", bodyFile.GetString()!)), $"{file}: '{name}' refers to a missing body file");
            }

            if (mapping.TryGetProperty("priority", out _))
            {
                continue; // the gateway's catch-all 401/403 stubs
            }

            Assert.NotEqual("ANY", request.GetProperty("method").GetString());
            Assert.True(request.TryGetProperty("urlPath", out var path), $"{file}: '{name}' must match an exact urlPath");
            Assert.StartsWith(WireMockServer.ApiBasePath, path.GetString());
            Assert.Equal(ContractData.TenantId, headers.GetProperty("xero-tenant-id").GetProperty("equalTo").GetString());
            Assert.Equal("text/xml; charset=utf-8", responseHeaders.GetProperty("Content-Type").GetString());
            if (request.GetProperty("method").GetString() is "POST" or "PUT")
            {
                Assert.True(request.TryGetProperty("bodyPatterns", out _), $"{file}: write stub '{name}' does not check its body");
            }
        }
    }

    private static IEnumerable<(string File, string Name, JsonElement Mapping)> ReadMappings(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var list = root.TryGetProperty("mappings", out var many) ? many.EnumerateArray().ToList() : new List<JsonElement> { root };
            foreach (var mapping in list)
            {
                var name = mapping.TryGetProperty("name", out var n) ? n.GetString() ?? "?" : "?";
                yield return (Path.GetFileName(file), name, mapping.Clone());
            }
        }
    }
}
