using System;

namespace XpmGen;

/// <summary>Checks and normalizes <see cref="XpmClientOptions"/>, for the client's constructor and the DI startup validation alike.</summary>
internal static class XpmClientOptionsCheck
{
    /// <summary>The first setting of <paramref name="options"/> a client would refuse, as a message naming it; <see langword="null"/> when all are valid.</summary>
    public static string? Describe(XpmClientOptions options)
    {
        if (options.AccessTokenProvider is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.AccessTokenProvider)} is required: set it to an {nameof(IXpmAccessTokenProvider)} (for example a {nameof(StaticAccessTokenProvider)}) that supplies the OAuth 2.0 access token.";
        }

        if (options.Retry is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.Retry)} must not be null; use {nameof(XpmRetryOptions)}.{nameof(XpmRetryOptions.None)} to turn retries off.";
        }

        if (options.RateLimiter is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.RateLimiter)} must not be null; the default is {nameof(XpmRateLimiter)}.{nameof(XpmRateLimiter.Shared)}.";
        }

        if (options.Retry.Validate() is { } retryProblem)
        {
            return retryProblem;
        }

        if (options.AttemptTimeout <= TimeSpan.Zero && options.AttemptTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.AttemptTimeout)} must be positive (or Timeout.InfiniteTimeSpan); it is {options.AttemptTimeout}.";
        }

        if (options.MaxResponseBodySize < XpmClientOptions.MinMaxResponseBodySize)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.MaxResponseBodySize)} must be at least {XpmClientOptions.MinMaxResponseBodySize} bytes (64 KB); it is {options.MaxResponseBodySize}.";
        }

        try
        {
            NormalizeBaseAddress(options.BaseAddress);
            NormalizeTenantId(options.TenantId);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }
    }

    public static Uri NormalizeBaseAddress(Uri? baseAddress)
    {
        const string setting = nameof(XpmClientOptions) + "." + nameof(XpmClientOptions.BaseAddress);
        if (baseAddress is null)
        {
            throw new ArgumentException($"{setting} is required, for example {XpmClientOptions.DefaultBaseAddress}.", "options");
        }

        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{setting} must be an absolute http or https URI, for example {XpmClientOptions.DefaultBaseAddress}; it is '{baseAddress.OriginalString}'.", "options");
        }

        if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
        {
            throw new ArgumentException($"{setting} must not have a query or a fragment; it is '{baseAddress.OriginalString}'.", "options");
        }

        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/", UriKind.Absolute);
    }

    public static string? NormalizeTenantId(string? tenantId)
    {
        if (tenantId is null)
        {
            return null;
        }

        var trimmed = tenantId.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException($"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.TenantId)} must be null (no xero-tenant-id header) or a tenant id, not blank.", "options");
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.TenantId)} must not contain control characters.", "options");
            }
        }

        return trimmed;
    }
}
