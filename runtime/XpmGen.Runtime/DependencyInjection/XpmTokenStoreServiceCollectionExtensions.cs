using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using XpmGen.Auth;

namespace XpmGen;

/// <summary>Registers an <see cref="IXpmTokenStore"/> for <c>AddXpmOAuth</c>.</summary>
public static class XpmTokenStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="DataProtectionXpmTokenStore"/> as the <see cref="IXpmTokenStore"/>, keeping its files in
    /// <paramref name="directory"/> and protecting them with the app's ASP.NET Core Data Protection keys (register them
    /// with <c>services.AddDataProtection()</c>, persisted and shared as the app already does).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The folder of the token files.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddXpmDataProtectionTokenStore(this IServiceCollection services, string directory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        services.AddSingleton<IXpmTokenStore>(provider => new DataProtectionXpmTokenStore(provider.GetRequiredService<IDataProtectionProvider>(), directory));
        return services;
    }
}
