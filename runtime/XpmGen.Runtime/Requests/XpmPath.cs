using System;

namespace XpmGen;

/// <summary>Fills the placeholders of endpoint paths.</summary>
/// <remarks>
/// <para>Part of the generator's extension API: the code generated from a schema calls it, the runtime's own and an
/// application's own schema files alike (docs/packaging.md), so it is public and versioned like the rest of the package,
/// but hidden from IntelliSense because applications have no need to call it.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class XpmPath
{
    /// <summary>
    /// Checks a path parameter and escapes it for use as one path segment.
    /// </summary>
    /// <param name="value">The value, for example a client UUID or a job number.</param>
    /// <param name="parameterName">The C# parameter name, used in the exception message.</param>
    /// <remarks>
    /// The value is trimmed and escaped with <see cref="Uri.EscapeDataString(string)"/>, so <c>/</c>, <c>?</c> and
    /// <c>#</c> cannot change the shape of the path. The dot segments <c>.</c> and <c>..</c> are refused: URI
    /// normalisation would remove them and so call a different endpoint.
    /// </remarks>
    /// <exception cref="ArgumentException">The value is <see langword="null"/>, empty, only white space, <c>.</c> or <c>..</c>.</exception>
    public static string Segment(string value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The path parameter '{parameterName}' must not be null, empty or white space.", parameterName);
        }

        var trimmed = value.Trim();
        if (trimmed is "." or "..")
        {
            throw new ArgumentException($"The path parameter '{parameterName}' must not be '{trimmed}', which would change the path.", parameterName);
        }

        return Uri.EscapeDataString(trimmed);
    }
}
