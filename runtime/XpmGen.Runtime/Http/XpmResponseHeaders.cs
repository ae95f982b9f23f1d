using System;
using System.Globalization;
using System.Net.Http;

namespace XpmGen.Http;

/// <summary>
/// Reads the response headers XPM and Xero's gateway send: the correlation id, <c>Retry-After</c> and the
/// limit figures. The limiter, the retry rule, OAuth and the error factory all read them here.
/// </summary>
internal static class XpmResponseHeaders
{
    public const string CorrelationIdHeader = "xero-correlation-id";

    public const string RateLimitProblemHeader = "X-Rate-Limit-Problem";

    /// <summary>The longest correlation id kept; Xero's are GUIDs (36 characters).</summary>
    public const int MaxCorrelationIdLength = 64;

    /// <summary>The correlation id, or <see langword="null"/> when it is absent or not safe to copy (see <see cref="SafeCorrelationId(string?, string?[])"/>).</summary>
    public static string? CorrelationId(HttpResponseMessage? response, string? secret = null) => SafeCorrelationId(Get(response, CorrelationIdHeader), secret);

    /// <summary>
    /// A correlation id fit to copy into messages, logs and activity tags: at most <see cref="MaxCorrelationIdLength"/>
    /// characters of letters, digits, '-', '_' and '.', and holding no part of any of <paramref name="secrets"/>. Anything else is
    /// withheld whole (a server that echoes a token there must not get it logged), since a partial id is useless anyway.
    /// </summary>
    public static string? SafeCorrelationId(string? value, params string?[] secrets)
    {
        if (!IsPlainId(value))
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (Echoes(value, secret))
            {
                return null;
            }
        }

        return value;
    }

    /// <summary><see cref="SafeCorrelationId(string?, string?[])"/> with one secret, without allocating an array on every response.</summary>
    public static string? SafeCorrelationId(string? value, string? secret) =>
        IsPlainId(value) && !Echoes(value, secret) ? value : null;

    private static bool IsPlainId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxCorrelationIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Echoes(string value, string? secret) =>
        !string.IsNullOrEmpty(secret)
        && (value.Contains(secret, StringComparison.Ordinal) || (value.Length >= 6 && secret.Contains(value, StringComparison.Ordinal)));

    public static string? RateLimitProblem(HttpResponseMessage? response) => Get(response, RateLimitProblemHeader);

    /// <summary>The first non-blank value of a header, from the response or its content headers.</summary>
    public static string? Get(HttpResponseMessage? response, string name)
    {
        if (response is null)
        {
            return null;
        }

        // NonValidated: a malformed value from a hostile server must not throw while an error is being built.
        if (response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    /// <summary>The <c>Retry-After</c> of a response as a wait (seconds, or an HTTP date turned into the time left); never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The limit figures a response carried, or <see langword="null"/> when it carried none.</summary>
    public static XpmRateLimitStatus? LimitStatus(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var minute = ReadInt(response, "X-MinLimit-Remaining");
        var day = ReadInt(response, "X-DayLimit-Remaining");
        var app = ReadInt(response, "X-AppMinLimit-Remaining");
        return minute is null && day is null && app is null ? null : new XpmRateLimitStatus(minute, day, app, timeProvider.GetUtcNow());
    }

    // A count of calls left is never negative: "-5" or "abc" is no figure at all, and must not pause or block anything.
    private static int? ReadInt(HttpResponseMessage response, string name) =>
        int.TryParse(Get(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
}
