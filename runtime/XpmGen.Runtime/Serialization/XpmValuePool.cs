using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Xml;

namespace XpmGen.Serialization;

/// <summary>
/// The name table of every reader <see cref="XpmXml.CreateReader(System.IO.Stream, bool)"/> creates, which also
/// carries that reader's value pool: a bounded table of the element values read so far, so that equal values
/// (staff names, countries, types, states, repeated addresses and notes...) share one string instance.
/// </summary>
/// <remarks>
/// <para>Values are read with <see cref="XmlReader.ReadValueChunk"/> into a reused buffer and looked up before any
/// string is created, so a repeated value allocates nothing. Typed values (numbers, dates, Yes/No) are parsed from
/// that buffer and never become strings (<see cref="ReadElementChars"/>).</para>
/// <para>A value enters the pool on its second sighting: the first sighting is remembered in a direct-mapped table
/// of recent values, and the second one promotes that same instance, so a repeated value exists once and values
/// that occur once (identifiers, e-mail addresses) never crowd the pool. Both tables hold only strings the caller's
/// result already references, grow with the response up to <see cref="MaxEntries"/> and <see cref="MaxSeen"/>
/// slots, and die with their reader (one response). It is not thread-safe, as the reader it belongs to is not.</para>
/// </remarks>
internal sealed class XpmValuePool : NameTable
{
    /// <summary>
    /// The longest value that is looked up; longer ones are copied as they are. The lookup costs the same for any
    /// length (the hash reads a few words), so the bound only keeps a comparison of two huge values rare.
    /// </summary>
    internal const int MaxPooledLength = 4096;

    /// <summary>The most strings the pool holds; when it is full, new values replace old ones.</summary>
    internal const int MaxEntries = 1 << 15;

    /// <summary>The most first sightings remembered; a newer value overwrites an older one in its slot.</summary>
    internal const int MaxSeen = 1 << 15;

    private const int InitialEntries = 16;
    private const int InitialSeen = 32;
    private const int ProbeLimit = 8;

    private string?[] _entries = new string?[InitialEntries];
    private int[] _hashes = new int[InitialEntries];
    private int _count;
    private int _replace;

    private string?[] _seen = new string?[InitialSeen];
    private int[] _seenHashes = new int[InitialSeen];
    private int _seenWrites;

    private char[] _buffer = new char[128];

    /// <summary>
    /// Reads the text of the element the reader is on and moves past its end tag, as
    /// <see cref="XmlReader.ReadElementContentAsString()"/> does; an empty element reads as an empty string.
    /// Equal values up to <see cref="MaxPooledLength"/> characters return one instance.
    /// </summary>
    /// <param name="reader">The reader this pool belongs to, on an element's start tag.</param>
    public string ReadElementText(XmlReader reader)
    {
        var text = ReadElementChars(reader, out var whole);
        return whole ?? (text.Length <= MaxPooledLength ? Share(text) : text.ToString());
    }

    /// <summary>
    /// Reads the text of the element the reader is on and moves past its end tag, as
    /// <see cref="XmlReader.ReadElementContentAsString()"/> does, without creating a string in the usual case.
    /// </summary>
    /// <param name="reader">The reader this pool belongs to, on an element's start tag.</param>
    /// <param name="text">
    /// The text when it had to be assembled as a string (split by a comment or CDATA, or mixed content);
    /// otherwise <see langword="null"/>.
    /// </param>
    /// <returns>The characters, valid until the pool reads again.</returns>
    public ReadOnlySpan<char> ReadElementChars(XmlReader reader, out string? text)
    {
        text = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return default;
        }

        reader.Read();
        var node = reader.NodeType;
        if (node == XmlNodeType.EndElement)
        {
            reader.Read();
            return default;
        }

        if (node != XmlNodeType.Text)
        {
            text = FinishContent(reader, string.Empty);
            return text;
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
        if (reader.NodeType != XmlNodeType.EndElement)
        {
            // Text split by a comment or CDATA section, or mixed content: the general path.
            text = FinishContent(reader, new string(_buffer, 0, length));
            return text;
        }

        reader.Read();
        return _buffer.AsSpan(0, length);
    }

