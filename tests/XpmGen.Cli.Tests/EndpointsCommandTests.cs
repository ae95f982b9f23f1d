using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace XpmGen.Cli.Tests;

/// <summary><c>xpm endpoints</c>: every endpoint of the catalogue, with its scopes and the command that calls it.</summary>
public sealed class EndpointsCommandTests
{
    [Fact]
    public async Task Json_IsAnArrayOfExactlyMethodPathScopesCommand_ForEveryEndpoint()
    {
        var result = await CliRun.RunAsync("endpoints", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(XpmEndpoints.All.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var endpoint = XpmEndpoints.All[i];
            Assert.Equal(["method", "path", "scopes", "command"], items[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(endpoint.Method.Method, items[i].GetProperty("method").GetString());
            Assert.Equal(endpoint.PathTemplate, items[i].GetProperty("path").GetString());
            Assert.Equal(endpoint.Scopes, items[i].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
            Assert.StartsWith("xpm ", items[i].GetProperty("command").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("xpm api ", items[i].GetProperty("command").GetString(), StringComparison.Ordinal);
        }

        var get = Assert.Single(items, e => e.GetProperty("method").GetString() == "GET" && e.GetProperty("path").GetString() == "client.api/get/{uuid}");
        Assert.Equal("xpm clients get <uuid>", get.GetProperty("command").GetString());
        Assert.Equal(items.Count, items.Select(e => e.GetProperty("command").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task EveryListedCommand_AnswersHelp()
    {
        var items = JsonDocument.Parse((await CliRun.RunAsync("endpoints", "-o", "json")).Output).RootElement.EnumerateArray();

        foreach (var item in items)
        {
            var words = item.GetProperty("command").GetString()!.Split(' ').Skip(1).Where(w => !w.StartsWith('<')).Append("--help").ToArray();
            var help = await CliRun.RunAsync(words);
            Assert.True(help.ExitCode == 0, string.Join(' ', words) + "\n" + help);
            Assert.Contains($"({item.GetProperty("method").GetString()} {item.GetProperty("path").GetString()})", help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Table_WideTerminal_HasEveryEndpointInAlignedColumns()
    {
        var result = await CliRun.RunAsync(CliRun.Columns(1000), "endpoints");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = PrintedTable.Parse(CliRun.Lines(result.Output));
        Assert.Equal(["Method", "Path", "Command", "Scopes"], table.Headers);
        Assert.Equal(XpmEndpoints.All.Select(e => e.Method.Method + " " + e.PathTemplate), table.Rows.Select(r => r["Method"] + " " + r["Path"]));
        Assert.Equal(XpmEndpoints.All.Select(e => string.Join(", ", e.Scopes)), table.Rows.Select(r => r["Scopes"]));
        Assert.Equal("xpm clients get <uuid>", table.Rows.Single(r => r["Path"] == "client.api/get/{uuid}")["Command"]);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Table_FitsTheTerminal(int columns)
    {
        var result = await CliRun.RunAsync(CliRun.Columns(columns), "endpoints");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = CliRun.Lines(result.Output);
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"'{line}' is wider than {columns}"));
        var table = PrintedTable.Parse(lines);
        Assert.Equal(["Method", "Path", "Command"], table.Headers.Take(3));
        Assert.Equal(XpmEndpoints.All.Select(e => e.PathTemplate), table.Rows.Select(r => r["Path"]));
    }

    [Fact]
    public async Task Xml_HoldsEveryEndpointScopeAndCommand()
    {
        var result = await CliRun.RunAsync("endpoints", "--output", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        var endpoints = XDocument.Parse(result.Output).Root!.Elements("Endpoint").ToList();
        Assert.Equal(XpmEndpoints.All.Select(e => e.Method.Method + " " + e.PathTemplate), endpoints.Select(e => e.Element("Method")!.Value + " " + e.Element("Path")!.Value));
        Assert.Equal(XpmEndpoints.All.Select(e => string.Join(",", e.Scopes)), endpoints.Select(e => string.Join(",", e.Element("Scopes")!.Elements("Scope").Select(s => s.Value))));
        Assert.All(endpoints, e => Assert.StartsWith("xpm ", e.Element("Command")!.Value, StringComparison.Ordinal));
    }
}
