using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace XpmGen.Runtime.Tests;

/// <summary>The generated catalogue describes exactly the 102 operations of XPM 3.1, with the scopes Xero lists.</summary>
public sealed class EndpointCatalogueTests
{
    private static readonly Regex Placeholder = new(@"\{[^}]*\}", RegexOptions.CultureInvariant);

    [Fact]
    public void The_inventory_holds_102_operations()
    {
        Assert.Equal(102, Inventory().Count);
    }

    [Fact]
    public void Every_inventory_operation_is_in_the_catalogue_and_nothing_else()
    {
        var inventory = Inventory().Keys.ToHashSet(StringComparer.Ordinal);
        var catalogue = XpmEndpoints.All.Select(static e => Key(e.Method.Method, e.PathTemplate)).ToList();

        var missing = inventory.Except(catalogue).OrderBy(static k => k, StringComparer.Ordinal).ToList();
        var extra = catalogue.Except(inventory).OrderBy(static k => k, StringComparer.Ordinal).ToList();
        var duplicated = catalogue.GroupBy(static k => k).Where(static g => g.Count() > 1).Select(static g => g.Key).ToList();

        Assert.True(
            missing.Count == 0 && extra.Count == 0 && duplicated.Count == 0,
            $"Missing from the schema ({missing.Count}): {string.Join(", ", missing)}\nNot in XPM 3.1 ({extra.Count}): {string.Join(", ", extra)}\nDeclared twice: {string.Join(", ", duplicated)}");
    }

    [Fact]
    public void Every_endpoint_accepts_exactly_the_scopes_xero_lists()
    {
        var inventory = Inventory();
        foreach (var endpoint in XpmEndpoints.All)
        {
            if (inventory.TryGetValue(Key(endpoint.Method.Method, endpoint.PathTemplate), out var scopes))
            {
                Assert.True(
                    scopes.SetEquals(endpoint.Scopes),
                    $"{endpoint}: the schema lists [{string.Join(", ", endpoint.Scopes)}], Xero lists [{string.Join(", ", scopes)}]");
            }
        }
    }

    [Fact]
    public void Every_endpoint_has_a_summary_and_a_unique_name()
    {
        Assert.All(XpmEndpoints.All, static e => Assert.False(string.IsNullOrWhiteSpace(e.Summary), $"{e} has no summary"));
        var names = XpmEndpoints.All.Select(static e => e.Resource + "." + e.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Only_reads_are_idempotent()
    {
        Assert.All(XpmEndpoints.All, static e => Assert.Equal(e.Method.Method == "GET", e.IsIdempotent));
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + Placeholder.Replace(path.Trim('/'), "{}").ToLowerInvariant();

    private static Dictionary<string, HashSet<string>> Inventory()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "xpm-3.1-operations.tsv");
        var operations = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("path\t", StringComparison.Ordinal))
            {
                continue;
            }

            var columns = line.Split('\t');
            operations.Add(Key(columns[1], columns[0]), columns[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
        }

        return operations;
    }
}
