using System;
using System.Net.Http;
using XpmGen.Contract.Tests.Infrastructure;

namespace XpmGen.Contract.Tests;

/// <summary>The task catalogue and job templates the task.api and template.api stubs know (fictional data).</summary>
public static class TaskContractData
{
    /// <summary>Catalogue task "Prepare Financial Statements" (the TaskUUID of the job task the time stubs use).</summary>
    public const string PrepareFinancialStatementsUuid = "176c9ee1-5c67-4abc-88a6-5ed61b0df8b1";

    /// <summary>Catalogue task "Review &amp; Sign-off" (list, get).</summary>
    public const string ReviewAndSignOffUuid = "03380ea0-6d97-45a5-b3d6-cd794a718ca7";

    /// <summary>Catalogue task "GST Return" (list).</summary>
    public const string GstReturnUuid = "15b2f8ba-afeb-4e01-81d5-89ded9ac5eb6";

    /// <summary>A task UUID the get stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownTaskUuid = "8e63f6ac-6af1-4c39-8a77-4ddaebe93c78";

    /// <summary>Job template "Annual Accounts".</summary>
    public const string AnnualAccountsTemplateUuid = "2805fdb8-0a96-4058-815a-555654f0a914";
}

/// <summary>
/// A client whose requests carry the test-only header <c>X-Contract-Case</c>, which selects another
/// answer of a stub that takes no parameters (an empty or single-item list, an error). XPM knows no
/// such header; the default stubs require it to be absent.
/// </summary>
public sealed class ContractCaseClient : IDisposable
{
    /// <summary>The name of the test-only header.</summary>
    public const string Header = "X-Contract-Case";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Creates a client for the fixture's tenant and token that asks for <paramref name="contractCase"/>.</summary>
    /// <param name="server">The shared WireMock.</param>
    /// <param name="contractCase">The case the stubs know: <c>empty</c>, <c>single</c> or <c>error</c>.</param>
    public ContractCaseClient(WireMockServer server, string contractCase)
    {
        _http.DefaultRequestHeaders.Add(Header, contractCase);
        Xpm = new XpmClient(_http, new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = ContractData.TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(ContractData.AccessToken),
        });
    }

    /// <summary>The generated public client.</summary>
    public XpmClient Xpm { get; }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
