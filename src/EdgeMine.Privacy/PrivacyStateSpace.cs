using EdgeMine.Model;

namespace EdgeMine.Privacy;

/// <summary>
/// The discretised state of one miner with M tasks that both privacy baselines use, binned exactly as RLO bins it
/// (MODEL.md section 7), so that the three tabular schemes see the same states:
/// <list type="bullet">
/// <item>D1 per task: <c>arrivalBins</c> (5) equal bins over [d_min, d_max]; values outside are clamped to the end bins.</item>
/// <item>D0 per task: 4 bins {0, (0, d_unit/2], (d_unit/2, 1.5 d_unit], &gt; 1.5 d_unit}.</item>
/// <item>g: bad (0) or good (1).</item>
/// </list>
/// A state is one integer: per task the digit <c>b1 * 4 + b0</c> (task 0 most significant), then <c>* 2 + g</c>.
/// <para>
/// Representative values, used where a bin must stand for a number (the CMDP's transition model):
/// D1 bin k is integrated by <see cref="ArrivalQuadratureBits"/> (midpoints of equal sub-intervals, exact for the
/// piecewise-linear slot physics); D0 bins are represented by 0, d_unit/4 (the middle of (0, d_unit/2]), d_unit (the
/// middle of (d_unit/2, 1.5 d_unit]) and 2 d_unit (the open bin has no middle; 2 d_unit is half a unit past its edge).
/// </para>
/// </summary>
internal sealed class PrivacyStateSpace
{
    /// <summary>D0 bins per task: {0, (0, 1/2], (1/2, 3/2], &gt; 3/2} in units of d_unit.</summary>
    public const int BufferedBins = 4;

    /// <summary>The largest M the tables of the privacy baselines are built for (20^M * 2 states).</summary>
    public const int MaxTasks = 2;

    public PrivacyStateSpace(int tasks, int arrivalBins, double arrivalMinBits, double arrivalMaxBits, double privacyUnitBits)
    {
        if (tasks is < 1 or > MaxTasks)
        {
            throw new ArgumentOutOfRangeException(nameof(tasks), tasks, $"the privacy baselines' tables hold 1 to {MaxTasks} tasks");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalBins);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(privacyUnitBits);
        Tasks = tasks;
        ArrivalBins = arrivalBins;
        ArrivalMinBits = arrivalMinBits;
        ArrivalMaxBits = arrivalMaxBits;
        PrivacyUnitBits = privacyUnitBits;
        DigitsPerTask = arrivalBins * BufferedBins;
        int count = 2;
        for (int m = 0; m < tasks; m++)
        {
            count *= DigitsPerTask;
        }

        Count = count;
    }

    /// <summary>The state space of a single-miner environment with <paramref name="parameters"/>.</summary>
    public static PrivacyStateSpace For(ModelParameters parameters, int tasks, int arrivalBins) =>
        new(tasks, arrivalBins, parameters.ArrivalMinBits, parameters.ArrivalMaxBits, parameters.PrivacyUnitBits);

    /// <summary>M, tasks of the miner.</summary>
    public int Tasks { get; }

    public int ArrivalBins { get; }

    public double ArrivalMinBits { get; }

    public double ArrivalMaxBits { get; }

    /// <summary>d_unit (bits): the observation's unit and the D0 bins' unit.</summary>
    public double PrivacyUnitBits { get; }

    /// <summary>Values of one task's digit: arrival bins times <see cref="BufferedBins"/>.</summary>
    public int DigitsPerTask { get; }

    /// <summary>Number of states: (arrivalBins * 4)^M * 2.</summary>
    public int Count { get; }

    /// <summary>The D1 bin of <paramref name="arrivedBits"/>.</summary>
    public int ArrivalBin(double arrivedBits)
    {
        double width = (ArrivalMaxBits - ArrivalMinBits) / ArrivalBins;
        return width > 0 ? Math.Clamp((int)((arrivedBits - ArrivalMinBits) / width), 0, ArrivalBins - 1) : 0;
    }

    /// <summary>The D0 bin of <paramref name="bufferedBits"/>.</summary>
    public int BufferedBin(double bufferedBits)
    {
        double units = bufferedBits / PrivacyUnitBits;
        return units <= 0 ? 0 : units <= 0.5 ? 1 : units <= 1.5 ? 2 : 3;
    }

