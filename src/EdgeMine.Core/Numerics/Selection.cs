namespace EdgeMine.Numerics;

/// <summary>Selection of order statistics, shared by the per-slot optimum and the shared DRLO learner's mean-field act.</summary>
internal static class Selection
{
    /// <summary>
    /// The <paramref name="k"/>-th largest of <paramref name="values"/> (k from 1), by Hoare selection with a
    /// median-of-three pivot: linear time on average, no randomness. Reorders <paramref name="values"/>.
    /// </summary>
    public static double KthLargest(Span<double> values, int k)
    {
        if (k < 1 || k > values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"must lie in 1..{values.Length}");
        }

        int target = k - 1, low = 0, high = values.Length - 1;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            double x = values[low], y = values[middle], z = values[high];
            double pivot = Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] > pivot)
                {
                    i++;
                }

                while (values[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[low..j] >= pivot, values[i..high] <= pivot, and everything strictly between equals it.
            if (target <= j)
            {
                high = j;
            }
            else if (target >= i)
            {
                low = i;
            }
            else
            {
                return values[target];
            }
        }

        return values[target];
    }
}
