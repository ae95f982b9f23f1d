using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using XpmGen.Auth;

namespace XpmGen;

/// <summary>
/// Registers the OAuth 2.0 side of a connection to Xero: an <see cref="XpmOAuthClient"/>, and an
/// <see cref="XpmRefreshingAccessTokenProvider"/> over the <see cref="IXpmTokenStore"/> the app registers, which
/// <c>AddXpmClient</c> then takes as its token provider.
/// </summary>
public static class XpmOAuthServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the default connection's token requests go through.</summary>
    public const string HttpClientName = "XpmGen.OAuth";

    /// <summary>The token store key of the default connection, unless configuration gives <c>TokenKey</c>.</summary>
    public const string DefaultTokenKey = "default";

    /// <summary>
    /// Registers the default connection: <see cref="XpmOAuthClient"/> (transient), a singleton
    /// <see cref="XpmRefreshingAccessTokenProvider"/> for the token set stored under <see cref="DefaultTokenKey"/>, and
    /// that provider as the container's <see cref="IXpmAccessTokenProvider"/>, which every <c>AddXpmClient</c>
    /// registration without a provider of its own uses. The <see cref="IXpmTokenStore"/> comes from the container:
    /// register one (an <see cref="EncryptedFileXpmTokenStore"/>, or <c>AddXpmDataProtectionTokenStore</c>); startup
    /// fails naming it when there is none, or when a setting is missing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets client id and secret, redirect URI, scopes and endpoints.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> the token requests go through.</returns>
    public static IHttpClientBuilder AddXpmOAuth(this IServiceCollection services, Action<XpmOAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, Options.DefaultName, configuration: null, configure);
    }

    /// <summary>
    /// Registers the default connection (as <see cref="AddXpmOAuth(IServiceCollection, Action{XpmOAuthOptions})"/> does) with
    /// settings read from <paramref name="configuration"/>: <c>ClientId</c>, <c>ClientSecret</c>, <c>RedirectUri</c>,
    /// <c>Scopes</c> (space-separated, or an array), <c>IdentityServer</c> (one base for all three endpoints),
    /// <c>AuthorizeEndpoint</c>, <c>TokenEndpoint</c>, <c>ConnectionsEndpoint</c>, <c>RefreshSkew</c> and
    /// <c>TokenKey</c> (the store key of the token set).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the settings, for example <c>configuration.GetSection("Xpm:OAuth")</c>.</param>
    /// <param name="configure">Runs after the configuration is read.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> the token requests go through.</returns>
    public static IHttpClientBuilder AddXpmOAuth(this IServiceCollection services, IConfiguration configuration, Action<XpmOAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, Options.DefaultName, configuration, configure);
    }

    /// <summary>
    /// Registers a connection under <paramref name="name"/>: the <see cref="XpmOAuthClient"/>,
    /// <see cref="XpmRefreshingAccessTokenProvider"/> and <see cref="IXpmAccessTokenProvider"/> are keyed services of
    /// that name, which the client registered with <c>AddXpmClient(name, ...)</c> takes. The token set is stored under
    /// <paramref name="name"/>; the store is the <see cref="IXpmTokenStore"/> keyed <paramref name="name"/>, else the unkeyed one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name, service key and store key.</param>
    /// <param name="configure">Sets this connection's settings.</param>
    /// <returns>The builder of this connection's token <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddXpmOAuth(this IServiceCollection services, string name, Action<XpmOAuthOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, name, configuration: null, configure);
    }

    /// <summary>Registers a connection under <paramref name="name"/> with settings read from <paramref name="configuration"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name and service key; the store key unless configuration gives <c>TokenKey</c>.</param>
    /// <param name="configuration">The section holding this connection's settings.</param>
    /// <param name="configure">Runs after the configuration is read.</param>
    /// <returns>The builder of this connection's token <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddXpmOAuth(this IServiceCollection services, string name, IConfiguration configuration, Action<XpmOAuthOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, name, configuration, configure);
    }

    /// <summary>The name of the token <see cref="HttpClient"/> of the connection registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration name; empty for the default connection.</param>
    /// <returns><see cref="HttpClientName"/>, or <c>XpmGen.OAuth.{name}</c>.</returns>
    public static string GetHttpClientName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 ? HttpClientName : HttpClientName + "." + name;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name, IConfiguration? configuration, Action<XpmOAuthOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var httpClientName = GetHttpClientName(name);
        var options = services.AddOptions<XpmOAuthOptions>(name);
        var tokenKey = name.Length == 0 ? DefaultTokenKey : name;
        if (configuration is not null)
        {
            tokenKey = configuration["TokenKey"] is { Length: > 0 } configured ? configured : tokenKey;
            options.Configure(value =>
            {
                var problems = new List<string>();
                XpmConfigurationReader.ApplyOAuth(value, configuration, problems);
                XpmConfigurationReader.ThrowIfAny<XpmOAuthOptions>(problems, name);
            });
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XpmOAuthOptions>, XpmOAuthOptionsValidator>());

        XpmOAuthClient CreateOAuthClient(IServiceProvider provider) => new(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
            provider.GetRequiredService<IOptionsMonitor<XpmOAuthOptions>>().Get(name),
            provider.GetService<TimeProvider>());

        // One provider per connection for the life of the app: its refresh gate is what keeps two refreshes of the
        // same rotating refresh token from racing. It keeps the OAuth client it was made with.
        XpmRefreshingAccessTokenProvider CreateProvider(IServiceProvider provider) => new(
            CreateOAuthClient(provider),
            ResolveStore(provider, name),
            tokenKey,
            provider.GetService<TimeProvider>());

        if (name.Length == 0)
        {
            services.AddTransient(CreateOAuthClient);
            services.AddSingleton(CreateProvider);
            services.AddSingleton<IXpmAccessTokenProvider>(static provider => provider.GetRequiredService<XpmRefreshingAccessTokenProvider>());
        }
        else
        {
            services.AddKeyedTransient(name, (provider, _) => CreateOAuthClient(provider));
            services.AddKeyedSingleton(name, (provider, _) => CreateProvider(provider));
            services.AddKeyedSingleton<IXpmAccessTokenProvider>(name, static (provider, key) => provider.GetRequiredKeyedService<XpmRefreshingAccessTokenProvider>(key));
        }

        return services.AddHttpClient(httpClientName);
    }

    private static IXpmTokenStore ResolveStore(IServiceProvider provider, string name) =>
        FindStore(provider, name)
        ?? throw new InvalidOperationException(MissingStore(name));

    private static IXpmTokenStore? FindStore(IServiceProvider provider, string name)
    {
        if (name.Length > 0 && provider is IKeyedServiceProvider keyed && keyed.GetKeyedService(typeof(IXpmTokenStore), name) is IXpmTokenStore named)
        {
            return named;
        }

        return provider.GetService<IXpmTokenStore>();
    }

    private static string MissingStore(string name) =>
        $"{nameof(IXpmTokenStore)} is required by AddXpmOAuth{(name.Length == 0 ? string.Empty : $"(\"{name}\")")}: register one, for example "
        + $"services.AddSingleton<{nameof(IXpmTokenStore)}>(new {nameof(EncryptedFileXpmTokenStore)}(directory, key)) or services.AddXpmDataProtectionTokenStore(directory).";

    /// <summary>Names the first missing or wrong setting, and a missing token store, when the host starts.</summary>
    private sealed class XpmOAuthOptionsValidator(IServiceProvider services) : IValidateOptions<XpmOAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, XpmOAuthOptions options)
        {
            name ??= Options.DefaultName;
            var problem = options.Validate();
            if (problem is null && !HasStore(name))
            {
                problem = MissingStore(name);
            }

            if (problem is null)
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(name.Length == 0 ? problem : $"XPM OAuth connection '{name}': {problem}");
        }

        private bool HasStore(string name)
        {
            if (services.GetService<IServiceProviderIsService>() is not { } isService)
            {
                return true; // A container that cannot tell: the first refresh reports it instead.
            }

            return isService.IsService(typeof(IXpmTokenStore))
                || (name.Length > 0 && isService is IServiceProviderIsKeyedService keyed && keyed.IsKeyedService(typeof(IXpmTokenStore), name));
        }
    }
}
