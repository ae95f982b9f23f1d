using System;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace XpmGen.Cli.Tests;

public sealed class ScopesCommandTests
{
    [Fact]
    public async Task Prints_the_smallest_set_of_scopes_one_per_line()
    {
        var result = await CliRun.RunAsync("scopes", "client.api/list", "POST client.api/add");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "practicemanager.client" }, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("POST client.api/add", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_across_resources_need_one_broad_read_scope()
    {
        var result = await CliRun.RunAsync("scopes", "client.api/get/0f3c7a4e-1111-2222-3333-444455556666", "job.api/current", "--output", "xml");

        Assert.Equal(0, result.ExitCode);
        var xml = XElement.Parse(result.Output);
        Assert.Equal(new[] { "practicemanager.read" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(xml.Elements("Scope")), static e => e.Value));
        Assert.Equal(2, System.Linq.Enumerable.Count(xml.Element("Endpoints")!.Elements("Endpoint")));
    }

    [Fact]
    public async Task An_unknown_endpoint_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("scopes", "client.api/nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("client.api/nope", result.Error, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(result.Error);
    }
}