    /// <summary>The representative D0 (bits) of D0 bin <paramref name="bin"/>: 0, d_unit/4, d_unit, 2 d_unit.</summary>
    public double BufferedRepresentativeBits(int bin) => bin switch
    {
        0 => 0,
        1 => 0.25 * PrivacyUnitBits,
        2 => PrivacyUnitBits,
        3 => 2 * PrivacyUnitBits,
        _ => throw new ArgumentOutOfRangeException(nameof(bin), bin, "D0 bins are 0..3"),
    };

    /// <summary>
    /// Point <paramref name="point"/> of <paramref name="points"/> in D1 bin <paramref name="bin"/>: the midpoint of the
    /// point-th of <paramref name="points"/> equal sub-intervals (bits). Every point has weight 1 / points.
    /// </summary>
    public double ArrivalQuadratureBits(int bin, int point, int points)
    {
        double width = (ArrivalMaxBits - ArrivalMinBits) / ArrivalBins;
        return ArrivalMinBits + ((bin + ((point + 0.5) / points)) * width);
    }

    /// <summary>The state of a single miner's observation block (D1 in d_unit, D0 in d_unit, g), as the environment writes it.</summary>
    public int FromObservation(ReadOnlySpan<double> observation)
    {
        int state = 0;
        for (int m = 0; m < Tasks; m++)
        {
            int b1 = ArrivalBin(observation[m] * PrivacyUnitBits);
            int b0 = BufferedBin(observation[Tasks + m] * PrivacyUnitBits);
            state = (state * DigitsPerTask) + (b1 * BufferedBins) + b0;
        }

        return (state * 2) + (observation[2 * Tasks] >= 0.5 ? 1 : 0);
    }

    /// <summary>Composes a state from per-task bins and the channel.</summary>
    public int Compose(ReadOnlySpan<int> arrivalBins, ReadOnlySpan<int> bufferedBins, bool channelGood)
    {
        int state = 0;
        for (int m = 0; m < Tasks; m++)
        {
            state = (state * DigitsPerTask) + (arrivalBins[m] * BufferedBins) + bufferedBins[m];
        }

        return (state * 2) + (channelGood ? 1 : 0);
    }

    /// <summary>Splits <paramref name="state"/> into per-task bins; returns the channel.</summary>
    public bool Decompose(int state, Span<int> arrivalBins, Span<int> bufferedBins)
    {
        bool good = (state & 1) == 1;
        int rest = state >> 1;
        for (int m = Tasks - 1; m >= 0; m--)
        {
            int digit = rest % DigitsPerTask;
            rest /= DigitsPerTask;
            arrivalBins[m] = digit / BufferedBins;
            bufferedBins[m] = digit % BufferedBins;
        }

        return good;
    }

    /// <summary>
    /// The post-decision part of a state: its D0 bins and a channel, as one integer in [0, 4^M * 2) (what the slot's
    /// action fixed before nature draws the next arrivals).
    /// </summary>
    public int BufferedPart(int state, bool channelGood)
    {
        int rest = state >> 1;
        int part = 0;
        int scale = 1;
        for (int m = Tasks - 1; m >= 0; m--)
        {
            int digit = rest % DigitsPerTask;
            rest /= DigitsPerTask;
            part += digit % BufferedBins * scale;
            scale *= BufferedBins;
        }

        return (part * 2) + (channelGood ? 1 : 0);
    }

    /// <summary>Number of values of <see cref="BufferedPart"/>: 4^M * 2.</summary>
    public int BufferedPartCount => (int)Math.Pow(BufferedBins, Tasks) * 2;

    /// <summary>Writes the bin definition (for model files).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Tasks);
        writer.Write(ArrivalBins);
        writer.Write(ArrivalMinBits);
        writer.Write(ArrivalMaxBits);
        writer.Write(PrivacyUnitBits);
    }

    /// <summary>Reads a bin definition written by <see cref="Write"/>.</summary>
    public static PrivacyStateSpace Read(BinaryReader reader)
    {
        int tasks = reader.ReadInt32();
        int bins = reader.ReadInt32();
        double low = reader.ReadDouble(), high = reader.ReadDouble(), unit = reader.ReadDouble();
        if (tasks is < 1 or > MaxTasks || bins is < 1 or > 1000 || !(unit > 0))
        {
            throw new InvalidDataException("the model's state discretisation is malformed");
        }

        return new PrivacyStateSpace(tasks, bins, low, high, unit);
    }
}
