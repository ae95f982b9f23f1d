using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace XpmGen;

/// <summary>
/// The XPM API client as app code should take it: <see cref="XpmClient"/> implements it, and a test can hand in its
/// own implementation instead of serving HTTP. The resource facades (<c>Clients</c>, <c>Jobs</c>, ...) are generated
/// from the schema as properties typed as their interfaces (<c>IClientApi</c>, <c>IJobApi</c>, ...).
/// </summary>
/// <remarks>
/// Every interface follows the .NET rule <c>I</c> + class name: <see cref="XpmClient"/> implements
/// <see cref="IXpmClient"/>, <c>ClientApi</c> implements <c>IClientApi</c>, its sub-facade <c>ClientContactsApi</c>
/// implements <c>IClientContactsApi</c>. Members may be added as XPM grows; a fake written by hand should expect to
/// gain members when it upgrades.
/// </remarks>
public partial interface IXpmClient
{
    /// <inheritdoc cref="XpmClient.TenantId"/>
    string? TenantId { get; }

    /// <inheritdoc cref="XpmClient.BaseAddress"/>
    Uri BaseAddress { get; }

    /// <inheritdoc cref="XpmClient.RateLimitStatus"/>
    XpmRateLimitStatus? RateLimitStatus { get; }

    /// <inheritdoc cref="XpmClient.ForTenant(string)"/>
    IXpmClient ForTenant(string tenantId);

    /// <inheritdoc cref="XpmClient.SendAsync{TResponse}(XpmRequest{TResponse}, CancellationToken)"/>
    Task<TResponse> SendAsync<TResponse>(XpmRequest<TResponse> request, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.StreamAsync{T}(XpmRequest{IReadOnlyList{T}}, CancellationToken)"/>
    IAsyncEnumerable<T> StreamAsync<T>(XpmRequest<IReadOnlyList<T>> request, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.SendRawAsync(HttpMethod, string, IEnumerable{KeyValuePair{string, string}}?, XElement?, CancellationToken)"/>
    Task<XpmRawResponse> SendRawAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query = null, XElement? body = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.PagesByNumberAsync{T}(Func{int, XpmRequest{XpmPage{T}}}, CancellationToken)"/>
    IAsyncEnumerable<T> PagesByNumberAsync<T>(Func<int, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.PagesByTokenAsync{T}(Func{string?, XpmRequest{XpmPage{T}}}, CancellationToken)"/>
    IAsyncEnumerable<T> PagesByTokenAsync<T>(Func<string?, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.PagesByTokenAsync{T}(string?, Func{string?, XpmRequest{XpmPage{T}}}, CancellationToken)"/>
    IAsyncEnumerable<T> PagesByTokenAsync<T>(string? pageToken, Func<string?, XpmRequest<XpmPage<T>>> pageRequest, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="XpmClient.WindowsAsync{T}(DateOnly, DateOnly, Func{DateOnly, DateOnly, XpmRequest{IReadOnlyList{T}}}, CancellationToken)"/>
    IAsyncEnumerable<T> WindowsAsync<T>(DateOnly from, DateOnly to, Func<DateOnly, DateOnly, XpmRequest<IReadOnlyList<T>>> windowRequest, CancellationToken cancellationToken = default);
}
