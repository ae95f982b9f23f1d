using System;
using System.Collections.Generic;

namespace XpmGen.Serialization;

/// <summary>
/// The element names of a generated model's members, in schema order: the generated reader turns each child's name
/// into the member's index here and dispatches on the index.
/// </summary>
/// <remarks>
/// <para>XPM writes a model's elements in one order per response, close to the schema's, so the name expected next (the
/// member after the last one read, or the same member again for a repeated element) is compared first; any other
/// order falls back to a dictionary and carries on from there. Names are matched exactly (ordinal, case-sensitive).</para>
/// <para>A dispatch on an index compiles to a jump table, where a <c>switch</c> over dozens of names compiled to a
/// decision tree several kilobytes long that every process JIT-compiled on its first read.</para>
/// <para>Part of the generator's extension API (docs/packaging.md): public for the generated code of other assemblies,
/// hidden from IntelliSense.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class XpmMemberNames
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _indexes;

    /// <summary>Creates the name map of a model whose members have the element names in <paramref name="names"/>, in order.</summary>
    /// <param name="names">
    /// The element names separated by single spaces (an XML name holds none): one literal, so that a generated reader's
    /// type initializer stays a few bytes. A name given twice maps to its first member.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="names"/> is empty or holds an empty name.</exception>
    public XpmMemberNames(string names)
    {
        ArgumentException.ThrowIfNullOrEmpty(names);
        _names = names.Split(' ');
        _indexes = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].Length == 0)
            {
                throw new ArgumentException($"The names hold an empty name at position {i} (names are separated by single spaces).", nameof(names));
            }

            _indexes.TryAdd(_names[i], i);
        }
    }

    /// <summary>The number of names.</summary>
    public int Count => _names.Length;

    /// <summary>
    /// Returns the index of the member whose element is named <paramref name="name"/>, or -1 when no member is.
    /// </summary>
    /// <param name="name">The element's local name.</param>
    /// <param name="next">
    /// The index expected next: 0 before the first child of an element; updated to the member after the one found.
    /// </param>
    public int IndexOf(string name, ref int next)
    {
        var names = _names;
        var expected = next;
        if ((uint)expected < (uint)names.Length && string.Equals(names[expected], name))
        {
            next = expected + 1;
            return expected;
        }

        // A repeated element (the same member again) is the other usual case.
        if ((uint)(expected - 1) < (uint)names.Length && string.Equals(names[expected - 1], name))
        {
            return expected - 1;
        }

        if (_indexes.TryGetValue(name, out var index))
        {
            next = index + 1;
            return index;
        }

        return -1;
    }
}
