using System;
using System.Collections.Generic;
using System.Linq;

namespace XpmGen;

/// <summary>
/// Works out which OAuth scopes an application must request for the XPM endpoints it calls. Xero approves
/// XPM access scope by scope, so an integration has to name its scopes before it is built.
/// </summary>
public static class XpmScopes
{
    // A few scopes exist in all; an exhaustive search over subsets of the accepted scopes is instant and exact.
    private const int MaxScopesSearched = 20;

    /// <summary>
    /// Returns the smallest set of scopes under which every given endpoint is allowed (each endpoint accepts
    /// any one of its <see cref="XpmEndpoint.Scopes"/>). Among sets of that size it prefers the least
    /// privilege: read-only over read-write, and a resource's own scope (<c>practicemanager.client</c>) over
    /// the broad ones (<c>practicemanager</c>, <c>practicemanager.read</c>).
    /// </summary>
    /// <param name="endpoints">The endpoints the application calls, for example from <see cref="Resolve(string)"/> or <c>XpmEndpoints</c>.</param>
    /// <returns>The scopes, ordered by name; empty when no endpoint is given.</returns>
    /// <exception cref="ArgumentException">An endpoint accepts no scope at all.</exception>
    public static IReadOnlyList<string> Minimal(IEnumerable<XpmEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var required = endpoints.Select(static e => e ?? throw new ArgumentException("The endpoints must not contain null.", nameof(endpoints)))
            .Distinct()
            .ToList();
        if (required.Count == 0)
        {
            return Array.Empty<string>();
        }

        var empty = required.FirstOrDefault(static e => e.Scopes.Count == 0);
        if (empty is not null)
        {
            throw new ArgumentException($"{empty} accepts no OAuth scope, so no set of scopes grants it.", nameof(endpoints));
        }

        var candidates = required.SelectMany(static e => e.Scopes).Distinct(StringComparer.Ordinal).OrderBy(static s => s, StringComparer.Ordinal).ToArray();
        if (candidates.Length > MaxScopesSearched)
        {
            throw new ArgumentException($"The endpoints accept {candidates.Length} different scopes; at most {MaxScopesSearched} are supported.", nameof(endpoints));
        }

        var accepted = required.Select(e => Mask(e.Scopes, candidates)).Distinct().ToArray();
        var best = -1;
        var bestSize = int.MaxValue;
        var bestPrivilege = int.MaxValue;
        for (var subset = 1; subset < 1 << candidates.Length; subset++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)subset);
            if (size > bestSize || !accepted.All(mask => (mask & subset) != 0))
            {
                continue;
            }

            var privilege = Privilege(subset, candidates);
            if (size < bestSize || privilege < bestPrivilege)
            {
                (best, bestSize, bestPrivilege) = (subset, size, privilege);
            }
        }

        return Enumerable.Range(0, candidates.Length).Where(i => (best & (1 << i)) != 0).Select(i => candidates[i]).ToArray();
    }

    /// <summary>The smallest set of scopes under which every given endpoint is allowed; see <see cref="Minimal(IEnumerable{XpmEndpoint})"/>.</summary>
    /// <param name="endpoints">The endpoints the application calls, for example <c>XpmEndpoints.Client.List</c>.</param>
    public static IReadOnlyList<string> Minimal(params XpmEndpoint[] endpoints) => Minimal((IEnumerable<XpmEndpoint>)endpoints);

    /// <summary>The smallest set of scopes for endpoints named as <see cref="Resolve(string)"/> accepts them.</summary>
    /// <param name="endpoints">Endpoint names such as <c>client.api/list</c>, <c>GET job.api/get/J000309</c> or <c>PUT job.api/task</c>.</param>
    /// <exception cref="ArgumentException">A name matches no endpoint of the catalogue.</exception>
    public static IReadOnlyList<string> MinimalFor(params string[] endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return Minimal(endpoints.SelectMany(Resolve));
    }

    /// <summary>
    /// Finds the catalogue endpoints a name refers to: a path relative to the base address, optionally preceded
    /// by an HTTP method. A path matches a template when each segment is equal (ignoring case) or the template
    /// has a placeholder there, so <c>client.api/get/0f3c...</c> matches <c>client.api/get/{uuid}</c>. Without a
    /// method, every method on that path is returned.
    /// </summary>
    /// <param name="endpoint">For example <c>client.api/list</c> or <c>POST job.api/add</c>.</param>
    /// <returns>The matching endpoints, at least one.</returns>
    /// <exception cref="ArgumentException">The name matches no endpoint.</exception>
    public static IReadOnlyList<XpmEndpoint> Resolve(string endpoint) => Resolve(endpoint, XpmEndpoints.All);

    internal static IReadOnlyList<XpmEndpoint> Resolve(string endpoint, IReadOnlyList<XpmEndpoint> catalogue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var text = endpoint.Trim();
        string? method = null;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            method = text[..space].ToUpperInvariant();
            text = text[(space + 1)..].Trim();
        }

        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            text = text[..query];
        }

        var segments = text.Trim('/').Split('/');
        var matches = catalogue
            .Where(e => method is null || e.Method.Method == method)
            .Where(e => Matches(e.PathTemplate.Split('/'), segments))
            .ToList();
        if (matches.Count == 0)
        {
            throw new ArgumentException(
                $"'{endpoint}' matches no XPM endpoint; give a path such as client.api/list or a method and path such as \"POST job.api/add\".",
                nameof(endpoint));
        }

        return matches;
    }

    private static bool Matches(string[] template, string[] segments)
    {
        if (template.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < template.Length; i++)
        {
            var isPlaceholder = template[i].StartsWith('{') && template[i].EndsWith('}');
            if (!isPlaceholder && !string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static int Mask(IReadOnlyList<string> scopes, string[] candidates)
    {
        var mask = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (scopes.Contains(candidates[i], StringComparer.Ordinal))
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }

    private static int Privilege(int subset, string[] candidates)
    {
        var total = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            if ((subset & (1 << i)) == 0)
            {
                continue;
            }

            var scope = candidates[i];
            var isBroad = scope is "practicemanager" or "practicemanager.read";
            var isReadOnly = scope.EndsWith(".read", StringComparison.Ordinal);
            total += (isBroad ? 2 : 0) + (isReadOnly ? 0 : 1);
        }

        return total;
    }
}
