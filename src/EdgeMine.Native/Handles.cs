namespace EdgeMine.Native;

/// <summary>
/// The objects behind the handles given to C callers. A handle is a slot index plus one in its low 32 bits and the
/// slot's generation in its high 32 bits, so a destroyed handle (or one destroyed twice) is refused instead of reaching
/// an object that reuses its slot. Lookups read the table without a lock; creation and destruction take one.
/// </summary>
internal static class Handles
{
    private static readonly Lock Gate = new();
    private static readonly Stack<int> Free = new();
    private static Table _table = new(16);
    private static int _used;

    /// <summary>Handles alive now (for tests of leaks through the ABI).</summary>
    public static int Count { get; private set; }

    public static long Add(object value)
    {
        lock (Gate)
        {
            int index;
            if (Free.Count > 0)
            {
                index = Free.Pop();
            }
            else
            {
                if (_used == _table.Objects.Length)
                {
                    var grown = new Table(_table.Objects.Length * 2);
                    Array.Copy(_table.Objects, grown.Objects, _used);
                    Array.Copy(_table.Generations, grown.Generations, _used);
                    Volatile.Write(ref _table, grown);
                }

                index = _used++;
            }

            _table.Objects[index] = value;
            Count++;
            return ((long)_table.Generations[index] << 32) | (uint)(index + 1);
        }
    }

    public static T Get<T>(long handle)
        where T : class
    {
        var table = Volatile.Read(ref _table);
        int index = (int)(uint)handle - 1;
        uint generation = (uint)((ulong)handle >> 32);
        if ((uint)index < (uint)table.Objects.Length && table.Generations[index] == generation && table.Objects[index] is T found)
        {
            return found;
        }

        lock (Gate)
        {
            // Another thread may have grown the table since it was read.
            table = _table;
            return (uint)index < (uint)_used && table.Generations[index] == generation && table.Objects[index] is T value
                ? value
                : throw Invalid<T>(handle);
        }
    }

    public static void Remove<T>(long handle)
        where T : class
    {
        lock (Gate)
        {
            int index = (int)(uint)handle - 1;
            uint generation = (uint)((ulong)handle >> 32);
            if (!((uint)index < (uint)_used && _table.Generations[index] == generation && _table.Objects[index] is T))
            {
                throw Invalid<T>(handle);
            }

            _table.Objects[index] = null;
            _table.Generations[index]++;
            Free.Push(index);
            Count--;
        }
    }

    private static NativeException Invalid<T>(long handle) =>
        new(StatusCode.Argument, $"invalid {(typeof(T) == typeof(VectorEnvironment) ? "vector environment" : "environment")} handle {handle} (destroyed, or never created)");

    private sealed class Table(int capacity)
    {
        public object?[] Objects { get; } = new object?[capacity];

        public uint[] Generations { get; } = new uint[capacity];
    }
}