    /// <summary>Returns the pooled string equal to <paramref name="text"/>, adding it on its second sighting.</summary>
    internal string Share(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        var hash = Hash(text);
        var hashes = _hashes;
        var mask = hashes.Length - 1;
        var start = hash & mask;
        var free = -1;
        for (var i = 0; i < ProbeLimit; i++)
        {
            // The hashes alone are probed (a hash is never 0, the mark of an empty slot); an entry is only read on a match.
            var slot = (start + i) & mask;
            var slotHash = hashes[slot];
            if (slotHash == 0)
            {
                free = slot;
                break;
            }

            if (slotHash == hash && _entries[slot] is { } entry && text.SequenceEqual(entry))
            {
                return entry;
            }
        }

        var seenSlot = hash & (_seenHashes.Length - 1);
        if (_seenHashes[seenSlot] == hash && _seen[seenSlot] is { } first && text.SequenceEqual(first))
        {
            // The second sighting: the first instance joins the pool and is returned again.
            _seen[seenSlot] = null;
            _seenHashes[seenSlot] = 0;
            Add(first, hash, free, start);
            return first;
        }

        var created = text.ToString();
        _seen[seenSlot] = created;
        _seenHashes[seenSlot] = hash;
        if (++_seenWrites > _seenHashes.Length && _seenHashes.Length < MaxSeen)
        {
            GrowSeen();
        }

        return created;
    }

    private void Add(string value, int hash, int free, int start)
    {
        if (free < 0)
        {
            // The neighbourhood is full: the value replaces one of its entries, in turn.
            var replaced = (start + (_replace++ & (ProbeLimit - 1))) & (_hashes.Length - 1);
            _entries[replaced] = value;
            _hashes[replaced] = hash;
            return;
        }

        _entries[free] = value;
        _hashes[free] = hash;
        if (++_count * 4 > _hashes.Length * 3 && _hashes.Length < MaxEntries)
        {
            GrowEntries();
        }
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

    private static int Hash(ReadOnlySpan<char> text)
    {
        // Every character counts, four at a time: templated values (web addresses, e-mail addresses, notes that
        // differ in a name) share their ends and often their length, and a hash of a sample of them would make
        // such values collide and displace each other. A collision costs a comparison, never a wrong result.
        var bytes = MemoryMarshal.AsBytes(text);
        var hash = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        while (bytes.Length >= 8)
        {
            hash = Mix(hash, MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes.Slice(8);
        }

        if (bytes.Length >= 4)
        {
            hash = Mix(hash, MemoryMarshal.Read<uint>(bytes));
            bytes = bytes.Slice(4);
        }

        if (bytes.Length >= 2)
        {
            hash = Mix(hash, MemoryMarshal.Read<ushort>(bytes));
        }

        hash ^= hash >> 32;

        // Never 0, which marks an empty slot.
        return (int)(hash & 0x7FFFFFFF) | 0x40000000;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value) => BitOperations.RotateLeft((hash ^ value) * 0xC2B2AE3D27D4EB4FUL, 29);

    private void GrowEntries()
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
    }

    private void GrowSeen()
    {
        // The remembered first sightings move to the larger table (direct-mapped: a later one wins a shared slot).
        var oldSeen = _seen;
        var oldHashes = _seenHashes;
        var seen = new string?[oldSeen.Length * 2];
        var hashes = new int[seen.Length];
        var mask = seen.Length - 1;
        for (var i = 0; i < oldSeen.Length; i++)
        {
            if (oldSeen[i] is { } value)
            {
                var slot = oldHashes[i] & mask;
                seen[slot] = value;
                hashes[slot] = oldHashes[i];
            }
        }

        _seen = seen;
        _seenHashes = hashes;
        _seenWrites = 0;
    }
}
