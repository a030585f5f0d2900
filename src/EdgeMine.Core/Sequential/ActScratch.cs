using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The buffers one <see cref="MdpOptimalPolicy"/> acts with, so that the solved MDP it shares with other instances (the
/// solution is kept per instance for the process, and sweeps act from several threads) is only read while acting.
/// </summary>
internal sealed class ActScratch
{
    public ActScratch(int tasks)
    {
        Local = new double[tasks];
        Gain = new double[tasks * (tasks + 1)];
        Cycles = new double[tasks];
        Action = new double[tasks];
        Outcomes = new TaskOutcome[tasks];
        OffloadAll = new TaskOutcome[tasks];
    }

    /// <summary>Each task's reward executed locally.</summary>
    public double[] Local { get; }

    /// <summary>Each task's gain given K, at index K M + task.</summary>
    public double[] Gain { get; }

    /// <summary>Each task's offloaded cycles.</summary>
    public double[] Cycles { get; }

    /// <summary>A candidate action.</summary>
    public double[] Action { get; }

    /// <summary>The outcomes of a scored action.</summary>
    public TaskOutcome[] Outcomes { get; }

    /// <summary>The outcomes with every task offloaded.</summary>
    public TaskOutcome[] OffloadAll { get; }

    /// <summary>The grid corners of an interpolation and their weights (2^M for M &lt;= 2 buffers).</summary>
    public int[] Corner { get; } = new int[1 << BufferMdp.MaxTasks];

    /// <inheritdoc cref="Corner"/>
    public double[] CornerWeight { get; } = new double[1 << BufferMdp.MaxTasks];
}
