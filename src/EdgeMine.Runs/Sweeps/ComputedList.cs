namespace EdgeMine.Sweeps;

/// <summary>
/// A read-only list whose items are computed from their index when read (the cells of a sweep, their specs): a million
/// items cost the memory of one, and an item is a new object at each access.
/// </summary>
internal sealed class ComputedList<T>(int count, Func<int, T> item) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? item(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return item(i);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
