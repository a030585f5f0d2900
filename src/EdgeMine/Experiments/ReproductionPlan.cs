using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Experiments;

/// <summary>
/// One point of an experiment: N, M, beta and, for Fig. 7, the arrival size d (kbit per slot, D1 ~ U[0.5 d, 1.5 d]).
/// </summary>
public sealed record Setting(int Miners, int Tasks, double Beta, double? ArrivalKbit = null)
{
    /// <summary>A stable name, used in file names and seeds: <c>n5-m2-b0.5</c>, <c>n1-m1-b0.5-d40</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => string.Create(
        CultureInfo.InvariantCulture,
        $"n{Miners}-m{Tasks}-b{Beta}{(ArrivalKbit is { } d ? $"-d{d}" : "")}");

    /// <summary>The preset with this setting's arrival bounds (MODEL.md section 8, Fig. 7).</summary>
    public ModelParameters Apply(ModelParameters preset) =>
        ArrivalKbit is { } d ? preset with { ArrivalMinBits = 0.5 * d * 1e3, ArrivalMaxBits = 1.5 * d * 1e3 } : preset;

    [System.Text.Json.Serialization.JsonIgnore]
    public EnvironmentSettings Environment => new() { Miners = Miners, TasksPerMiner = Tasks, Beta = Beta };
}

/// <summary>One experiment of MODEL.md section 8: its settings and the schemes compared at each.</summary>
public sealed record ExperimentPlan(string Name, string Title, IReadOnlyList<Setting> Settings, IReadOnlyList<Scheme> Schemes);

/// <summary>Sizes of a reproduction: the paper's (default) or the quick ones for tests and a first look.</summary>
public sealed record ReproductionSizes
{
    /// <summary>Training slots per learner (paper: 10,000).</summary>
    public required long TrainingSlots { get; init; }

    /// <summary>Evaluation runs per scheme and setting (paper: 50).</summary>
    public required int EvaluationRuns { get; init; }

    /// <summary>Slots per evaluation run (not given by the paper).</summary>
    public required long EvaluationSlots { get; init; }

    /// <summary>M values of Figs. 5-6 (paper: 2..12).</summary>
    public required IReadOnlyList<int> SingleMinerTasks { get; init; }

    /// <summary>N values of Tables II-III (paper: 5 and 10).</summary>
    public required IReadOnlyList<int> MultiMiners { get; init; }

    /// <summary>Arrival sizes d of Fig. 7 (kbit; paper: 10..100).</summary>
    public required IReadOnlyList<double> ArrivalKbits { get; init; }

    public static ReproductionSizes Paper { get; } = new()
    {
        TrainingSlots = 10_000,
        EvaluationRuns = 50,
        EvaluationSlots = 1_000,
        SingleMinerTasks = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        MultiMiners = [5, 10],
        ArrivalKbits = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    };

    public static ReproductionSizes Quick { get; } = new()
    {
        // Past DRLO's 1,000 warm-up transitions, so that the quick run's learners do learn a little.
        TrainingSlots = 1_500,
        EvaluationRuns = 4,
        EvaluationSlots = 100,
        SingleMinerTasks = [2, 4],
        MultiMiners = [2, 3],
        ArrivalKbits = [10, 50, 100],
    };
}

/// <summary>The experiments of the paper's Section IV, as MODEL.md section 8 defines them.</summary>
public static class ReproductionPlan
{
    /// <summary>Experiment names accepted by <c>--only</c>, in report order.</summary>
    public static IReadOnlyList<string> ExperimentNames { get; } = ["fig4", "fig5", "fig6", "table2", "table3", "fig7"];

    private static readonly Scheme[] Comparison =
        [Scheme.Drlo, Scheme.DrloPaper, Scheme.Rlo, Scheme.AlwaysOffload, Scheme.NeverOffload, Scheme.Random, Scheme.Optimal];

    /// <summary>The plans of the experiments in <paramref name="only"/> (all when empty).</summary>
    public static IReadOnlyList<ExperimentPlan> Build(ReproductionSizes sizes, IReadOnlyCollection<string> only)
    {
        var plans = new List<ExperimentPlan>();
        bool Wanted(string name) => only.Count == 0 || only.Contains(name);
        int multi = sizes.MultiMiners[0];
        if (Wanted("fig4"))
        {
            // Learning curves: the multi-user setting of Table II, so that the curves and the table share their training.
            plans.Add(new ExperimentPlan("fig4", "Fig. 4: learning curves",
                [new Setting(multi, 2, 0.5), new Setting(multi, 2, 0.8)],
                [Scheme.Drlo, Scheme.DrloPaper, Scheme.Rlo, Scheme.Random, Scheme.Optimal]));
        }

        if (Wanted("fig5"))
        {
            plans.Add(new ExperimentPlan("fig5", "Fig. 5: single miner, beta = 0.5", sizes.SingleMinerTasks.Select(m => new Setting(1, m, 0.5)).ToArray(), Comparison));
        }

        if (Wanted("fig6"))
        {
            plans.Add(new ExperimentPlan("fig6", "Fig. 6: single miner, beta = 0.8", sizes.SingleMinerTasks.Select(m => new Setting(1, m, 0.8)).ToArray(), Comparison));
        }

        if (Wanted("table2"))
        {
            plans.Add(new ExperimentPlan("table2", "Table II: multiple miners, beta = 0.5", sizes.MultiMiners.Select(n => new Setting(n, 2, 0.5)).ToArray(), Comparison));
        }

        if (Wanted("table3"))
        {
            plans.Add(new ExperimentPlan("table3", "Table III: multiple miners, beta = 0.8", sizes.MultiMiners.Select(n => new Setting(n, 2, 0.8)).ToArray(), Comparison));
        }

        if (Wanted("fig7"))
        {
            plans.Add(new ExperimentPlan("fig7", "Fig. 7: privacy level vs arrival size",
                sizes.ArrivalKbits.Select(d => new Setting(1, 1, 0.5, d)).ToArray(),
                [Scheme.Drlo, Scheme.RlPrivacy, Scheme.Cmdp, Scheme.Random, Scheme.Optimal]));
        }

        return plans;
    }

    /// <summary>Parses <c>--only</c>: comma-separated experiment names; errors name the unknown one.</summary>
    public static IReadOnlyCollection<string> ParseOnly(string? only)
    {
        if (string.IsNullOrWhiteSpace(only))
        {
            return [];
        }

        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in names)
        {
            if (!ExperimentNames.Contains(name))
            {
                throw new ConfigurationException($"--only {only}: unknown experiment '{name}'; allowed: {string.Join(", ", ExperimentNames)}");
            }
        }

        return names.ToHashSet();
    }
}
