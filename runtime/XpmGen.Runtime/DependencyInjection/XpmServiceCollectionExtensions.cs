using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XpmGen;

/// <summary>Registers <see cref="XpmClient"/> with Microsoft.Extensions.DependencyInjection.</summary>
public static class XpmServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> XPM calls go through; configure it with <c>services.AddHttpClient(XpmServiceCollectionExtensions.HttpClientName)</c>.</summary>
    public const string HttpClientName = "XpmGen";

    /// <summary>
    /// Registers <see cref="XpmClient"/> (transient, over <see cref="IHttpClientFactory"/>) with options that are
    /// validated when the host starts: a missing access token provider or a bad base address stops startup
    /// with a message naming the setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options: tenant, access token provider, base address, retries, rate limiter.</param>
    /// <returns>
    /// The builder of the named <see cref="HttpClient"/>, to add handlers or settings. Resilience composes: add
    /// <see cref="XpmResilienceExtensions.AddXpmResilienceHandler"/> (or <c>AddStandardResilienceHandler()</c>, which
    /// gets XPM's rule too) and the client's own retries step aside, so a read is attempted at most
    /// 1 + <see cref="XpmRetryOptions.MaxRetries"/> times and a write that may have been delivered is never sent again.
    /// </returns>
    public static IHttpClientBuilder AddXpmClient(this IServiceCollection services, Action<XpmClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<XpmClientOptions>()
            .Configure(configure)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<XpmClientOptions>, XpmClientOptionsValidator>();
        services.AddTransient(static provider =>
        {
            // The handler chain shows whether a resilience handler retries inside the HttpClient; the client's own
            // retry stage then steps aside, so that attempts never multiply.
            var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpClientName);
            return new XpmClient(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                provider.GetRequiredService<IOptions<XpmClientOptions>>().Value,
                provider.GetService<ILogger<XpmClient>>(),
                retriesDelegated: XpmResilienceExtensions.HasResilienceHandler(handler));
        });

        // A plain AddStandardResilienceHandler() on the returned builder must follow XPM's rule as well.
        XpmResilienceExtensions.ApplyXpmRule(services, HttpClientName + "-standard");
        return services.AddHttpClient(HttpClientName);
    }

    /// <summary>Reports the first invalid setting by name.</summary>
    private sealed class XpmClientOptionsValidator : IValidateOptions<XpmClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, XpmClientOptions options) =>
            XpmClient.DescribeInvalidOptions(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
