using System;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 1: asks the token provider for the access token, once per call (every attempt of a call carries the
/// same token), and checks it can go into a header. The transport writes it and the tenant header.
/// </summary>
internal sealed class XpmCredentialStage(IXpmAccessTokenProvider provider) : XpmStage
{
    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        call.AccessToken = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        return await SendNextAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var token = (await provider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException($"The access token provider ({provider.GetType().Name}) returned no access token.");
        }

        foreach (var c in token)
        {
            // Bearer tokens are visible ASCII; anything else would corrupt the header (and must not be echoed).
            if (c is <= ' ' or > '~')
            {
                throw new InvalidOperationException($"The access token provider ({provider.GetType().Name}) returned a token with white space or characters that are not visible ASCII.");
            }
        }

        return token;
    }
}
