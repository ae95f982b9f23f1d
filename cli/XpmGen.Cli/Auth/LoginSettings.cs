using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using XpmGen.Auth;

namespace XpmGen.Cli.Auth;

/// <summary>A practice the stored login reaches: its tenant id and display name.</summary>
/// <param name="TenantId">The tenant id, sent as <c>xero-tenant-id</c>.</param>
/// <param name="TenantName">The practice's name, when Xero gave one.</param>
internal sealed record LoginTenant(string TenantId, string? TenantName)
{
    /// <summary>The name and the id, for messages.</summary>
    public override string ToString() => string.IsNullOrEmpty(TenantName) ? TenantId : $"{TenantName} ({TenantId})";
}

/// <summary>
/// What <c>xpm login</c> remembers besides the tokens: the app's client id, the identity endpoints it logged in
/// against, the practices it reaches and the default one. Nothing here is secret (the tokens are kept encrypted
/// elsewhere); it is JSON written with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/>, no reflection.
/// </summary>
internal sealed class LoginSettings
{
    /// <summary>Xero's token revocation endpoint (RFC 7009).</summary>
    public static readonly Uri DefaultRevocationEndpoint = new("https://identity.xero.com/connect/revocation");

    /// <summary>The app's client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>Where the user was sent to log in.</summary>
    public required Uri AuthorizeEndpoint { get; init; }

    /// <summary>Where tokens are refreshed.</summary>
    public required Uri TokenEndpoint { get; init; }

    /// <summary>Where connections are listed.</summary>
    public required Uri ConnectionsEndpoint { get; init; }

    /// <summary>Where <c>xpm logout</c> revokes the refresh token.</summary>
    public required Uri RevocationEndpoint { get; init; }

    /// <summary>The practices the login reaches, in the order Xero listed them.</summary>
    public required IReadOnlyList<LoginTenant> Tenants { get; init; }

    /// <summary>The tenant commands use when neither <c>--tenant</c> nor <c>XPM_TENANT_ID</c> is given.</summary>
    public string? DefaultTenant { get; init; }

    /// <summary>
    /// The API base address that belongs to the identity service logged in against, when it is not Xero's: the XpmGen
    /// sandbox's, or what <c>--base-url</c> named at login. Commands use it unless <c>--base-url</c> says otherwise.
    /// </summary>
    public Uri? ApiBaseAddress { get; init; }

    /// <summary>The endpoints of Xero's identity service, or of one identity server such as the sandbox's.</summary>
    /// <param name="identityBase">The base address of a non-Xero identity server; <see langword="null"/> for Xero.</param>
    public static (Uri Authorize, Uri Token, Uri Connections, Uri Revocation) Endpoints(Uri? identityBase)
    {
        if (identityBase is null)
        {
            return (XpmOAuthOptions.DefaultAuthorizeEndpoint, XpmOAuthOptions.DefaultTokenEndpoint, XpmOAuthOptions.DefaultConnectionsEndpoint, DefaultRevocationEndpoint);
        }

        var options = new XpmOAuthOptions().UseIdentityServer(identityBase);
        // The same layout as UseIdentityServer: revocation sits next to the token endpoint.
        return (options.AuthorizeEndpoint, options.TokenEndpoint, options.ConnectionsEndpoint, new Uri(options.TokenEndpoint, "revocation"));
    }

    /// <summary>The OAuth settings of this login, for refreshing its tokens (or, with a redirect URI, for logging in).</summary>
    public XpmOAuthOptions ToOAuthOptions(Uri? redirectUri = null) => new()
    {
        ClientId = ClientId,
        RedirectUri = redirectUri,
        AuthorizeEndpoint = AuthorizeEndpoint,
        TokenEndpoint = TokenEndpoint,
        ConnectionsEndpoint = ConnectionsEndpoint,
    };

    /// <summary>The stored default tenant, if it is still one of <see cref="Tenants"/>.</summary>
    public LoginTenant? Default => Tenants.FirstOrDefault(t => string.Equals(t.TenantId, DefaultTenant, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the settings as indented JSON.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("clientId", ClientId);
            writer.WriteString("authorizeEndpoint", AuthorizeEndpoint.AbsoluteUri);
            writer.WriteString("tokenEndpoint", TokenEndpoint.AbsoluteUri);
            writer.WriteString("connectionsEndpoint", ConnectionsEndpoint.AbsoluteUri);
            writer.WriteString("revocationEndpoint", RevocationEndpoint.AbsoluteUri);
            if (DefaultTenant is not null)
            {
                writer.WriteString("defaultTenant", DefaultTenant);
            }

            if (ApiBaseAddress is not null)
            {
                writer.WriteString("apiBaseAddress", ApiBaseAddress.AbsoluteUri);
            }

            writer.WriteStartArray("tenants");
            foreach (var tenant in Tenants)
            {
                writer.WriteStartObject();
                writer.WriteString("tenantId", tenant.TenantId);
                if (tenant.TenantName is not null)
                {
                    writer.WriteString("tenantName", tenant.TenantName);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads settings written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The JSON is not a settings object; the message says what is wrong.</exception>
    public static LoginSettings Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            var tenants = new List<LoginTenant>();
            if (root.TryGetProperty("tenants", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    tenants.Add(new LoginTenant(RequiredString(item, "tenantId"), OptionalString(item, "tenantName")));
                }
            }

            return new LoginSettings
            {
                ClientId = RequiredString(root, "clientId"),
                AuthorizeEndpoint = RequiredUri(root, "authorizeEndpoint"),
                TokenEndpoint = RequiredUri(root, "tokenEndpoint"),
                ConnectionsEndpoint = RequiredUri(root, "connectionsEndpoint"),
                RevocationEndpoint = RequiredUri(root, "revocationEndpoint"),
                DefaultTenant = OptionalString(root, "defaultTenant"),
                ApiBaseAddress = OptionalString(root, "apiBaseAddress") is { } api && Uri.TryCreate(api, UriKind.Absolute, out var apiUri) ? apiUri : null,
                Tenants = tenants,
            };
        }
        catch (JsonException ex)
        {
            throw new FormatException("it is not valid JSON: " + ex.Message, ex);
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) is { Length: > 0 } value ? value : throw new FormatException($"'{name}' is missing");

    private static Uri RequiredUri(JsonElement element, string name) =>
        Uri.TryCreate(RequiredString(element, name), UriKind.Absolute, out var uri) ? uri : throw new FormatException($"'{name}' is not an absolute URL");
}
