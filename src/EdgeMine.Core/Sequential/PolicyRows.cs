namespace EdgeMine.Sequential;

/// <summary>
/// One stationary policy's rows on a grid, for one channel state: per grid point its mean reward and the probabilities
/// of the next grid points (interpolation weights averaged over the arrival samples; they sum to 1). Sparse rows,
/// rebuilt at every greedy backup and reused by the cheap evaluation sweeps of <see cref="RelativeValueIteration"/>.
/// </summary>
internal sealed class PolicyRows
{
    private readonly double[] _dense;
    private readonly bool[] _marked;
    private readonly int[] _touched;
    private int _touchedCount;
    private int[] _index;
    private double[] _weight;
    private readonly int[] _start;

    public PolicyRows(int points)
    {
        Points = points;
        Reward = new double[points];
        _start = new int[points + 1];
        _dense = new double[points];
        _marked = new bool[points];
        _touched = new int[points];
        _index = new int[points * 4];
        _weight = new double[points * 4];
    }

    public int Points { get; }

    /// <summary>Mean reward of the policy's action at each grid point.</summary>
    public double[] Reward { get; }

    /// <summary>Adds <paramref name="weight"/> to next point <paramref name="point"/> of the row being built.</summary>
    public void Add(int point, double weight)
    {
        if (!_marked[point])
        {
            _marked[point] = true;
            _touched[_touchedCount++] = point;
        }

        _dense[point] += weight;
    }

    /// <summary>Ends the row of point <paramref name="point"/> (rows are built in point order) with its mean reward.</summary>
    public void EndRow(int point, double reward)
    {
        Reward[point] = reward;
        int at = _start[point];
        if (_index.Length < at + _touchedCount)
        {
            Array.Resize(ref _index, Math.Max(_index.Length * 2, at + _touchedCount));
            Array.Resize(ref _weight, _index.Length);
        }

        Array.Sort(_touched, 0, _touchedCount);
        for (int k = 0; k < _touchedCount; k++)
        {
            int next = _touched[k];
            _index[at + k] = next;
            _weight[at + k] = _dense[next];
            _dense[next] = 0;
            _marked[next] = false;
        }

        _start[point + 1] = at + _touchedCount;
        _touchedCount = 0;
    }

    /// <summary>Mean reward plus the expected next value of point <paramref name="point"/> under this policy.</summary>
    public double Evaluate(int point, ReadOnlySpan<double> nextValue)
    {
        double sum = Reward[point];
        for (int k = _start[point]; k < _start[point + 1]; k++)
        {
            sum += _weight[k] * nextValue[_index[k]];
        }

        return sum;
    }
}
