using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>
/// WireMock.org's connection faults on WireMock.Net, which has no <c>CONNECTION_RESET_BY_PEER</c> and whose
/// <c>EMPTY_RESPONSE</c> still answers 200. A fault stub is matched and journaled by WireMock.Net as usual and answers
/// with <see cref="WireMockOrgMapping.FaultHeader"/>; this middleware, which runs around WireMock.Net's own, then ends the
/// connection before anything of that answer is sent.
/// </summary>
internal static class ConnectionFaults
{
    /// <summary>The connection is closed with a TCP reset, as a peer that crashed would.</summary>
    public const string ConnectionResetByPeer = "CONNECTION_RESET_BY_PEER";

    /// <summary>The connection is closed without a response.</summary>
    public const string EmptyResponse = "EMPTY_RESPONSE";

    /// <summary>The value for <c>WireMockServerSettings.PreWireMockMiddlewareInit</c>.</summary>
    public static void Install(object applicationBuilder) =>
        ((IApplicationBuilder)applicationBuilder).Use(static (context, next) => HandleAsync(context, next));

    private static async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        await next().ConfigureAwait(false);

        if (!context.Response.Headers.TryGetValue(WireMockOrgMapping.FaultHeader, out var fault))
        {
            return;
        }

        if (context.Response.HasStarted)
        {
            // The translation gives fault stubs no body, so nothing should have been written; fail rather than fake it.
            throw new InvalidOperationException($"The response of the fault stub ({fault}) was already being sent.");
        }

        if (fault == ConnectionFaults.ConnectionResetByPeer)
        {
            // A zero linger time makes closing the socket send RST instead of FIN: the client sees a reset by its peer.
            var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket
                ?? throw new InvalidOperationException("The server transport gives no access to the socket, so it cannot reset the connection.");
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        // Kestrel then drops the connection without writing the response it holds.
        context.Abort();
    }
}
