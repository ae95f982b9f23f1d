using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class DependencyInjectionContractTests : ContractTestBase
{
    public DependencyInjectionContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task AddXpmClient_resolves_a_client_over_the_named_http_client()
    {
        var seen = new CountingHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddXpmClient(options =>
            {
                options.BaseAddress = Server.BaseAddress;
                options.TenantId = ContractData.TenantId;
                options.AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken);
                options.RateLimiter = new XpmRateLimiter();
            })
            .AddHttpMessageHandler(() => seen);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();

        var categories = await provider.GetRequiredService<XpmClient>().Categories.ListAsync(Ct);

        Assert.NotEmpty(categories);
        Assert.Equal(1, seen.Count);
        await SingleCallAsync("GET", "category.api/list");
    }

    [Fact]
    public async Task Startup_validation_names_the_missing_setting()
    {
        var services = new ServiceCollection();
        services.AddXpmClient(options => options.TenantId = ContractData.TenantId);
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AccessTokenProvider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_validation_rejects_a_relative_base_address()
    {
        var services = new ServiceCollection();
        services.AddXpmClient(options =>
        {
            options.AccessTokenProvider = new StaticAccessTokenProvider("token");
            options.BaseAddress = new Uri("practicemanager/3.1/", UriKind.Relative);
        });
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
