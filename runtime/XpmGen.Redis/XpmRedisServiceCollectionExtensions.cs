using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using XpmGen.Auth;

namespace XpmGen.Redis;

/// <summary>
/// Registers the Redis-backed pieces for an app that runs many instances: <c>services.AddXpmRedisConnection("localhost:6379")</c>
/// (or an <see cref="IConnectionMultiplexer"/> of the app's own), <c>services.AddXpmClient(...).UseRedis()</c> for the shared
/// limits, and <c>services.AddXpmRedisTokenStore()</c> for shared tokens with single-flight refresh (used by <c>AddXpmOAuth</c>).
/// </summary>
public static class XpmRedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IConnectionMultiplexer"/> connected to <paramref name="configuration"/>, unless one is
    /// registered already. It is made with <c>AbortOnConnectFail = false</c> (the app starts while Redis is down and the
    /// connection comes back by itself) and <see cref="BacklogPolicy.FailFast"/> (while it is down, commands fail at once
    /// instead of waiting for a timeout).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, for example <c>redis:6379,password=...</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddXpmRedisConnection(this IServiceCollection services, string configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            // While disconnected, commands fail at once (the limiter goes to its fallback) instead of queueing until a timeout.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }

    /// <summary>
    /// Makes the client registered by <c>AddXpmClient</c> keep XPM's limits together with every other instance of the app:
    /// its <see cref="XpmClientOptions.RateLimiter"/> becomes the process's singleton <see cref="RedisXpmRateLimiter"/> over
    /// the container's <see cref="IConnectionMultiplexer"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddXpmClient</c> returned.</param>
    /// <param name="configure">Sets the limiter's options (the first call's are the singleton's); the defaults otherwise.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder UseRedis(this IHttpClientBuilder builder, Action<RedisXpmRateLimiterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = ClientName(builder.Name);
        if (configure is not null)
        {
            builder.Services.AddOptions<RedisXpmRateLimiterOptions>().Configure(configure);
        }

        builder.Services.TryAddSingleton(static provider => new RedisXpmRateLimiter(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<RedisXpmRateLimiterOptions>>().Value,
            provider.GetService<TimeProvider>()));
        builder.Services.AddOptions<XpmClientOptions>(name)
            .Configure<IServiceProvider>(static (options, provider) => options.RateLimiter = provider.GetRequiredService<RedisXpmRateLimiter>());
        return builder;
    }

    /// <summary>
    /// Registers a <see cref="RedisXpmTokenStore"/> as the <see cref="IXpmTokenStore"/> (which <c>AddXpmOAuth</c> uses), over the
    /// container's <see cref="IConnectionMultiplexer"/>; the sets are protected with the container's
    /// <see cref="IDataProtectionProvider"/> when one is registered (<c>services.AddDataProtection()</c> with keys every instance shares).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the store's options; the defaults otherwise.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddXpmRedisTokenStore(this IServiceCollection services, Action<RedisXpmTokenStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.AddOptions<RedisXpmTokenStoreOptions>().Configure(configure);
        }

        services.AddSingleton<IXpmTokenStore>(static provider => new RedisXpmTokenStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<RedisXpmTokenStoreOptions>>().Value,
            provider.GetService<IDataProtectionProvider>(),
            provider.GetService<TimeProvider>()));
        return services;
    }

    // AddXpmClient names the HttpClient "XpmGen" for the default client and "XpmGen.{name}" for a named one.
    private static string ClientName(string httpClientName) =>
        httpClientName == XpmServiceCollectionExtensions.HttpClientName ? Options.DefaultName
        : httpClientName.StartsWith(XpmServiceCollectionExtensions.HttpClientName + ".", StringComparison.Ordinal) ? httpClientName[(XpmServiceCollectionExtensions.HttpClientName.Length + 1)..]
        : throw new ArgumentException($"UseRedis applies to the builder AddXpmClient returns; '{httpClientName}' is not an XpmGen client.", nameof(httpClientName));
}
