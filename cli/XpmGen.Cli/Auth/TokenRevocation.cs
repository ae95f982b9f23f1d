using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Cli.Auth;

/// <summary>Revokes a token at the identity service (RFC 7009), as a public client: <c>client_id</c> in the form, no secret.</summary>
internal static class TokenRevocation
{
    /// <summary>
    /// Posts <c>token</c> to <paramref name="endpoint"/>. Returns <see langword="null"/> when it was revoked, else why not
    /// (a status or a connection failure), in words that never contain the token.
    /// </summary>
    public static async Task<string?> RevokeAsync(HttpClient httpClient, Uri endpoint, string clientId, string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token,
                ["token_type_hint"] = tokenTypeHint,
                ["client_id"] = clientId,
            }),
        };
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"POST {endpoint} returned HTTP {(int)response.StatusCode} ({response.StatusCode})";
        }
        catch (HttpRequestException ex)
        {
            return $"{endpoint} could not be reached: {ex.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{endpoint} did not answer in time";
        }
    }
}
