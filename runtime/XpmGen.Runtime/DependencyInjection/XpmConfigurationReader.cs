using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using XpmGen.Auth;

namespace XpmGen;

/// <summary>
/// Reads <see cref="XpmClientOptions"/> and <see cref="XpmOAuthOptions"/> from configuration key by key. No
/// reflection binder: the runtime stays trim- and AOT-clean, and a value that does not parse fails startup with
/// its configuration path, not a converter's message.
/// </summary>
internal static class XpmConfigurationReader
{
    /// <summary>The keys under the client's section; anything else is ignored, as the configuration binder would.</summary>
    internal const string TenantId = "TenantId";
    internal const string BaseAddress = "BaseAddress";
    internal const string AccessToken = "AccessToken";
    internal const string AttemptTimeout = "AttemptTimeout";
    internal const string Retry = "Retry";
    internal const string RateLimit = "RateLimit";

    /// <summary>Applies the client settings present in <paramref name="configuration"/>; absent keys keep their defaults.</summary>
    public static void ApplyClient(XpmClientOptions options, IConfiguration configuration, List<string> problems)
    {
        if (configuration[TenantId] is { } tenant)
        {
            options.TenantId = tenant;
        }

        if (configuration[BaseAddress] is { } baseAddress)
        {
            if (Uri.TryCreate(baseAddress, UriKind.RelativeOrAbsolute, out var uri))
            {
                // A relative address is kept so that validation names it with the rule it breaks.
                options.BaseAddress = uri;
            }
            else
            {
                problems.Add($"{PathOf(configuration, BaseAddress)}: '{baseAddress}' is not a URI, for example {XpmClientOptions.DefaultBaseAddress}.");
            }
        }

        if (configuration[AccessToken] is { Length: > 0 } token)
        {
            options.AccessTokenProvider = new StaticAccessTokenProvider(token);
        }

        ReadTimeSpan(configuration, AttemptTimeout, problems, value => options.AttemptTimeout = value);
        ReadInt(configuration, nameof(XpmClientOptions.MaxResponseBodySize), problems, value => options.MaxResponseBodySize = value);

        var retry = configuration.GetSection(Retry);
        if (retry.GetChildren().Any())
        {
            var target = options.Retry ?? new XpmRetryOptions();
            ReadInt(retry, nameof(XpmRetryOptions.MaxRetries), problems, value => target.MaxRetries = value);
            ReadTimeSpan(retry, nameof(XpmRetryOptions.BaseDelay), problems, value => target.BaseDelay = value);
            ReadTimeSpan(retry, nameof(XpmRetryOptions.MaxDelay), problems, value => target.MaxDelay = value);
            ReadTimeSpan(retry, nameof(XpmRetryOptions.MaxRetryAfter), problems, value => target.MaxRetryAfter = value);
            options.Retry = target;
        }
    }

    /// <summary>Reads the <c>RateLimit</c> section; <see langword="null"/> when the section is absent (the shared limiter is kept).</summary>
    public static XpmRateLimitOptions? ReadRateLimit(IConfiguration configuration, List<string> problems)
    {
        var section = configuration.GetSection(RateLimit);
        if (!section.GetChildren().Any())
        {
            return null;
        }

        var limits = new XpmRateLimitOptions();
        ReadInt(section, nameof(XpmRateLimitOptions.ConcurrentRequestsPerTenant), problems, value => limits.ConcurrentRequestsPerTenant = value);
        ReadInt(section, nameof(XpmRateLimitOptions.RequestsPerWindowPerTenant), problems, value => limits.RequestsPerWindowPerTenant = value);
        ReadInt(section, nameof(XpmRateLimitOptions.RequestsPerWindowPerApp), problems, value => limits.RequestsPerWindowPerApp = value);
        ReadTimeSpan(section, nameof(XpmRateLimitOptions.Window), problems, value => limits.Window = value);
        ReadInt(section, nameof(XpmRateLimitOptions.QueueLimit), problems, value => limits.QueueLimit = value);
        return limits;
    }

    /// <summary>Applies the OAuth settings present in <paramref name="configuration"/>.</summary>
    public static void ApplyOAuth(XpmOAuthOptions options, IConfiguration configuration, List<string> problems)
    {
        if (configuration[nameof(XpmOAuthOptions.ClientId)] is { } clientId)
        {
            options.ClientId = clientId;
        }

        if (configuration[nameof(XpmOAuthOptions.ClientSecret)] is { Length: > 0 } secret)
        {
            options.ClientSecret = secret;
        }

        ReadUri(configuration, nameof(XpmOAuthOptions.RedirectUri), problems, value => options.RedirectUri = value);
        ReadUri(configuration, "IdentityServer", problems, value =>
        {
            if (value.IsAbsoluteUri)
            {
                options.UseIdentityServer(value);
            }
            else
            {
                problems.Add($"{PathOf(configuration, "IdentityServer")} must be an absolute URI; it is '{value.OriginalString}'.");
            }
        });
        ReadUri(configuration, nameof(XpmOAuthOptions.AuthorizeEndpoint), problems, value => options.AuthorizeEndpoint = value);
        ReadUri(configuration, nameof(XpmOAuthOptions.TokenEndpoint), problems, value => options.TokenEndpoint = value);
        ReadUri(configuration, nameof(XpmOAuthOptions.ConnectionsEndpoint), problems, value => options.ConnectionsEndpoint = value);
        ReadTimeSpan(configuration, nameof(XpmOAuthOptions.RefreshSkew), problems, value => options.RefreshSkew = value);

        // Scopes: a space-separated string ("Scopes": "practicemanager offline_access") or an array.
        var scopes = configuration.GetSection(nameof(XpmOAuthOptions.Scopes));
        var values = scopes.Value is { } line
            ? line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : scopes.GetChildren().Select(child => child.Value).OfType<string>();
        foreach (var scope in values)
        {
            if (!options.Scopes.Contains(scope))
            {
                options.Scopes.Add(scope);
            }
        }
    }

    /// <summary>Ends options creation with every problem found, so startup validation reports them all by path.</summary>
    public static void ThrowIfAny<TOptions>(List<string> problems, string optionsName)
    {
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(optionsName, typeof(TOptions), problems);
        }
    }

    /// <summary>The full configuration path of <paramref name="key"/>, as the app's settings file spells it.</summary>
    public static string PathOf(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, key) : key;

    private static void ReadInt(IConfiguration configuration, string key, List<string> problems, Action<int> set)
    {
        if (configuration[key] is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            set(value);
        }
        else
        {
            problems.Add($"{PathOf(configuration, key)}: '{text}' is not a whole number.");
        }
    }

    private static void ReadTimeSpan(IConfiguration configuration, string key, List<string> problems, Action<TimeSpan> set)
    {
        if (configuration[key] is not { } text)
        {
            return;
        }

        if (string.Equals(text.Trim(), "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            set(Timeout.InfiniteTimeSpan);
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            set(value);
        }
        else
        {
            problems.Add($"{PathOf(configuration, key)}: '{text}' is not a time span; write it as [d.]hh:mm:ss[.fff], for example 00:01:40.");
        }
    }

    private static void ReadUri(IConfiguration configuration, string key, List<string> problems, Action<Uri> set)
    {
        if (configuration[key] is not { } text)
        {
            return;
        }

        if (Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var value))
        {
            set(value);
        }
        else
        {
            problems.Add($"{PathOf(configuration, key)}: '{text}' is not a URI.");
        }
    }
}
