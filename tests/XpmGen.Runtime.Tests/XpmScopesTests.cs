using System;
using System.Collections.Generic;

namespace XpmGen.Runtime.Tests;

public sealed class XpmScopesTests
{
    [Fact]
    public void One_read_needs_only_its_resource_read_scope()
    {
        Assert.Equal(new[] { "practicemanager.client.read" }, XpmScopes.Minimal(XpmEndpoints.Client.List));
    }

    [Fact]
    public void Reads_and_writes_of_one_resource_need_its_write_scope()
    {
        Assert.Equal(new[] { "practicemanager.client" }, XpmScopes.Minimal(XpmEndpoints.Client.List, XpmEndpoints.Client.Add));
    }

    [Fact]
    public void Reads_across_resources_collapse_into_the_broad_read_scope()
    {
        Assert.Equal(new[] { "practicemanager.read" }, XpmScopes.Minimal(XpmEndpoints.Client.List, XpmEndpoints.Job.Current, XpmEndpoints.Category.List));
    }

    [Fact]
    public void An_endpoint_that_only_accepts_broad_scopes_forces_one()
    {
        Assert.Equal(new[] { "practicemanager" }, XpmScopes.Minimal(XpmEndpoints.Category.List, XpmEndpoints.Client.Add));
    }

    [Fact]
    public void The_cover_is_minimal_when_no_single_scope_suffices()
    {
        var a = new XpmEndpoint("T", "A", "GET", "t.api/a", new[] { "s.a", "s.ab" }, "a");
        var b = new XpmEndpoint("T", "B", "GET", "t.api/b", new[] { "s.b", "s.ab" }, "b");
        var c = new XpmEndpoint("T", "C", "GET", "t.api/c", new[] { "s.c" }, "c");

        Assert.Equal(new[] { "s.ab", "s.c" }, XpmScopes.Minimal(new[] { a, b, c }));
    }

    [Fact]
    public void Names_resolve_with_or_without_a_method_and_with_concrete_values()
    {
        Assert.Same(XpmEndpoints.Client.Get, Assert.Single(XpmScopes.Resolve("client.api/get/0f3c7a4e-1111-2222-3333-444455556666")));
        Assert.Same(XpmEndpoints.Job.Add, Assert.Single(XpmScopes.Resolve("post JOB.API/add")));
        Assert.Same(XpmEndpoints.Client.List, Assert.Single(XpmScopes.Resolve("/client.api/list?detailed=true")));
        Assert.Equal(new[] { "practicemanager.client.read" }, XpmScopes.MinimalFor("client.api/list", "GET client.api/get/abc"));
    }

    [Fact]
    public void An_unknown_name_is_rejected_with_a_hint()
    {
        var ex = Assert.Throws<ArgumentException>(() => XpmScopes.Resolve("client.api/nope"));

        Assert.Contains("client.api/nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_endpoints_need_no_scopes()
    {
        Assert.Empty(XpmScopes.Minimal(Array.Empty<XpmEndpoint>()));
    }
}
