using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace XpmGen.Cli.Output;

/// <summary>Formats model values for the table output.</summary>
internal static class Text
{
    /// <summary>Collapses line breaks and runs of white space into single spaces; <see langword="null"/> becomes empty.</summary>
    public static string OneLine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>XPM's own words for a flag: <c>Yes</c>, <c>No</c>, or empty when unknown.</summary>
    public static string YesNo(bool? value) => value switch
    {
        true => "Yes",
        false => "No",
        null => string.Empty,
    };

    /// <summary>A date as <c>yyyy-MM-dd</c>, or empty.</summary>
    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A date as <c>yyyy-MM-dd</c>, or empty.</summary>
    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A date and time as <c>yyyy-MM-dd HH:mm</c>, or empty.</summary>
    public static string Timestamp(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>An amount with two decimals, or empty.</summary>
    public static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Minutes as hours and minutes, for example <c>1h 35m</c>, or empty.</summary>
    public static string Minutes(int? value) => value switch
    {
        null => string.Empty,
        < 60 => value.Value.ToString(CultureInfo.InvariantCulture) + "m",
        _ => (value.Value / 60).ToString(CultureInfo.InvariantCulture) + "h " + (value.Value % 60).ToString("00", CultureInfo.InvariantCulture) + "m",
    };

    /// <summary>A one-line postal address: <c>street, city, region postcode, country</c>, blank parts left out.</summary>
    public static string Address(string? street, string? city, string? region, string? postCode, string? country) =>
        Join(street, city, string.Join(' ', new[] { OneLine(region), OneLine(postCode) }.Where(part => part.Length > 0)), country);

    /// <summary>A referenced record as <c>Name (UUID)</c>, or empty.</summary>
    public static string Named(XpmGen.Models.Reference? reference) => reference switch
    {
        null => string.Empty,
        { Uuid: null } => OneLine(reference.Name),
        _ => (OneLine(reference.Name) + " (" + reference.Uuid + ")").TrimStart(),
    };

    /// <summary>The non-blank parts joined with <c>, </c>.</summary>
    public static string Join(params string?[] parts) => JoinAll(parts);

    /// <summary>The non-blank parts joined with <c>, </c>.</summary>
    public static string JoinAll(IEnumerable<string?> parts) =>
        string.Join(", ", parts.Select(OneLine).Where(part => part.Length > 0));
}
