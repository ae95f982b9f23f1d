using System;
using System.Globalization;

namespace XpmGen.Serialization;

/// <summary>
/// XPM's own value vocabularies, formatted and parsed with the invariant culture. XPM mixes
/// <c>Yes</c>/<c>No</c> and <c>true</c>/<c>false</c> booleans, <c>yyyyMMdd</c> and ISO dates, date-times with
/// no offset and <c>HH:mm</c> times. Every <c>Parse</c> method reads an empty or white-space value
/// as <see langword="null"/> and throws <see cref="FormatException"/> naming the expected format otherwise.
/// </summary>
/// <remarks>
/// <para>Part of the generator's extension API: the code generated from a schema calls it, the runtime's own and an
/// application's own schema files alike (docs/packaging.md), so it is public and versioned like the rest of the package,
/// but hidden from IntelliSense because applications have no need to call it.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class XpmValueFormat
{
    private static readonly string[] DateTimeFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
        "yyyyMMdd",
    };

    private static readonly string[] TimeFormats = { "HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss" };

    /// <summary>Formats a boolean as XPM's <c>Yes</c> or <c>No</c>.</summary>
    public static string FormatYesNo(bool value) => value ? "Yes" : "No";

    /// <summary>Parses <c>Yes</c>/<c>No</c> (any case; <c>true</c>/<c>false</c> are accepted too).</summary>
    public static bool? ParseYesNo(string? value) => ParseYesNo(value.AsSpan());

    internal static bool? ParseYesNo(ReadOnlySpan<char> value) => ParseBooleanCore(value, "Yes or No");

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    public static string FormatBoolean(bool value) => value ? "true" : "false";

    /// <summary>Parses <c>true</c>/<c>false</c> (any case; <c>Yes</c>/<c>No</c> and <c>1</c>/<c>0</c> are accepted too).</summary>
    public static bool? ParseBoolean(string? value) => ParseBoolean(value.AsSpan());

    internal static bool? ParseBoolean(ReadOnlySpan<char> value) => ParseBooleanCore(value, "true or false");

    /// <summary>Formats a date as <c>yyyyMMdd</c>, the format of XPM query parameters and request bodies.</summary>
    public static string FormatCompactDate(DateOnly value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Parses a date written <c>yyyyMMdd</c>; <c>yyyy-MM-dd</c> and a date-time at any time of day are accepted too.</summary>
    public static DateOnly? ParseCompactDate(string? value) => ParseCompactDate(value.AsSpan());

    internal static DateOnly? ParseCompactDate(ReadOnlySpan<char> value) => ParseDateCore(value, "yyyyMMdd");

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string FormatIsoDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a date written <c>yyyy-MM-dd</c>; <c>yyyyMMdd</c> and a date-time are accepted too.</summary>
    public static DateOnly? ParseIsoDate(string? value) => ParseIsoDate(value.AsSpan());

    internal static DateOnly? ParseIsoDate(ReadOnlySpan<char> value) => ParseDateCore(value, "yyyy-MM-dd");

    /// <summary>Formats a date-time as <c>yyyy-MM-ddTHH:mm:ss</c> with no offset, as XPM writes them.</summary>
    public static string FormatDateTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a date-time written <c>yyyy-MM-ddTHH:mm:ss</c> (XPM gives no offset, so the result has
    /// <see cref="DateTimeKind.Unspecified"/>); a bare date is accepted and reads as midnight.
    /// </summary>
    public static DateTime? ParseDateTime(string? value) => ParseDateTime(value.AsSpan());

    internal static DateTime? ParseDateTime(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParseFixedWidth(text, out var result) || DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out result))
        {
            return DateTime.SpecifyKind(result, DateTimeKind.Unspecified);
        }

        throw Invalid(text, "a date-time written yyyy-MM-ddTHH:mm:ss");
    }

    /// <summary>Formats a time of day as <c>HH:mm</c>.</summary>
    public static string FormatTime(TimeOnly value) => value.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Parses a time of day written <c>HH:mm</c> (seconds are accepted).</summary>
    public static TimeOnly? ParseTime(string? value) => ParseTime(value.AsSpan());

    internal static TimeOnly? ParseTime(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var result))
        {
            return result;
        }

        throw Invalid(text, "a time written HH:mm");
    }

    /// <summary>Formats a decimal with the invariant culture, keeping its scale (<c>30.00</c> stays <c>30.00</c>).</summary>
    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal written with a point as the decimal separator.</summary>
    public static decimal? ParseDecimal(string? value) => ParseDecimal(value.AsSpan());

    internal static decimal? ParseDecimal(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        throw Invalid(text, "a decimal number such as 30.00");
    }

    /// <summary>Formats an integer with the invariant culture.</summary>
    public static string FormatInt(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an integer.</summary>
    public static int? ParseInt(string? value) => ParseInt(value.AsSpan());

    internal static int? ParseInt(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        throw Invalid(text, "a whole number");
    }

    /// <summary>Reads text as XPM means it: an empty value is absent.</summary>
    public static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool? ParseBooleanCore(ReadOnlySpan<char> value, string expected)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (text.Equals("Yes", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1")
        {
            return true;
        }

        if (text.Equals("No", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text is "0")
        {
            return false;
        }

        throw Invalid(text, expected);
    }

    private static DateOnly? ParseDateCore(ReadOnlySpan<char> value, string expected)
    {
        var text = value.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParseFixedWidth(text, out var result) || DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out result))
        {
            return DateOnly.FromDateTime(result);
        }

        throw Invalid(text, "a date written " + expected);
    }

    /// <summary>
    /// The three shapes XPM writes (<c>yyyy-MM-ddTHH:mm:ss</c>, <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c>) parsed by
    /// position. <see cref="DateTime.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>
    /// costs several times more per value, and its first call loads culture data; lists hold tens of thousands of dates.
    /// </summary>
    private static bool TryParseFixedWidth(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        int year, month, day, hour = 0, minute = 0, second = 0;
        switch (text.Length)
        {
            case 19 when text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':':
                if (!Digits(text, 0, 4, out year) || !Digits(text, 5, 2, out month) || !Digits(text, 8, 2, out day)
                    || !Digits(text, 11, 2, out hour) || !Digits(text, 14, 2, out minute) || !Digits(text, 17, 2, out second))
                {
                    return false;
                }

                break;
            case 10 when text[4] == '-' && text[7] == '-':
                if (!Digits(text, 0, 4, out year) || !Digits(text, 5, 2, out month) || !Digits(text, 8, 2, out day))
                {
                    return false;
                }

                break;
            case 8:
                if (!Digits(text, 0, 4, out year) || !Digits(text, 4, 2, out month) || !Digits(text, 6, 2, out day))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static FormatException Invalid(ReadOnlySpan<char> value, string expected)
    {
        var shown = value.Length > 64 ? string.Concat(value[..64], "...") : value.ToString();
        return new FormatException($"'{shown}' is not {expected}.");
    }
}
