using System.Threading;
using System.Threading.Tasks;

namespace XpmGen;

/// <summary>Supplies the OAuth 2.0 access token for each request.</summary>
public interface IXpmAccessTokenProvider
{
    /// <summary>Returns a valid access token.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
