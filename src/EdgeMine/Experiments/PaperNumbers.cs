namespace EdgeMine.Experiments;

/// <summary>One row of the paper's Tables II-III: a scheme at beta and N (M = 2), as the paper prints it.</summary>
public sealed record PaperTableRow(double Beta, string Scheme, int Miners, double PowerWatts, double LatencyMs, double Cost);

/// <summary>The paper's Fig. 4 statement at one beta: DRLO's converged reward and its margin over RLO (percent).</summary>
public sealed record PaperCurveClaim(double Beta, double DrloReward, double PercentAboveRlo)
{
    /// <summary>RLO's converged reward implied by the two numbers (the paper states it only for beta 0.5: 4).</summary>
    public double RloReward => DrloReward / (1 + (PercentAboveRlo / 100));
}

/// <summary>The paper's Fig. 7 statement at one arrival size: DRLO's privacy above RL-privacy [29] and CMDP [28] (percent).</summary>
public sealed record PaperPrivacyClaim(double ArrivalKbit, double PercentAboveRlPrivacy, double PercentAboveCmdp);

/// <summary>
/// The numbers the paper reports (Nguyen et al., IEEE TNSM 2020, Sec. IV), as MODEL.md section 8 lists them. The paper
/// swaps the names of [28] and [29] in one sentence; MODEL.md's mapping (CMDP = [28], RL-privacy = [29]) is used here.
/// </summary>
public static class PaperNumbers
{
    /// <summary>Paper's training length (slots) and evaluation runs.</summary>
    public const long TrainingSlots = 10_000;

    public const int EvaluationRuns = 50;

    /// <summary>Tables II (beta 0.5) and III (beta 0.8): power (W), latency (ms), cost, for N = 5 and 10.</summary>
    public static IReadOnlyList<PaperTableRow> Tables { get; } =
    [
        new(0.5, "drlo", 5, 3.5, 32.6, 19.8), new(0.5, "drlo", 10, 6.9, 55.8, 34.8),
        new(0.5, "rlo", 5, 4.2, 35.3, 21.9), new(0.5, "rlo", 10, 8.6, 63.2, 40.2),
        new(0.5, "eo", 5, 6.2, 53.2, 32.8), new(0.5, "eo", 10, 14.3, 94.6, 53.5),
        new(0.5, "no", 5, 4.5, 39.7, 24.6), new(0.5, "no", 10, 9.1, 75.4, 46.8),
        new(0.8, "drlo", 5, 3.3, 55.9, 13.8), new(0.8, "drlo", 10, 6.5, 90.7, 23.3),
        new(0.8, "rlo", 5, 3.9, 59.1, 14.9), new(0.8, "rlo", 10, 8.3, 98.5, 26.3),
        new(0.8, "eo", 5, 6.0, 82.2, 21.2), new(0.8, "eo", 10, 13.9, 163.8, 35.6),
        new(0.8, "no", 5, 4.2, 66.3, 16.6), new(0.8, "no", 10, 8.5, 116.7, 30.1),
    ];

    /// <summary>The paper's N values of Tables II-III.</summary>
    public static IReadOnlyList<int> TableMiners { get; } = [5, 10];

    /// <summary>The ranking the tables show in every column: DRLO &lt; RLO &lt; NO &lt; EO.</summary>
    public static IReadOnlyList<string> TableRanking { get; } = ["drlo", "rlo", "no", "eo"];

    /// <summary>The paper's row for a scheme at beta and N, or null (schemes and N the paper does not report).</summary>
    public static PaperTableRow? Table(double beta, string scheme, int miners) =>
        Tables.FirstOrDefault(r => r.Beta == beta && r.Scheme == scheme && r.Miners == miners);

    /// <summary>Fig. 4: both curves stabilise after about 2,500 slots; DRLO about 4.5 (beta 0.5) and 5 (beta 0.8).</summary>
    public static IReadOnlyList<PaperCurveClaim> Curves { get; } = [new(0.5, 4.5, 12.5), new(0.8, 5.0, 16.3)];

    /// <summary>Fig. 4: slot after which both learning curves are stable.</summary>
    public const long StabilisedAfterSlots = 2_500;

    /// <summary>Figs. 5-6: the largest M of the paper's single-miner sweep (M = 2..12).</summary>
    public const int LargestTasks = 12;

    /// <summary>Fig. 5 (beta 0.5): NO's cost at M = 12, the highest of all schemes.</summary>
    public const double NeverOffloadCostAtLargestM = 36;

    /// <summary>Fig. 5 (beta 0.5): EO's cost rises from 15 (M = 2) to 30 (M = 12).</summary>
    public const double AlwaysOffloadCostFirst = 15;

    public const double AlwaysOffloadCostLast = 30;

    /// <summary>Fig. 5 (beta 0.5): RLO's cost reaches 9 at M = 12.</summary>
    public const double RloCostAtLargestM = 9;

    /// <summary>Fig. 6 (beta 0.8, M = 12): DRLO's cost below RLO, EO and NO, in percent of theirs.</summary>
    public static IReadOnlyDictionary<string, double> Fig6CostReductionPercent { get; } =
        new Dictionary<string, double> { ["rlo"] = 18.7, ["eo"] = 57, ["no"] = 65 };

    /// <summary>Fig. 7 (N = 1, M = 1, beta 0.5): DRLO's privacy above RL-privacy [29] and CMDP [28].</summary>
    public static IReadOnlyList<PaperPrivacyClaim> Privacy { get; } = [new(10, 5.2, 12.7), new(100, 5.5, 13.4)];
}
