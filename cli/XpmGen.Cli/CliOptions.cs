using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace XpmGen.Cli;

/// <summary>
/// The option kinds the generated commands use, one place for how each value is written on the command line:
/// dates as ISO <c>2026-12-01</c> (or XPM's <c>20261201</c>), date-times as <c>2026-12-01T09:30:00</c>, times as
/// <c>HH:mm</c>, booleans as <c>true</c>/<c>false</c>/<c>yes</c>/<c>no</c> (a bare flag means true).
/// </summary>
internal static class CliOptions
{
    /// <summary>A query flag such as <c>--detailed</c>: given means true, left out means the parameter is not sent.</summary>
    public static Option<bool> Flag(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    /// <summary>The value a flag sends: true when given, otherwise null (left out of the query).</summary>
    public static bool? FlagValue(ParseResult parse, Option<bool> option) => parse.GetValue(option) ? true : null;

    /// <summary>A text value.</summary>
    public static Option<string?> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required, HelpName = "text" };

    /// <summary>A whole number.</summary>
    public static Option<int?> Int(string name, string description, bool required = false) =>
        Parsed<int>(name, description, required, "number", "a whole number such as 42", static text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null);

    /// <summary>A decimal number with a point: <c>1234.50</c>.</summary>
    public static Option<decimal?> Decimal(string name, string description, bool required = false) =>
        Parsed<decimal>(name, description, required, "number", "a number such as 1234.50", static text =>
            decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null);

    /// <summary>A yes/no value for a body field: <c>--is-primary</c>, <c>--is-primary false</c>, <c>--taxable yes</c>.</summary>
    /// <remarks>
    /// The value type is <see cref="YesNo"/>, not <see cref="bool"/>: System.CommandLine only lets a bool option take the
    /// next token when it reads as <c>true</c> or <c>false</c>, so <c>--taxable yes</c> would be refused as a stray argument.
    /// <see cref="YesNo"/> converts to <see cref="bool"/> implicitly (lifted to <c>bool?</c>), so the generated code assigns it as it is.
    /// </remarks>
    public static Option<YesNo?> Boolean(string name, string description, bool required = false)
    {
        var option = Parsed<YesNo>(name, description, required, "true|false", "true, false, yes or no", static text => text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "Y" or "1" => new YesNo(true),
            "FALSE" or "NO" or "N" or "0" => new YesNo(false),
            _ => null,
        });
        option.Arity = ArgumentArity.ZeroOrOne;
        return option;
    }

    /// <summary>A date: ISO <c>2026-12-01</c> or XPM's <c>20261201</c>.</summary>
    public static Option<DateOnly?> Date(string name, string description, bool required = false) =>
        Parsed<DateOnly>(name, description, required, "yyyy-mm-dd", "a date such as 2026-12-01", ParseDate);

    /// <summary>A date and time: <c>2026-12-01T09:30:00</c>, or a date alone for midnight.</summary>
    public static Option<DateTime?> DateTime(string name, string description, bool required = false) =>
        Parsed<DateTime>(name, description, required, "yyyy-mm-ddThh:mm:ss", "a date and time such as 2026-12-01T09:30:00", static text =>
            System.DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                ? value
                : ParseDate(text) is { } date ? date.ToDateTime(TimeOnly.MinValue) : null);

    /// <summary>A time of day: <c>09:30</c>.</summary>
    public static Option<TimeOnly?> Time(string name, string description, bool required = false) =>
        Parsed<TimeOnly>(name, description, required, "hh:mm", "a time such as 09:30", static text =>
            TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null);

    /// <summary><c>--body FILE</c>: the request body as XML, <c>-</c> for standard input.</summary>
    public static Option<string?> Body(string element) => new("--body")
    {
        Description = $"The request body: a file holding the <{element}> element as XPM takes it, or - for standard input. Instead of the field options.",
        HelpName = "file",
    };

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static Option<T?> Parsed<T>(string name, string description, bool required, string helpName, string expected, Func<string, T?> parse)
        where T : struct =>
        new(name)
        {
            Description = description,
            Required = required,
            HelpName = helpName,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    // Only a yes/no option may stand alone, and then it means yes.
                    return typeof(T) == typeof(YesNo) ? (T?)(object)new YesNo(true) : null;
                }

                var text = result.Tokens[0].Value;
                if (parse(text) is { } value)
                {
                    return value;
                }

                result.AddError($"{name} takes {expected}; '{text}' is not.");
                return null;
            },
        };
}

/// <summary>The value of a yes/no body field option; converts to <see cref="bool"/>.</summary>
/// <param name="Value">Yes is <see langword="true"/>.</param>
internal readonly record struct YesNo(bool Value)
{
    /// <summary>The flag as a <see cref="bool"/>.</summary>
    public static implicit operator bool(YesNo value) => value.Value;
}
