namespace EdgeMine.Learning.Dqn;

/// <summary>Which features beside a miner's own observation the shared DRLO network sees (<see cref="MinerFeatures"/>).</summary>
public enum MinerFeatureSet
{
    /// <summary>Own observation only (2M + 1 values): the RLO view, the same for every N.</summary>
    Own,

    /// <summary>Own observation and three system-wide values: log N, the MEC backlog and this slot's good-channel task count.</summary>
    Global,

    /// <summary>As <see cref="Global"/>, plus per own task the number of good-channel tasks in the system holding more data.</summary>
    Rank,
}
