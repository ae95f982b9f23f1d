using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Models;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// App code can take <see cref="IXpmClient"/> and the facade interfaces, and its tests can fake them by hand; the
/// concrete classes implement every public member they have.
/// </summary>
public sealed class InterfaceTests
{
    private const string TwoCategories =
        "<Response api-method=\"List\"><Status>OK</Status><Categories>"
        + "<Category><UUID>c-2</UUID><Name>Tax</Name></Category>"
        + "<Category><UUID>c-1</UUID><Name>Audit</Name></Category>"
        + "</Categories></Response>";

    [Fact]
    public async Task App_code_that_takes_IXpmClient_runs_against_a_hand_written_fake()
    {
        var fake = new FakeXpmClient("tenant-a", tenant => new FakeCategoryApi(tenant == "tenant-a" ? new[] { "Tax", "Audit" } : new[] { "Design" }));
        var directory = new CategoryDirectory(fake);

        Assert.Equal(new[] { "Audit", "Tax" }, await directory.NamesAsync(Deadline()));
        Assert.Equal(new[] { "Design" }, await directory.NamesForTenantAsync("tenant-b", Deadline()));
    }

    [Fact]
    public async Task App_code_that_takes_a_facade_interface_runs_against_a_hand_written_fake()
    {
        ICategoryApi categories = new FakeCategoryApi(new[] { "Tax", "Audit" });

        var streamed = new List<string>();
        await foreach (var category in categories.StreamListAsync(Deadline()))
        {
            streamed.Add(category.Name!);
        }

        Assert.Equal(new[] { "Tax", "Audit" }, streamed);
    }

