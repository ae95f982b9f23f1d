using System;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// The from/to ranges of XPM's dated lists (time, invoices, quotes): both days inclusive, and no longer than XPM's
/// maximum of one year.
/// </summary>
internal static class SandboxDateRange
{
    /// <summary>
    /// Refuses a range that ends before it starts or spans a year or more. A range from a day to the day before its
    /// anniversary (365 or 366 days) is the longest accepted, the window the client's ListAllAsync asks for.
    /// </summary>
    public static void Check(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new SandboxFault($"The date range from {Format(from)} to {Format(to)} ends before it starts.");
        }

        if (to >= from.AddYears(1))
        {
            throw new SandboxFault(
                $"The date range from {Format(from)} to {Format(to)} is too long: the maximum date range between the from and to parameters is one year (to must be before {Format(from.AddYears(1))}).");
        }
    }

    /// <summary>Whether a date falls in a range whose ends are both optional and inclusive.</summary>
    public static bool Contains(DateOnly? from, DateOnly? to, DateTime? date)
    {
        if (date is null)
        {
            return from is null && to is null;
        }

        var day = DateOnly.FromDateTime(date.Value);
        return (from is null || day >= from) && (to is null || day <= to);
    }

    private static string Format(DateOnly day) => XpmValueFormat.FormatCompactDate(day);
}
