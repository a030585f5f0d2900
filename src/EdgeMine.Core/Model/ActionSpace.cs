using System.Globalization;

namespace EdgeMine.Model;

/// <summary>The action: one offloading fraction in [0, 1] per task (index n M + m); binary in the paper.</summary>
public sealed class ActionSpace(int tasks)
{
    /// <summary>N * M, the length of the action vector.</summary>
    public int Dimension { get; } = tasks;

    /// <summary>Number of binary joint actions, 2^(N M), or null when it exceeds a long.</summary>
    public long? BinaryActionCount => Dimension < 63 ? 1L << Dimension : null;

    /// <summary>Throws unless <paramref name="action"/> has one finite fraction in [0, 1] per task.</summary>
    public void Check(ReadOnlySpan<double> action)
    {
        if (action.Length != Dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"the action has {action.Length} values; the environment has {Dimension} tasks"),
                nameof(action));
        }

        for (int i = 0; i < action.Length; i++)
        {
            if (!(action[i] is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(action),
                    action[i],
                    string.Create(CultureInfo.InvariantCulture, $"action[{i}] must be an offloading fraction in [0, 1]"));
            }
        }
    }

    /// <summary>Writes binary joint action <paramref name="index"/> (bit i = task i offloads) into <paramref name="action"/>.</summary>
    public static void DecodeBinary(long index, Span<double> action)
    {
        for (int i = 0; i < action.Length; i++)
        {
            action[i] = (index >> i) & 1;
        }
    }
}
