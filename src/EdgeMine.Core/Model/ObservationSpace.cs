using System.Globalization;

namespace EdgeMine.Model;

/// <summary>The observation vector's shape and bounds (the table in <see cref="MiningEnvironment"/>).</summary>
public sealed class ObservationSpace
{
    public ObservationSpace(int miners, int tasksPerMiner, bool extended)
    {
        Miners = miners;
        TasksPerMiner = tasksPerMiner;
        Extended = extended;
        PerMiner = (2 * tasksPerMiner) + 1;
        Dimension = (miners * PerMiner) + (extended ? 1 : 0);
        var names = new List<string>(Dimension);
        for (int n = 0; n < miners; n++)
        {
            for (int m = 0; m < tasksPerMiner; m++)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"d1[{n},{m}]"));
            }

            for (int m = 0; m < tasksPerMiner; m++)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"d0[{n},{m}]"));
            }

            names.Add(string.Create(CultureInfo.InvariantCulture, $"g[{n}]"));
        }

        if (extended)
        {
            names.Add("backlog");
        }

        Names = names;
    }

    public int Miners { get; }

    public int TasksPerMiner { get; }

    public bool Extended { get; }

    /// <summary>Values per miner block: 2M + 1.</summary>
    public int PerMiner { get; }

    /// <summary>Length of the observation vector.</summary>
    public int Dimension { get; }

    /// <summary>A short name per index: d1[n,m], d0[n,m], g[n], backlog.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Lower bound of every component: 0.</summary>
    public double Low(int index) => 0;

    /// <summary>Upper bound of a component: 1 for channel states, unbounded for data and backlog.</summary>
    public double High(int index) =>
        index < Miners * PerMiner && index % PerMiner == PerMiner - 1 ? 1 : double.PositiveInfinity;

    /// <summary>Index of the first value of miner <paramref name="miner"/>'s block.</summary>
    public int BlockStart(int miner) => miner * PerMiner;
}
