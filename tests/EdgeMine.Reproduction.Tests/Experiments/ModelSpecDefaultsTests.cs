using System.Globalization;
using System.Text.RegularExpressions;
using EdgeMine.Experiments;
using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;
using EdgeMine.Privacy;
using EdgeMine.Schemes;

namespace EdgeMine.Tests.Experiments;

/// <summary>
/// Every default MODEL.md states (the learners' hyper-parameters and schedule, the baselines', the experiments' sizes and
/// the paper's reported numbers), read from MODEL.md's text and compared with the value the code uses. A change to either
/// side alone fails here; the presets' constants are pinned the same way by PresetTests.
/// </summary>
public sealed partial class ModelSpecDefaultsTests
{
    private static readonly string Spec = Whitespace().Replace(File.ReadAllText(Repository.File("docs/MODEL.md")), " ");

    /// <summary>The numbers MODEL.md gives where <paramref name="pattern"/> matches (its groups, in order; "1,000" reads 1000).</summary>
    private static double[] Stated(string pattern)
    {
        var match = Regex.Match(Spec, pattern);
        Assert.True(match.Success, $"MODEL.md no longer says anything matching /{pattern}/: update this test with it");
        return match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Rlo_LearningRateDiscountAndArrivalBins()
    {
        var stated = Stated(@"RLO \[Alg\. 1\].*?`d1_bins = (\d+)`.*?learning rate ([\d.]+), discount ([\d.]+), the same epsilon schedule as DRLO");
        var options = new QLearningOptions();
        Assert.Equal(stated, new double[] { options.ArrivalBins, options.LearningRate, options.Discount });
    }

    [Fact]
    public void PaperDrlo_NetworkReplayBatchAndDiscount()
    {
        var stated = Stated(@"two hidden layers of (\d+) and (\d+) ReLU units, discount ([\d.]+), replay capacity (\d+e\d+), batch (\d+)");
        var paper = SystemDqnOptions.Paper;
        Assert.Equal(stated, new double[] { paper.HiddenSizes[0], paper.HiddenSizes[1], Math.Round(paper.Discount, 6), paper.ReplayCapacity, paper.BatchSize });
        Assert.Equal(2, paper.HiddenSizes.Count);
        Assert.Equal(DqnLoss.Mse, paper.Loss); // loss (y - Q)^2 [eq. 17]
        Assert.Equal(DqnHead.Joint, paper.Head);
        Assert.Equal(SystemDqnOptions.JointActionLimit, Stated(@"`2\^\(N\*M\) <= (\d+)`")[0]);
    }

    [Fact]
    public void PaperDrlo_TheChoicesOfSectionNine()
    {
        var stated = Stated(@"Adam, learning rate (1e-\d), epsilon ([\d.]+) -> ([\d.]+) linearly over the first (\d+)% of training, target network copied every (\d+) updates, one update per slot once ([\d,]+) transitions are stored, gradient-norm clipping at (\d+)");
        var paper = SystemDqnOptions.Paper;
        var schedule = new TrainingOptions { Slots = 1, Seed = 1 }.Epsilon; // the one schedule RLO and DRLO train with
        Assert.Equal(
            stated,
            new double[] { Math.Round(paper.LearningRate, 9), schedule.Start, schedule.End, schedule.DecayFraction * 100, paper.TargetSyncInterval, paper.LearningStarts, paper.GradientClipNorm });
        Assert.Equal(1, paper.UpdatesPerSlot);
    }

    [Fact]
    public void EpsilonSchedule_FallsLinearlyOverTheFirstFifthThenStays()
    {
        // 1.0 -> 0.01 over the first 20% of 10,000 slots: slot 1,000 is half-way, 1 - 0.99 / 2 = 0.505.
        var schedule = new EpsilonSchedule();
        Approx.Equal(1.0, schedule.At(0, 10_000));
        Approx.Equal(0.505, schedule.At(1_000, 10_000), relative: 1e-12);
        Approx.Equal(0.01, schedule.At(2_000, 10_000), relative: 1e-12);
        Approx.Equal(0.01, schedule.At(9_999, 10_000), relative: 1e-12);
        Approx.Equal(1 - (0.99 * 500 / 2_000), schedule.At(500, 10_000), relative: 1e-12);
    }

    [Fact]
    public void RlPrivacy_RatesPlanningAndHotBoot()
    {
        var rates = Regex.Match(Spec, @"offloading rates `\{([^}]*)\}`");
        Assert.True(rates.Success);
        var options = new RlPrivacyOptions();
        Assert.Equal(rates.Groups[1].Value.Split(", ").Select(r => double.Parse(r, CultureInfo.InvariantCulture)), options.Rates);
        Assert.Equal(Stated(@"\((\d+) simulated updates per real step\)")[0], options.PlanningSteps);
        Assert.Equal(Stated(@"pre-trained on ([\d,]+) slots")[0], options.HotBootSlots);
        Assert.True(options.UseDyna && options.UsePostDecisionStates && options.UseHotBoot);
        Assert.Equal([new QLearningOptions().LearningRate, new QLearningOptions().Discount], new[] { options.LearningRate, options.Discount });
    }

    [Fact]
    public void Cmdp_PrivacyFloorFraction() =>
        Assert.Equal(Stated(@"`P_min = ([\d.]+) \*`")[0], new CmdpOptions().PrivacyFraction);

    [Fact]
    public void Experiments_TrainingSlotsRunsAndSettings()
    {
        var stated = Stated(@"Training `T = ([\d,]+)` slots; evaluation averaged over (\d+) runs");
        var paper = ReproductionSizes.Paper;
        Assert.Equal(stated, new double[] { paper.TrainingSlots, paper.EvaluationRuns });

        var tasks = Stated(@"single miner `N = 1`, `M = (\d+)\.\.(\d+)`");
        Assert.Equal(Enumerable.Range((int)tasks[0], (int)(tasks[1] - tasks[0] + 1)), paper.SingleMinerTasks);
        Assert.Equal(Stated(@"Tables II-III: `N = (\d+), (\d+)`, `M = 2`"), paper.MultiMiners.Select(n => (double)n));
        var arrivals = Stated(@"arrival size `d = (\d+), (\d+), \.\.\., (\d+)` kbit");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => arrivals[0] + (i * (arrivals[1] - arrivals[0]))), paper.ArrivalKbits);
        Assert.Equal(arrivals[2], paper.ArrivalKbits[^1]);
    }

    [Fact]
    public void PaperNumbers_Fig4Fig6AndFig7()
    {
        var fig4 = Stated(@"stabilise after about ([\d,]+) slots; DRLO converges to about ([\d.]+) \(beta 0\.5, ([\d.]+)% above RLO's [\d.]+\) and about ([\d.]+) \(beta 0\.8, ([\d.]+)% above RLO\)");
        Assert.Equal(Fig4LearningCurves.StabilisedAfterSlots, fig4[0]);
        Assert.Equal((fig4[1], fig4[2]), (Fig4LearningCurves.PaperCurves[0].DrloReward, Fig4LearningCurves.PaperCurves[0].PercentAboveRlo));
        Assert.Equal((fig4[3], fig4[4]), (Fig4LearningCurves.PaperCurves[1].DrloReward, Fig4LearningCurves.PaperCurves[1].PercentAboveRlo));

        var fig6 = Stated(@"at beta 0\.8, M = 12, DRLO cost is ([\d.]+)%, ([\d.]+)%, ([\d.]+)% below RLO, EO, NO");
        Assert.Equal(fig6, SingleMinerFigures.Fig6CostReductionPercent.Select(r => r.Percent));
        Assert.Equal(
            [ReproductionSchemes.Rlo, BaselineScheme.Always, BaselineScheme.Never],
            SingleMinerFigures.Fig6CostReductionPercent.Select(r => r.Scheme));
        var fig5 = Stated(@"NO costs most \((\d+) at M = 12, beta 0\.5\), EO rises from (\d+) to (\d+), RLO reaches (\d+); DRLO lowest");
        Assert.Equal(
            fig5,
            new double[] { SingleMinerFigures.NeverOffloadCostAtLargestM, SingleMinerFigures.AlwaysOffloadCostFirst, SingleMinerFigures.AlwaysOffloadCostLast, SingleMinerFigures.RloCostAtLargestM });

        var fig7 = Stated(@"DRLO ([\d.]+)% / ([\d.]+)% above them at (\d+) kbit, ([\d.]+)% / ([\d.]+)% at (\d+) kbit");
        Assert.Equal(fig7, Fig7Privacy.PaperClaims.SelectMany(c => new[] { c.PercentAboveRlPrivacy, c.PercentAboveCmdp, c.ArrivalKbit }));
    }

    [Fact]
    public void PaperNumbers_TablesTwoAndThree()
    {
        var names = new Dictionary<string, Scheme>
        {
            ["DRLO"] = ReproductionSchemes.DrloPaper, ["RLO"] = ReproductionSchemes.Rlo, ["EO"] = BaselineScheme.Always, ["NO"] = BaselineScheme.Never,
        };
        var rows = TableRow().Matches(Spec);
        Assert.Equal(8, rows.Count);
        foreach (Match row in rows)
        {
            double Cell(int i) => double.Parse(row.Groups[i].Value, CultureInfo.InvariantCulture);
            double beta = Cell(1);
            var scheme = names[row.Groups[2].Value];
            foreach (var (miners, offset) in new[] { (5, 0), (10, 1) })
            {
                var code = Assert.Single(MultiMinerTables.PaperRows, p => p.Beta == beta && p.Scheme == scheme && p.Miners == miners);
                Assert.Equal((Cell(3 + offset), Cell(5 + offset), Cell(7 + offset)), (code.PowerWatts, code.LatencyMs, code.Cost));
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\| (0\.[58]) \| (DRLO|RLO|EO|NO) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|")]
    private static partial Regex TableRow();
}
