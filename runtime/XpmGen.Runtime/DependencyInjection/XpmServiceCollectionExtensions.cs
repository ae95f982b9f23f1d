using System;
using System.Diagnostics.Metrics;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XpmGen;

/// <summary>
/// Registers <see cref="XpmClient"/> with Microsoft.Extensions.DependencyInjection: one default client, or named
/// clients (one per practice or connection) resolvable as keyed services, each with its own options.
/// </summary>
public static class XpmServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> the default client's calls go through; configure it with
    /// <c>services.AddHttpClient(XpmServiceCollectionExtensions.HttpClientName)</c>. A named client's is
    /// <see cref="GetHttpClientName"/>.
    /// </summary>
    public const string HttpClientName = "XpmGen";

    /// <summary>The name of the <see cref="HttpClient"/> the client registered under <paramref name="name"/> sends through.</summary>
    /// <param name="name">The registration name; empty for the default client.</param>
    /// <returns><see cref="HttpClientName"/> for the default client, <c>XpmGen.{name}</c> for a named one.</returns>
    public static string GetHttpClientName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 ? HttpClientName : HttpClientName + "." + name;
    }

    /// <summary>
    /// Registers the default <see cref="XpmClient"/> (transient, over <see cref="IHttpClientFactory"/>) with options
    /// that are validated when the host starts: a missing access token provider or a bad base address stops
    /// startup with a message naming the setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">
    /// Sets the options: tenant, base address, retries, rate limiter. When it leaves
    /// <see cref="XpmClientOptions.AccessTokenProvider"/> unset, the <see cref="IXpmAccessTokenProvider"/> registered in
    /// the container is used (for example the one <c>AddXpmOAuth</c> registers). Calling this again adds to the same
    /// options, as the options pattern does; use a named overload for a second practice.
    /// </param>
    /// <returns>
    /// The builder of the <see cref="HttpClient"/>, to add handlers or settings. Resilience composes: add
    /// <see cref="XpmResilienceExtensions.AddXpmResilienceHandler"/> (or <c>AddStandardResilienceHandler()</c>, which
    /// gets XPM's rule too) and the client's own retries step aside, so a read is attempted at most
    /// 1 + <see cref="XpmRetryOptions.MaxRetries"/> times and a write that may have been delivered is never sent again.
    /// </returns>
    public static IHttpClientBuilder AddXpmClient(this IServiceCollection services, Action<XpmClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, Options.DefaultName, configuration: null, configure);
    }

    /// <summary>
    /// Registers the default <see cref="XpmClient"/> with options read from <paramref name="configuration"/>, for
    /// example <c>configuration.GetSection("Xpm")</c>: <c>TenantId</c>, <c>BaseAddress</c>, <c>AccessToken</c> (a
    /// fixed token, for scripts), <c>AttemptTimeout</c>, <c>Retry:MaxRetries</c>, <c>Retry:BaseDelay</c>,
    /// <c>Retry:MaxDelay</c>, <c>Retry:MaxRetryAfter</c> and <c>RateLimit:*</c> (the figures of
    /// <see cref="XpmRateLimitOptions"/>; the section gives the client a limiter of its own). Time spans are written
    /// <c>hh:mm:ss</c>; <c>Infinite</c> turns the attempt timeout off. A value that does not parse stops startup with
    /// its configuration path. Values are read by key, without the reflection binder, so the app stays AOT-clean;
    /// a reloaded configuration reaches clients resolved afterwards.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the client's settings.</param>
    /// <param name="configure">Runs after the configuration is read, for what configuration cannot hold.</param>
    /// <returns>The builder of the <see cref="HttpClient"/>, as <see cref="AddXpmClient(IServiceCollection, Action{XpmClientOptions})"/> returns it.</returns>
    public static IHttpClientBuilder AddXpmClient(this IServiceCollection services, IConfiguration configuration, Action<XpmClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, Options.DefaultName, configuration, configure);
    }

    /// <summary>
    /// Registers an <see cref="XpmClient"/> under <paramref name="name"/>, with options of its own: a keyed service,
    /// taken with <c>[FromKeyedServices("practiceA")] XpmClient xpm</c> or
    /// <c>provider.GetRequiredKeyedService&lt;XpmClient&gt;("practiceA")</c>, sending through the <see cref="HttpClient"/>
    /// named <see cref="GetHttpClientName"/>. Its token provider, when not set, is the <see cref="IXpmAccessTokenProvider"/>
    /// keyed <paramref name="name"/> in the container, else the unkeyed one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name and service key, for example the practice.</param>
    /// <param name="configure">Sets this client's options.</param>
    /// <returns>The builder of this client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddXpmClient(this IServiceCollection services, string name, Action<XpmClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, name, configuration: null, configure);
    }

    /// <summary>
    /// Registers an <see cref="XpmClient"/> under <paramref name="name"/> with options read from
    /// <paramref name="configuration"/> (the keys of <see cref="AddXpmClient(IServiceCollection, IConfiguration, Action{XpmClientOptions})"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration name and service key.</param>
    /// <param name="configuration">The section holding this client's settings, for example <c>configuration.GetSection("Xpm:PracticeA")</c>.</param>
    /// <param name="configure">Runs after the configuration is read.</param>
    /// <returns>The builder of this client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddXpmClient(this IServiceCollection services, string name, IConfiguration configuration, Action<XpmClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, name, configuration, configure);
    }

    /// <summary>The options name behind the <see cref="HttpClient"/> named <paramref name="httpClientName"/>, when <c>AddXpmClient</c> registered it.</summary>
    internal static string? FindOptionsName(IServiceCollection services, string httpClientName)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(XpmClientRegistration)
                && descriptor.ImplementationInstance is XpmClientRegistration registration
                && registration.HttpClientName == httpClientName)
            {
                return registration.Name;
            }
        }

        return null;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name, IConfiguration? configuration, Action<XpmClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var httpClientName = GetHttpClientName(name);
        var options = services.AddOptions<XpmClientOptions>(name);
        if (configuration is not null)
        {
            // A RateLimit section gives the client a limiter of its own, made once and shared by every client
            // resolved under this name (a limiter per resolution would not limit anything).
            var limiterKey = RateLimiterKey(name);
            services.AddKeyedSingleton(limiterKey, (_, _) =>
            {
                var problems = new List<string>();
                var limits = XpmConfigurationReader.ReadRateLimit(configuration, problems);
                XpmConfigurationReader.ThrowIfAny<XpmClientOptions>(problems, name);
                try
                {
                    return new XpmRateLimiter(limits);
                }
                catch (ArgumentException ex)
                {
                    throw new OptionsValidationException(name, typeof(XpmClientOptions), [$"{XpmConfigurationReader.PathOf(configuration, XpmConfigurationReader.RateLimit)}: {ex.Message.Split(" (Parameter", 2)[0]}"]);
                }
            });
            options.Configure<IServiceProvider>((value, provider) =>
            {
                var problems = new List<string>();
                XpmConfigurationReader.ApplyClient(value, configuration, problems);
                XpmConfigurationReader.ThrowIfAny<XpmClientOptions>(problems, name);
                if (configuration.GetSection(XpmConfigurationReader.RateLimit).GetChildren().Any())
                {
                    value.RateLimiter = provider.GetRequiredKeyedService<XpmRateLimiter>(limiterKey);
                }
            });
            services.AddSingleton<IOptionsChangeTokenSource<XpmClientOptions>>(new ConfigurationChangeTokenSource<XpmClientOptions>(name, configuration));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (FindOptionsName(services, httpClientName) is null)
        {
            // Once per name: the registrations below would otherwise be repeated by a second call that only adds settings.
            services.AddSingleton(new XpmClientRegistration(name, httpClientName));
            options.PostConfigure<IServiceProvider>((value, provider) => value.AccessTokenProvider ??= ResolveTokenProvider(provider, name));
            // The host's meter factory, when it has one, so metrics follow the host's meter lifetime and configuration.
            options.PostConfigure<IServiceProvider>(static (value, provider) => value.MeterFactory ??= provider.GetService<IMeterFactory>());
            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XpmClientOptions>, XpmClientOptionsValidator>());
            // The interface resolves to the same client, so app code can take IXpmClient and tests can replace it.
            if (name.Length == 0)
            {
                services.AddTransient(provider => Create(provider, name, httpClientName));
                services.AddTransient<IXpmClient>(static provider => provider.GetRequiredService<XpmClient>());
            }
            else
            {
                services.AddKeyedTransient(name, (provider, _) => Create(provider, name, httpClientName));
                services.AddKeyedTransient<IXpmClient>(name, static (provider, key) => provider.GetRequiredKeyedService<XpmClient>(key));
            }

            // A plain AddStandardResilienceHandler() on the returned builder must follow XPM's rule as well.
            XpmResilienceExtensions.ApplyXpmRule(services, httpClientName + "-standard", name);

            // And a handler added any other way (for every client, or hand-made) must not send a write twice.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter, Http.XpmWriteOnceFilter>());
        }

        return services.AddHttpClient(httpClientName);
    }

    private static XpmClient Create(IServiceProvider provider, string name, string httpClientName)
    {
        // The handler chain shows whether a resilience handler retries inside the HttpClient; the client's own
        // retry stage then steps aside, so that attempts never multiply.
        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(httpClientName);
        return new XpmClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
            provider.GetRequiredService<IOptionsMonitor<XpmClientOptions>>().Get(name),
            provider.GetService<ILogger<XpmClient>>(),
            retriesDelegated: XpmResilienceExtensions.HasResilienceHandler(handler));
    }

    /// <summary>The provider keyed by the client's name, else the unkeyed one; <see langword="null"/> leaves validation to name the gap.</summary>
    private static IXpmAccessTokenProvider? ResolveTokenProvider(IServiceProvider provider, string name)
    {
        if (name.Length > 0 && provider is IKeyedServiceProvider keyed && keyed.GetKeyedService(typeof(IXpmAccessTokenProvider), name) is IXpmAccessTokenProvider named)
        {
            return named;
        }

        return provider.GetService<IXpmAccessTokenProvider>();
    }

    private static string RateLimiterKey(string name) => "XpmGen.RateLimiter:" + name;

    /// <summary>Marks a name as registered, and maps its <see cref="HttpClient"/> name back to its options name.</summary>
    internal sealed record XpmClientRegistration(string Name, string HttpClientName);

    /// <summary>Reports the first invalid setting by name, with the client's registration name when it has one.</summary>
    private sealed class XpmClientOptionsValidator : IValidateOptions<XpmClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, XpmClientOptions options)
        {
            if (XpmClient.DescribeInvalidOptions(options) is not { } problem)
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(string.IsNullOrEmpty(name) ? problem : $"XPM client '{name}': {problem}");
        }
    }
}
