using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>Keeps token sets in memory, for tests and short-lived tools: they are lost when the process ends.</summary>
public sealed class InMemoryXpmTokenStore : IXpmTokenStore
{
    private readonly ConcurrentDictionary<string, XpmTokenSet> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<XpmTokenSet?>(_tokens.TryGetValue(key, out var tokens) ? tokens : null);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tokens);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens[key] = tokens;
        return ValueTask.CompletedTask;
    }
}
