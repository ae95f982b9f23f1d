using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Xml;

namespace XpmGen.Serialization;

/// <summary>
/// The name table of every reader <see cref="XpmXml.CreateReader(System.IO.Stream, bool)"/> creates, which also
/// carries that reader's value pool: a bounded table of the short element values read so far, so that equal
/// values (staff names, countries, types, states, Yes/No...) share one string instance.
/// </summary>
/// <remarks>
/// Values are read with <see cref="XmlReader.ReadValueChunk"/> into a reused buffer and looked up before any
/// string is created, so a repeated value allocates nothing. The pool lives and dies with its reader (one
/// response); it never holds more than <see cref="MaxEntries"/> strings of at most <see cref="MaxPooledLength"/>
/// characters. It is not thread-safe, as the reader it belongs to is not.
/// </remarks>
internal sealed class XpmValuePool : NameTable
{
    /// <summary>The longest value that is shared; longer values (addresses, notes) are rarely repeated.</summary>
    internal const int MaxPooledLength = 48;

    /// <summary>The most strings the table holds; when it is full, new values replace old ones.</summary>
    internal const int MaxEntries = 1 << 13;

    private const int InitialEntries = 16;
    private const int ProbeLimit = 8;

    private string?[] _entries = new string?[InitialEntries];
    private int[] _hashes = new int[InitialEntries];

    // The hashes of values seen once: a value enters the pool on its second sighting, so values that occur
    // once (identifiers, e-mail addresses) are neither kept alive by the pool nor evict the repeated ones.
    // An int array costs the garbage collector nothing to scan.
    private int[] _seen = new int[InitialEntries * 2];
    private int _count;
    private int _replace;
    private char[] _buffer = new char[128];

    /// <summary>
    /// Reads the text of the element the reader is on and moves past its end tag, as
    /// <see cref="XmlReader.ReadElementContentAsString()"/> does; an empty element reads as an empty string.
    /// </summary>
    /// <param name="reader">The reader this pool belongs to, on an element's start tag.</param>
    /// <param name="shareUpTo">The longest value that is looked up in (and added to) the pool.</param>
    public string ReadElementText(XmlReader reader, int shareUpTo)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        reader.Read();
        var node = reader.NodeType;
        if (node == XmlNodeType.EndElement)
        {
            reader.Read();
            return string.Empty;
        }

        if (node != XmlNodeType.Text)
        {
            return FinishContent(reader, string.Empty);
        }

        // The usual case: one text node, then the end tag. Its characters are copied without a string.
        // XmlTextReaderImpl fills the buffer unless the value ends first, so a short count is the end.
        var length = 0;
        while (true)
        {
            var space = _buffer.Length - length;
            var read = reader.ReadValueChunk(_buffer, length, space);
            length += read;
            if (read < space)
            {
                break;
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        reader.Read();
        var text = _buffer.AsSpan(0, length);
        if (reader.NodeType != XmlNodeType.EndElement)
        {
            // Text split by a comment or CDATA section, or mixed content: the general path.
            return FinishContent(reader, text.ToString());
        }

        reader.Read();
        return length <= shareUpTo ? Share(text) : text.ToString();
    }

    /// <summary>Returns the pooled string equal to <paramref name="text"/>, adding it when absent.</summary>
    internal string Share(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        var hash = Hash(text);
        var entries = _entries;
        var hashes = _hashes;
        var mask = entries.Length - 1;
        var start = hash & mask;
        for (var i = 0; i < ProbeLimit; i++)
        {
            // The hashes alone are probed (a hash is never 0, the mark of an empty slot); an entry is only read on a match.
            var slot = (start + i) & mask;
            var slotHash = hashes[slot];
            if (slotHash == 0)
            {
                var created = text.ToString();
                var seen = hash & (_seen.Length - 1);
                if (_seen[seen] != hash)
                {
                    _seen[seen] = hash;
                    return created;
                }

                entries[slot] = created;
                hashes[slot] = hash;
                if (++_count * 4 > entries.Length * 3 && entries.Length < MaxEntries)
                {
                    Grow();
                }

                return created;
            }

            if (slotHash == hash && entries[slot] is { } entry && text.SequenceEqual(entry))
            {
                return entry;
            }
        }

        // The neighbourhood is full: a value seen before replaces one of its entries, in turn.
        var value = text.ToString();
        var seenSlot = hash & (_seen.Length - 1);
        if (_seen[seenSlot] != hash)
        {
            _seen[seenSlot] = hash;
            return value;
        }

        var replaced = (start + (_replace++ & (ProbeLimit - 1))) & mask;
        entries[replaced] = value;
        hashes[replaced] = hash;
        return value;
    }

    private static string FinishContent(XmlReader reader, string prefix)
    {
        // What ReadElementContentAsString does from here: concatenate the text, CDATA and significant
        // white space up to the end tag, and refuse a child element.
        var rest = reader.NodeType == XmlNodeType.Element ? string.Empty : reader.ReadContentAsString();
        if (reader.NodeType != XmlNodeType.EndElement)
        {
            var lineInfo = reader as IXmlLineInfo;
            throw new XmlException($"The element holds a <{reader.LocalName}> child where text was expected.", null, lineInfo?.LineNumber ?? 0, lineInfo?.LinePosition ?? 0);
        }

        reader.Read();
        return prefix.Length == 0 ? rest : prefix + rest;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> text)
    {
        // The length, the first eight and the last four characters: cheap for every length, and enough to tell
        // apart the values of a field; a collision costs a comparison, never a wrong result.
        var bytes = MemoryMarshal.AsBytes(text);
        var hash = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        if (bytes.Length >= 8)
        {
            hash = Mix(hash, MemoryMarshal.Read<ulong>(bytes));
            hash = Mix(hash, MemoryMarshal.Read<ulong>(bytes.Slice(bytes.Length - 8)));
            if (bytes.Length >= 16)
            {
                hash = Mix(hash, MemoryMarshal.Read<ulong>(bytes.Slice(8)));
            }
        }
        else
        {
            foreach (var c in text)
            {
                hash = Mix(hash, c);
            }
        }

        hash ^= hash >> 32;

        // Never 0, which marks an empty slot of the table of values seen once.
        return (int)(hash & 0x7FFFFFFF) | 0x40000000;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value) => BitOperations.RotateLeft((hash ^ value) * 0xC2B2AE3D27D4EB4FUL, 29);

    private void Grow()
    {
        var oldEntries = _entries;
        var oldHashes = _hashes;
        var entries = new string?[oldEntries.Length * 2];
        var hashes = new int[entries.Length];
        var mask = entries.Length - 1;
        for (var i = 0; i < oldEntries.Length; i++)
        {
            if (oldHashes[i] == 0 || oldEntries[i] is not { } entry)
            {
                continue;
            }

            var hash = oldHashes[i];
            for (var probe = 0; probe < entries.Length; probe++)
            {
                var slot = (hash + probe) & mask;
                if (hashes[slot] == 0)
                {
                    entries[slot] = entry;
                    hashes[slot] = hash;
                    break;
                }
            }
        }

        _entries = entries;
        _hashes = hashes;
        _seen = new int[entries.Length * 2];
    }
}
