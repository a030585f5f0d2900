namespace EdgeMine.Simulation;

/// <summary>
/// One metric of MODEL.md section 6: its key in result files (SI units), its name and unit, how tables and figures show
/// it, and how it is read from a run: either summed from each slot's totals (<see cref="Read"/>), or a base metric's
/// estimate scaled by a factor of the run's shape (<see cref="DerivedFrom"/>, e.g. power = energy / dt). Evaluation,
/// command-line output, CSVs, figures and claims all read the metrics from <see cref="Metrics"/>: adding a metric is
/// one entry there.
/// </summary>
public sealed record Metric
{
    /// <summary>The key in result files and JSON, in SI units: <c>latency_s</c>, <c>energy_j</c>, <c>reward</c>.</summary>
    public required string Key { get; init; }

    /// <summary>What it is, in words: <c>latency, all tasks</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A short name for table headers: <c>latency</c>.</summary>
    public required string ShortName { get; init; }

    /// <summary>The unit it is shown in (<c>ms</c>), empty for unit-free metrics.</summary>
    public string DisplayUnit { get; init; } = "";

    /// <summary>The factor from the stored SI value to <see cref="DisplayUnit"/> (1e3 for s to ms).</summary>
    public double DisplayScale { get; init; } = 1;

    /// <summary>The column of the shown value in CSVs: <c>latency_ms</c>.</summary>
    public required string ColumnKey { get; init; }

    /// <summary>The label of a figure's axis.</summary>
    public required string Axis { get; init; }

    /// <summary>Console format of the shown value (e.g. <c>F4</c>).</summary>
    public string Format { get; init; } = "F4";

    /// <summary>Reads the metric from a slot's totals; null for a derived metric.</summary>
    public SlotReader? Read { get; init; }

    /// <summary>The base metric of a derived one, whose estimate is scaled by <see cref="Factor"/>.</summary>
    public Metric? DerivedFrom { get; init; }

    /// <summary>The scale from the base metric, given the run's shape (tasks N M and slot length dt).</summary>
    public Func<RunShape, double>? Factor { get; init; }

    /// <summary>The metric whose per-run values are stored: this one, or the one it is derived from.</summary>
    public Metric Stored => DerivedFrom ?? this;

    /// <summary>The factor from <see cref="Stored"/>'s SI value to this metric's shown value, for a run of shape <paramref name="shape"/>.</summary>
    public double ShownScale(RunShape shape) => (Factor?.Invoke(shape) ?? 1) * DisplayScale;

    /// <summary>"latency (ms)", "cost": the short name with the unit shown.</summary>
    public string Header => DisplayUnit.Length == 0 ? ShortName : $"{ShortName} ({DisplayUnit})";

    public sealed override string ToString() => Key;
}
