using System;
using System.Collections.Generic;
using System.Net.Http;

namespace XpmGen.Sandbox;

/// <summary>
/// Makes <see cref="XpmClient"/>s for a server on loopback (the sandbox, the test kit's fake): never through a proxy
/// from HTTP_PROXY, a rate limiter of their own so that servers in one process do not share a quota, and the HTTP
/// connection and limiter disposed with the server.
/// </summary>
internal sealed class LoopbackClients : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public XpmClient Create(Uri baseAddress, string tenantId, string accessToken, XpmRateLimitOptions limits, Action<XpmClientOptions>? configure)
    {
        var limiter = new XpmRateLimiter(limits);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        lock (_owned)
        {
            _owned.Add(limiter);
            _owned.Add(http);
        }

        var options = new XpmClientOptions
        {
            BaseAddress = baseAddress,
            TenantId = tenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
            RateLimiter = limiter,
        };
        configure?.Invoke(options);
        return new XpmClient(http, options);
    }

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _owned.Clear();
        }
    }
}
