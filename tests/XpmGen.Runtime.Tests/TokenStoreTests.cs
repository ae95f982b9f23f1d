using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;

namespace XpmGen.Runtime.Tests;

public sealed class TokenStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "xpmgen-tokens-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly XpmTokenSet _tokens = new("secret-access-token", "secret-refresh-token", DateTimeOffset.Parse("2026-11-21T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "practicemanager offline_access");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Saved_tokens_load_back_and_are_not_readable_on_disk()
    {
        var store = new EncryptedFileXpmTokenStore(_directory, _key);

        await store.SaveAsync("practice/1", _tokens, CancellationToken.None);
        var loaded = await store.LoadAsync("practice/1", CancellationToken.None);

        Assert.Equal(_tokens, loaded);
        var bytes = await File.ReadAllBytesAsync(store.GetPath("practice/1"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("secret-access-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-refresh-token", text, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync("practice/2", CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task A_wrong_key_gives_a_clear_error_and_no_plaintext()
    {
        await new EncryptedFileXpmTokenStore(_directory, _key).SaveAsync("practice", _tokens, CancellationToken.None);
        var other = new EncryptedFileXpmTokenStore(_directory, RandomNumberGenerator.GetBytes(32));

        var ex = await Assert.ThrowsAsync<XpmTokenStoreException>(() => other.LoadAsync("practice", CancellationToken.None).AsTask());

        Assert.Contains("could not be decrypted", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_modified_file_is_rejected()
    {
        var store = new EncryptedFileXpmTokenStore(_directory, _key);
        await store.SaveAsync("practice", _tokens, CancellationToken.None);
        var path = store.GetPath("practice");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        await Assert.ThrowsAsync<XpmTokenStoreException>(() => store.LoadAsync("practice", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_file_copied_to_another_connection_is_rejected()
    {
        var store = new EncryptedFileXpmTokenStore(_directory, _key);
        await store.SaveAsync("practice-a", _tokens, CancellationToken.None);
        File.Copy(store.GetPath("practice-a"), store.GetPath("practice-b"));

        await Assert.ThrowsAsync<XpmTokenStoreException>(() => store.LoadAsync("practice-b", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_file_that_is_not_a_token_file_is_named_in_the_error()
    {
        var store = new EncryptedFileXpmTokenStore(_directory, _key);
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(store.GetPath("practice"), "{\"accessToken\":\"plain\"}");

        var ex = await Assert.ThrowsAsync<XpmTokenStoreException>(() => store.LoadAsync("practice", CancellationToken.None).AsTask());

        Assert.Contains(store.GetPath("practice"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EncryptedFileXpmTokenStore(_directory, new byte[16]));
    }

    [Fact]
    public void Token_sets_never_show_their_tokens()
    {
        Assert.DoesNotContain("secret", _tokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_authorize_url_carries_scopes_state_and_an_s256_challenge_of_the_verifier()
    {
        var options = new XpmOAuthOptions { ClientId = "my-app", RedirectUri = new Uri("https://app.example/callback") };
        options.Scopes.Add("practicemanager.client.read");
        var oauth = new XpmOAuthClient(new HttpClient(), options);

        var request = oauth.CreateAuthorizationRequest();

        var query = request.AuthorizeUri.Query.TrimStart('?').Split('&')
            .Select(static p => p.Split('=', 2))
            .ToDictionary(static p => p[0], static p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("https://login.xero.com/identity/connect/authorize", request.AuthorizeUri.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("my-app", query["client_id"]);
        Assert.Equal("https://app.example/callback", query["redirect_uri"]);
        Assert.Equal("practicemanager.client.read offline_access", query["scope"]);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(request.CodeVerifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, query["code_challenge"]);
        Assert.InRange(request.CodeVerifier.Length, 43, 128);
        Assert.NotEqual(request.State, oauth.CreateAuthorizationRequest().State);
    }

    [Fact]
    public void Options_name_the_missing_setting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new XpmOAuthClient(new HttpClient(), new XpmOAuthOptions()));

        Assert.Contains("ClientId", ex.Message, StringComparison.Ordinal);
    }
}
