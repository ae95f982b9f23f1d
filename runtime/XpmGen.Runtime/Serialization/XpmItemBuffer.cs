using System;
using System.Collections.Generic;

namespace XpmGen.Serialization;

/// <summary>
/// Gathers the items of one list as they are read, so that the list they end in can be given exactly the room they
/// take (<see cref="AppendTo{T}"/>): a list kept in a result holds no spare slots and leaves no outgrown arrays behind.
/// A local of one read; it must be disposed.
/// </summary>
/// <remarks>
/// Items are held as <see cref="object"/> in one array per thread that is lent to the outermost list being read (a
/// list inside an item gets an array of its own), not in an <c>ArrayPool&lt;T&gt;</c> per item type: each of those
/// would be another generic type to load in a process's first read. Value-type items are not gathered here (they
/// would be boxed); <see cref="XpmXml"/> adds them to their list directly.
/// </remarks>
internal struct XpmItemBuffer : IDisposable
{
    // The largest array kept for the next list on this thread: enough for most lists, small enough to keep.
    private const int MaxKeptLength = 1024;

    [ThreadStatic]
    private static object?[]? t_spare;

    private object?[]? _items;
    private int _count;

    /// <summary>Adds an item, growing the array when it is full.</summary>
    public void Add(object? item)
    {
        if (_items is null)
        {
            _items = t_spare ?? new object?[16];
            t_spare = null;
        }
        else if (_count == _items.Length)
        {
            var larger = new object?[_count * 2];
            Array.Copy(_items, larger, _count);
            Keep(_items, _count);
            _items = larger;
        }

        _items[_count++] = item;
    }

    /// <summary>Appends the gathered items to <paramref name="list"/>, growing it once to the exact size needed.</summary>
    public readonly void AppendTo<T>(List<T> list)
    {
        if (_count == 0)
        {
            return;
        }

        var needed = list.Count + _count;
        if (list.Capacity < needed)
        {
            list.Capacity = needed;
        }

        for (var i = 0; i < _count; i++)
        {
            list.Add((T)_items![i]!);
        }
    }

    /// <summary>Clears the array (so that it holds no item alive) and keeps it for the thread's next list.</summary>
    public void Dispose()
    {
        if (_items is { } items)
        {
            Keep(items, _count);
            _items = null;
            _count = 0;
        }
    }

    private static void Keep(object?[] items, int count)
    {
        Array.Clear(items, 0, count);
        if (items.Length <= MaxKeptLength && (t_spare is null || t_spare.Length < items.Length))
        {
            t_spare = items;
        }
    }
}
