using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace XpmGen.Sandbox;

/// <summary>
/// A fake of Xero's identity service in its shapes: <c>connect/authorize</c> approves at once and redirects back with
/// a code, <c>connect/token</c> exchanges codes (PKCE S256 checked) and rotates refresh tokens, and <c>connections</c>
/// lists the sandbox practices as PRACTICEMANAGER tenants, and <c>connect/revocation</c> revokes a token. No login page: the
/// sandbox has no users.
/// </summary>
internal sealed class SandboxIdentity
{
    private readonly SandboxTokens _tokens;
    private readonly IReadOnlyList<SandboxPractice> _practices;
    private readonly DateTime _connectedAt;

    public SandboxIdentity(SandboxTokens tokens, IReadOnlyList<SandboxPractice> practices, DateTime connectedAtUtc)
    {
        _tokens = tokens;
        _practices = practices;
        _connectedAt = connectedAtUtc;
    }

    private IReadOnlyList<string> AllTenants => _practices.Select(static p => p.TenantId).ToList();

    /// <summary><c>GET connect/authorize</c>: validates the request and redirects to <c>redirect_uri</c> with <c>code</c> and <c>state</c>.</summary>
    public Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? Get(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

        var clientId = Get("client_id");
        var redirect = Get("redirect_uri");
        if (string.IsNullOrEmpty(clientId))
        {
            return PlainError(context, "client_id is required.");
        }

        // An unchecked redirect_uri is never redirected to: the error is shown here instead.
        if (string.IsNullOrEmpty(redirect) || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) || redirectUri.Scheme is not ("http" or "https"))
        {
            return PlainError(context, "redirect_uri is required and must be an absolute http or https URI.");
        }

        var state = Get("state");
        if (Get("response_type") != "code")
        {
            return RedirectError(context, redirectUri, state, "unsupported_response_type", "response_type must be code.");
        }

        var challenge = Get("code_challenge");
        var method = Get("code_challenge_method");
        if (challenge is not null && method != "S256")
        {
            return RedirectError(context, redirectUri, state, "invalid_request", "code_challenge_method must be S256.");
        }

        var scope = Get("scope");
        if (string.IsNullOrWhiteSpace(scope))
        {
            return RedirectError(context, redirectUri, state, "invalid_scope", "scope is required.");
        }

        var code = _tokens.IssueCode(clientId, redirect, challenge, scope, AllTenants);
        var parameters = new Dictionary<string, string?> { ["code"] = code, ["scope"] = scope };
        if (state is not null)
        {
            parameters["state"] = state;
        }

        context.Response.Redirect(QueryHelpers.AddQueryString(redirect, parameters));
        return Task.CompletedTask;
    }

    /// <summary><c>POST connect/token</c>: <c>authorization_code</c> and <c>refresh_token</c> grants, answered in Xero's JSON.</summary>
    public async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await TokenError(context, "invalid_request", "The body must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? Get(string name) => form.TryGetValue(name, out var values) ? values.ToString() : null;
        var clientId = Get("client_id") ?? BasicClientId(context.Request);
        if (string.IsNullOrEmpty(clientId))
        {
            await TokenError(context, "invalid_client", "Send client_id in the form or in a Basic Authorization header.").ConfigureAwait(false);
            return;
        }

        var result = Get("grant_type") switch
        {
            "authorization_code" when Get("code") is { Length: > 0 } code => _tokens.Redeem(code, clientId, Get("redirect_uri"), Get("code_verifier")),
            "authorization_code" => SandboxTokens.TokenResult.Error("invalid_request", "code is required."),
            "refresh_token" when Get("refresh_token") is { Length: > 0 } refresh => _tokens.Refresh(refresh),
            "refresh_token" => SandboxTokens.TokenResult.Error("invalid_request", "refresh_token is required."),
            null or "" => SandboxTokens.TokenResult.Error("invalid_request", "grant_type is required."),
            _ => SandboxTokens.TokenResult.Error("unsupported_grant_type", null),
        };

        if (result.ErrorCode is not null)
        {
            await TokenError(context, result.ErrorCode, result.ErrorDescription).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await WriteJson(context, 200, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", result.AccessToken);
            writer.WriteNumber("expires_in", result.ExpiresIn);
            writer.WriteString("token_type", "Bearer");
            if (result.RefreshToken is not null)
            {
                writer.WriteString("refresh_token", result.RefreshToken);
            }

            writer.WriteString("scope", result.Scope);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST connect/revocation</c>: revokes the form's <c>token</c> (RFC 7009), as Xero's endpoint does. The client is
    /// named by <c>client_id</c> or a Basic header; the answer is 200 with no body, also for a token already unknown.
    /// </summary>
    public async Task RevokeAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await TokenError(context, "invalid_request", "The body must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var clientId = form.TryGetValue("client_id", out var id) ? id.ToString() : BasicClientId(context.Request);
        if (string.IsNullOrEmpty(clientId))
        {
            await TokenError(context, "invalid_client", "Send client_id in the form or in a Basic Authorization header.").ConfigureAwait(false);
            return;
        }

        if (!form.TryGetValue("token", out var token) || string.IsNullOrEmpty(token.ToString()))
        {
            await TokenError(context, "invalid_request", "token is required.").ConfigureAwait(false);
            return;
        }

        _tokens.Revoke(token.ToString());
        context.Response.StatusCode = 200;
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary><c>GET connections</c>: the practices the bearer token reaches.</summary>
    public Task ConnectionsAsync(HttpContext context)
    {
        var tenants = _tokens.Tenants(SandboxGateway.BearerToken(context.Request), out var problem);
        if (tenants is null)
        {
            return SandboxGateway.Problem(context, 401, "Unauthorized", problem);
        }

        return WriteJson(context, 200, writer =>
        {
            writer.WriteStartArray();
            foreach (var practice in _practices.Where(p => tenants.Contains(p.TenantId, StringComparer.OrdinalIgnoreCase)))
            {
                writer.WriteStartObject();
                writer.WriteString("id", ConnectionId(practice.TenantId));
                writer.WriteString("authEventId", ConnectionId("auth:" + practice.TenantId));
                writer.WriteString("tenantId", practice.TenantId);
                writer.WriteString("tenantType", "PRACTICEMANAGER");
                writer.WriteString("tenantName", practice.Name);
                writer.WriteString("createdDateUtc", _connectedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("updatedDateUtc", _connectedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>A stable id derived from the tenant, so a connection keeps its id across restarts.</summary>
    private static string ConnectionId(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    private static string? BasicClientId(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return Uri.UnescapeDataString(colon < 0 ? pair : pair[..colon]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Task PlainError(HttpContext context, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("The authorize request is invalid: " + message, context.RequestAborted);
    }

    private static Task RedirectError(HttpContext context, Uri redirect, string? state, string error, string description)
    {
        var parameters = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (state is not null)
        {
            parameters["state"] = state;
        }

        context.Response.Redirect(QueryHelpers.AddQueryString(redirect.AbsoluteUri, parameters));
        return Task.CompletedTask;
    }

    private static Task TokenError(HttpContext context, string error, string? description) =>
        WriteJson(context, error == "invalid_client" ? 401 : 400, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            if (description is not null)
            {
                writer.WriteString("error_description", description);
            }

            writer.WriteEndObject();
        });

    internal static async Task WriteJson(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
