using System;
using System.Buffers;
using System.Collections.Generic;

namespace XpmGen.Serialization;

/// <summary>
/// Gathers the items of one list as they are read, in an array rented from <see cref="ArrayPool{T}.Shared"/>, so
/// that the list they end in can be given exactly the room they take (<see cref="AppendTo"/>). A local of one read:
/// it must be disposed, which clears and returns the array.
/// </summary>
internal struct XpmItemBuffer<T> : IDisposable
{
    private T[]? _items;
    private int _count;

    /// <summary>Adds an item, renting a larger array when the current one is full.</summary>
    public void Add(T item)
    {
        if (_items is null)
        {
            _items = ArrayPool<T>.Shared.Rent(16);
        }
        else if (_count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_count * 2);
            Array.Copy(_items, larger, _count);
            Return(_items, _count);
            _items = larger;
        }

        _items[_count++] = item;
    }

    /// <summary>Appends the gathered items to <paramref name="list"/>, growing it once to the exact size needed.</summary>
    public readonly void AppendTo(List<T> list)
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

        list.AddRange(new ReadOnlySpan<T>(_items, 0, _count));
    }

    /// <summary>Clears the rented array (so that it holds no item alive) and returns it to the pool.</summary>
    public void Dispose()
    {
        if (_items is { } items)
        {
            Return(items, _count);
            _items = null;
            _count = 0;
        }
    }

    private static void Return(T[] items, int count)
    {
        Array.Clear(items, 0, count);
        ArrayPool<T>.Shared.Return(items);
    }
}
