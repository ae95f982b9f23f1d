using System;
using System.Collections.Generic;
using System.Linq;

namespace XpmGen.Sandbox;

/// <summary>
/// One operation of the schema bound to its behaviour: the generated code reads the path, query and body through
/// the <see cref="SandboxCall"/>, calls the resource's behaviour method and says how to write the result.
/// </summary>
internal sealed class SandboxRoute
{
    private readonly string[] _segments;

    public SandboxRoute(XpmEndpoint endpoint, Func<SandboxCall, SandboxPayload> handle)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Handle = handle ?? throw new ArgumentNullException(nameof(handle));
        _segments = endpoint.PathTemplate.Split('/');
        PlaceholderCount = _segments.Count(IsPlaceholder);
    }

    /// <summary>The operation: method, path template, scopes.</summary>
    public XpmEndpoint Endpoint { get; }

    /// <summary>Runs the operation: binds the call to the behaviour and returns what to write.</summary>
    public Func<SandboxCall, SandboxPayload> Handle { get; }

    /// <summary>How many segments of the template are placeholders; literal routes win over placeholder routes.</summary>
    public int PlaceholderCount { get; }

    /// <summary>Whether the whole of <paramref name="segments"/> (already unescaped) matches the template, and its placeholder values.</summary>
    public bool TryMatch(IReadOnlyList<string> segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segments.Count != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var template = _segments[i];
            if (IsPlaceholder(template))
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values[template[1..^1]] = segments[i];
            }
            else if (!string.Equals(template, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joins the route lists of every resource into one.</summary>
    public static IReadOnlyList<SandboxRoute> Combine(params IReadOnlyList<SandboxRoute>[] lists) =>
        lists.SelectMany(static list => list).ToArray();

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