    [Fact]
    public async Task The_same_app_code_runs_against_the_real_client_and_ForTenant_keeps_the_interface()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(TwoCategories));
        IXpmClient xpm = CreateClient(server);

        var names = await new CategoryDirectory(xpm).NamesForTenantAsync("tenant-b", Deadline());

        Assert.Equal(new[] { "Audit", "Tax" }, names);
        var request = server.SingleRequest;
        Assert.Equal("/practicemanager/3.1/category.api/list", request.Path);
        Assert.Equal("tenant-b", request.Header("xero-tenant-id"));

        // The interface member is explicit: callers of the class still get the concrete client and its concrete facades.
        var other = xpm.ForTenant("tenant-c");
        Assert.IsType<XpmClient>(other);
        Assert.Equal("tenant-c", other.TenantId);
        Assert.Equal(xpm.BaseAddress, other.BaseAddress);
        XpmClient concrete = CreateClient(server).ForTenant("tenant-d");
        Assert.Same(concrete.Clients.Contacts, ((IXpmClient)concrete).Clients.Contacts);
    }

    public static TheoryData<Type> FacadeClasses()
    {
        var data = new TheoryData<Type>();
        foreach (var type in GeneratedFacadeClasses())
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void Every_resource_and_sub_facade_is_found()
    {
        // Guards the theory below against passing on nothing: 13 resources, and client.api alone has sub-facades.
        var names = GeneratedFacadeClasses().Select(static t => t.Name).ToList();
        Assert.True(names.Count > 13, string.Join(", ", names));
        Assert.Contains("ClientApi", names);
        Assert.Contains("ClientContactsApi", names);
    }

    [Theory]
    [MemberData(nameof(FacadeClasses))]
    public void Every_public_member_of_a_facade_class_is_on_its_interface(Type facade)
    {
        var contract = facade.Assembly.GetType("XpmGen.I" + facade.Name);
        Assert.True(contract is { IsInterface: true, IsPublic: true }, $"No public interface I{facade.Name} for {facade.Name}.");
        Assert.True(contract!.IsAssignableFrom(facade), $"{facade.Name} does not implement {contract.Name}.");
        AssertEveryPublicMemberIsOn(facade, contract);
    }

    [Fact]
    public void Every_public_instance_member_of_XpmClient_is_on_IXpmClient()
    {
        Assert.True(typeof(IXpmClient).IsAssignableFrom(typeof(XpmClient)));
        AssertEveryPublicMemberIsOn(typeof(XpmClient), typeof(IXpmClient));
        Assert.Equal(typeof(IXpmClient), typeof(IXpmClient).GetMethod(nameof(IXpmClient.ForTenant))!.ReturnType);
        Assert.Equal(typeof(IClientApi), typeof(IXpmClient).GetProperty(nameof(IXpmClient.Clients))!.PropertyType);
    }

    private static IEnumerable<Type> GeneratedFacadeClasses() =>
        typeof(XpmClient).Assembly.GetExportedTypes()
            .Where(static t => t.IsClass && t.Namespace == "XpmGen" && t.Name.EndsWith("Api", StringComparison.Ordinal))
            .Where(static t => t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>() is not null)
            .OrderBy(static t => t.Name, StringComparer.Ordinal);

    /// <summary>
    /// Each public instance method and property of <paramref name="type"/> has a member of the same name and parameters on
    /// <paramref name="contract"/>, whose type is the same or one the class's type implements (a facade property or
    /// <c>ForTenant</c> is typed as the interface there).
    /// </summary>
    private static void AssertEveryPublicMemberIsOn(Type type, Type contract)
    {
        var contractMembers = contract.GetInterfaces().Append(contract).ToList();
        var missing = new List<string>();
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(static m => !m.IsSpecialName))
        {
            var signature = Signature(method);
            var match = contractMembers.SelectMany(static i => i.GetMethods()).FirstOrDefault(m => Signature(m) == signature);
            if (match is null || !Compatible(match.ReturnType, method.ReturnType))
            {
                missing.Add(signature + " : " + Format(method.ReturnType));
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var match = contractMembers.Select(i => i.GetProperty(property.Name)).FirstOrDefault(static p => p is not null);
            if (match is null || !Compatible(match.PropertyType, property.PropertyType))
            {
                missing.Add(property.Name + " : " + Format(property.PropertyType));
            }
        }

        Assert.True(missing.Count == 0, $"Not on {contract.Name}: " + string.Join("; ", missing));
    }

    private static bool Compatible(Type onContract, Type onClass) =>
        Format(onContract) == Format(onClass) || (!onClass.ContainsGenericParameters && onContract.IsAssignableFrom(onClass));

    private static string Signature(MethodInfo method) =>
        method.Name + "`" + method.GetGenericArguments().Length + "(" + string.Join(", ", method.GetParameters().Select(static p => Format(p.ParameterType))) + ")";

    // By name, so the generic parameters of the class's and the interface's methods (distinct Type objects) compare equal.
    private static string Format(Type type) =>
        type.IsGenericParameter ? type.Name
        : type.IsGenericType ? type.GetGenericTypeDefinition().FullName + "<" + string.Join(", ", type.GetGenericArguments().Select(Format)) + ">"
        : type.FullName ?? type.Name;

    /// <summary>App code as a consumer writes it: it takes the interface, never the concrete client.</summary>
    private sealed class CategoryDirectory(IXpmClient xpm)
    {
        public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) => NamesAsync(xpm, cancellationToken);

        public Task<IReadOnlyList<string>> NamesForTenantAsync(string tenantId, CancellationToken cancellationToken) =>
            NamesAsync(xpm.ForTenant(tenantId), cancellationToken);

        private static async Task<IReadOnlyList<string>> NamesAsync(IXpmClient client, CancellationToken cancellationToken)
        {
            var categories = await client.Categories.ListAsync(cancellationToken);
            return categories.Select(static c => c.Name ?? string.Empty).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A fake as a consumer writes it without a mocking library: what the app uses answers, the rest throws.</summary>
    private sealed class FakeXpmClient(string? tenantId, Func<string?, ICategoryApi> categories) : IXpmClient
    {
        public string? TenantId => tenantId;

        public Uri BaseAddress { get; } = new("https://xpm.invalid/practicemanager/3.1/");

        public XpmRateLimitStatus? RateLimitStatus => null;

        public ICategoryApi Categories => categories(tenantId);

        public IClientApi Clients => throw Unused();

        public IClientGroupApi ClientGroups => throw Unused();

        public ICostApi Costs => throw Unused();

        public ICustomFieldApi CustomFields => throw Unused();

        public IInvoiceApi Invoices => throw Unused();

        public IJobApi Jobs => throw Unused();

        public IJobStateApi JobStates => throw Unused();

        public IQuoteApi Quotes => throw Unused();

        public IStaffApi Staff => throw Unused();

        public ITaskApi Tasks => throw Unused();

        public ITemplateApi Templates => throw Unused();

        public ITimeApi Time => throw Unused();

        public IXpmClient ForTenant(string tenantId) => new FakeXpmClient(tenantId, categories);

        public Task<TResponse> SendAsync<TResponse>(XpmRequest<TResponse> request, CancellationToken cancellationToken = default) => throw Unused();

        public IAsyncEnumerable<T> StreamAsync<T>(XpmRequest<IReadOnlyList<T>> request, CancellationToken cancellationToken = default) => throw Unused();

        public Task<XpmRawResponse> SendRawAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query = null, XElement? body = null, CancellationToken cancellationToken = default) => throw Unused();

        public IAsyncEnumerable<T> PagesByNumberAsync<T>(Func<int, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default) => throw Unused();

        public IAsyncEnumerable<T> PagesByTokenAsync<T>(Func<string?, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default) => throw Unused();

        public IAsyncEnumerable<T> PagesByTokenAsync<T>(string? pageToken, Func<string?, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default) => throw Unused();

        public IAsyncEnumerable<T> WindowsAsync<T>(DateOnly from, DateOnly to, Func<DateOnly, DateOnly, XpmRequest<IReadOnlyList<T>>> windowRequest, CancellationToken cancellationToken = default) => throw Unused();

        private static NotSupportedException Unused() => new("Not used by the code under test.");
    }

    private sealed class FakeCategoryApi(IReadOnlyList<string> names) : ICategoryApi
    {
        public Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Category>>(names.Select(static n => new Category { Name = n }).ToList());

        public async IAsyncEnumerable<Category> StreamListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var category in await ListAsync(cancellationToken))
            {
                yield return category;
            }
        }
    }
}
