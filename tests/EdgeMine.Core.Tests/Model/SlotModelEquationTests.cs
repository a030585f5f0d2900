using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>
/// One small hand-worked case per equation of MODEL.md section 5. Every expected value is derived from the equations
/// in the comment next to it. Calibrated preset: F = 1e10 Hz, t_local = 4.75e-7 s/bit, e_local = 3.25e-7 J/bit,
/// X = 1000, gamma = 1e-26 with f in GHz, P_circuit = 0.05 W, P_tx = 0.5 W, rate_good = 1e7, rate_bad = 2e6, eps = 1,
/// lambda = 0.5, d_unit = 1e5, e_unit = 0.0325, l_unit = 0.0475. Paper-literal: X = 18000, f in Hz, d_unit = 1e3,
/// e_unit = l_unit = 1.
/// </summary>
public class SlotModelEquationTests
{
    private static readonly ModelParameters Calibrated = Presets.Calibrated;
    private static readonly ModelParameters PaperLiteral = Presets.PaperLiteral;

    private static (TaskOutcome[] Outcomes, SlotMetrics Metrics) Evaluate(
        ModelParameters p, int miners, int tasksPerMiner, double beta, bool[] good, double[] d0, double[] d1, double backlog, double[] x)
    {
        var model = new SlotModel(p, miners, tasksPerMiner, beta);
        var outcomes = new TaskOutcome[miners * tasksPerMiner];
        var metrics = model.Evaluate(d0, d1, good, backlog, x, outcomes);
        return (outcomes, metrics);
    }

    /// <summary>One miner, one task, calibrated: D0 = 20 kbit, D1 = 80 kbit, Q = 0, beta = 0.5.</summary>
    private static (TaskOutcome Outcome, SlotMetrics Metrics) Single(ModelParameters p, bool good, double x, double beta = 0.5, double d0 = 20e3, double d1 = 80e3, double backlog = 0)
    {
        var (outcomes, metrics) = Evaluate(p, 1, 1, beta, [good], [d0], [d1], backlog, [x]);
        return (outcomes[0], metrics);
    }

    [Fact]
    public void Evaluate_OffloadUnderGoodChannel_UploadsAtRateGood()
    {
        var (o, _) = Single(Calibrated, good: true, x: 1);
        Approx.Equal(100e3, o.ServedOffloadBits, "Do");           // x D = 1 * (20e3 + 80e3)
        Approx.Equal(0, o.ServedLocalBits, "Dl");                   // (1 - x) D = 0
        Approx.Equal(0.01, o.UploadSeconds, "Lu");                  // eq. 2: 1e5 / 1e7
    }

    [Fact]
    public void Evaluate_OffloadUnderBadChannel_UploadsAtRateBad()
    {
        var (o, _) = Single(Calibrated, good: false, x: 1);
        Approx.Equal(0.05, o.UploadSeconds, "Lu");                  // eq. 2: 1e5 / 2e6
        Approx.Equal(0.01, o.ProcessingSeconds, "Lp");              // eq. 4: 1e5 * 1000 / 1e10
        Approx.Equal(0.06, o.OffloadLatencySeconds, "Lo");          // eq. 1: 0.05 + 0.01 + 0
        Approx.Equal(0.025 + 1e-25, o.OffloadEnergyJoules, "Eo");   // eq. 5: 0.5 * 0.05 + 1e-26 * 10^3 * 0.01
    }

    [Fact]
    public void Evaluate_SingleOffloadedTask_GetsTheWholeMecAndNoQueue()
    {
        var (o, m) = Single(Calibrated, good: true, x: 1);
        Assert.Equal(1, m.OffloadedTasks);                          // K = 1
        Approx.Equal(0.01, o.ProcessingSeconds, "Lp");              // eq. 4 with f = F / 1: 1e5 * 1000 / 1e10
        Approx.Equal(0, o.QueuingSeconds, "Lq");                    // eq. 3: Q / F = 0 / 1e10
        Approx.Equal(0.02, o.OffloadLatencySeconds, "Lo");          // eq. 1: 0.01 + 0.01 + 0
        Approx.Equal(0.02, o.LatencySeconds, "L");                  // max(0.02, 0)
        Approx.Equal(0.005 + 1e-25, o.OffloadEnergyJoules, "Eo");   // eq. 5: 0.5 * 0.01 + 1e-26 * (10 GHz)^3 * 0.01 + 0.05 * 0
        Approx.Equal(0.005 + 1e-25, o.EnergyJoules, "E");           // Eo + El, El = 0
    }

    [Fact]
    public void Evaluate_TwoOffloadedTasks_ShareTheMecCapacityEqually()
    {
        // N = 1, M = 2, good channel, D = 100 kbit and 50 kbit, both offloaded: K = 2, f = 1e10 / 2 = 5e9.
        var (o, m) = Evaluate(Calibrated, 1, 2, 0.5, [true], [0, 0], [100e3, 50e3], 0, [1, 1]);
        Assert.Equal(2, m.OffloadedTasks);
        Approx.Equal(0.02, o[0].ProcessingSeconds, "Lp task 0");    // 1e5 * 1000 / 5e9
        Approx.Equal(0.01, o[1].ProcessingSeconds, "Lp task 1");    // 5e4 * 1000 / 5e9
        Approx.Equal(0.005, o[1].UploadSeconds, "Lu task 1");       // 5e4 / 1e7
        // eq. 5: 0.5 * 0.005 + 1e-26 * (5 GHz)^3 * 0.01 = 0.0025 + 1.25e-24 * 0.01
        Approx.Equal(0.0025 + 1.25e-26, o[1].OffloadEnergyJoules, "Eo task 1");
    }

    [Fact]
    public void Evaluate_BacklogAhead_AddsQueuingDelayOfBacklogOverCapacity()
    {
        // Q = 2e9 cycles: Lq = 2e9 / 1e10 = 0.2 s [eq. 3].
        var (o, _) = Single(Calibrated, good: true, x: 1, backlog: 2e9);
        Approx.Equal(0.2, o.QueuingSeconds, "Lq");
        Approx.Equal(0.22, o.OffloadLatencySeconds, "Lo");          // eq. 1: 0.01 + 0.01 + 0.2
        Approx.Equal(0.015 + 1e-25, o.OffloadEnergyJoules, "Eo");   // eq. 5: 0.5 * 0.01 + 1e-23 * 0.01 + 0.05 * 0.2
    }

    [Fact]
    public void Evaluate_CalibratedPreset_MecPowerIsGammaTimesFrequencyInGigahertzCubed()
    {
        // gamma = 1 so that the term dominates: f = 1e10 Hz = 10 GHz, gamma f^3 = 1 * 10^3 = 1000 W.
        var p = Calibrated with { MecEnergyCoefficient = 1 };
        var (o, _) = Single(p, good: true, x: 1);
        Approx.Equal(0.005 + 10, o.OffloadEnergyJoules, "Eo");      // eq. 5: 0.5 * 0.01 + 1000 * 0.01
    }

    [Fact]
    public void Evaluate_PaperLiteral_MecPowerIsGammaTimesFrequencyInHertzCubed()
    {
        // Paper-literal: D0 = 0, D1 = 1000 bit, good, x = 1, beta = 0.5.
        var (o, m) = Single(PaperLiteral, good: true, x: 1, d0: 0, d1: 1000);
        Approx.Equal(1e-4, o.UploadSeconds, "Lu");                  // 1000 / 1e7
        Approx.Equal(1.8e-3, o.ProcessingSeconds, "Lp");            // 1000 * 18000 / 1e10
        Approx.Equal(1.9e-3, o.OffloadLatencySeconds, "Lo");        // 1e-4 + 1.8e-3 + 0
        Approx.Equal(18.00005, o.OffloadEnergyJoules, "Eo");        // 0.5 * 1e-4 + 1e-26 * (1e10)^3 * 1.8e-3 = 5e-5 + 1e4 * 1.8e-3
        Approx.Equal(1, o.UsagePrivacy, "Pu");                      // eq. 8: |0 - 1000| / 1e3
        Approx.Equal(9.000975, o.Cost, "C");                        // eq. 14: 0.5 * 18.00005 / 1 + 0.5 * 1.9e-3 / 1
        Approx.Equal(1 - 9.000975, m.Reward, "r");                  // eq. 18: P - C
    }

    [Fact]
    public void Evaluate_PaperLiteral_TwoTasksSharingMec_PowerFallsWithCubeOfShare()
    {
        // K = 2: f = 5e9 Hz, gamma f^3 = 1e-26 * 1.25e29 = 1250 W; Lp = 1000 * 18000 / 5e9 = 3.6e-3 s.
        var (o, _) = Evaluate(PaperLiteral, 1, 2, 0.5, [true], [0, 0], [1000, 1000], 0, [1, 1]);
        Approx.Equal(3.6e-3, o[1].ProcessingSeconds, "Lp");
        Approx.Equal(4.50005, o[1].OffloadEnergyJoules, "Eo");      // 0.5 * 1e-4 + 1250 * 3.6e-3 = 5e-5 + 4.5
    }

    [Fact]
    public void Evaluate_LocalExecution_CostsTimeAndEnergyPerBit()
    {
        var (o, m) = Single(Calibrated, good: true, x: 0);
        Approx.Equal(100e3, o.ServedLocalBits, "Dl");
        Approx.Equal(0.0475, o.LocalLatencySeconds, "Ll");          // eq. 6: 1e5 * 4.75e-7
        Approx.Equal(0.0325, o.LocalEnergyJoules, "El");            // eq. 7: 1e5 * 3.25e-7
        Approx.Equal(0, o.OffloadLatencySeconds, "Lo");
        Approx.Equal(0, o.OffloadEnergyJoules, "Eo");
        Approx.Equal(0.0475, o.LatencySeconds, "L");                // max(0, 0.0475)
        Approx.Equal(0.0325, o.EnergyJoules, "E");                  // 0 + 0.0325
        Approx.Equal(0.2, o.UsagePrivacy, "Pu");                    // eq. 8: |20e3 - 0| / 1e5
        Approx.Equal(0, o.LocationPrivacy, "Pl");                   // nothing offloaded
        Approx.Equal(1, o.Cost, "C");                               // 0.5 * 0.0325 / 0.0325 + 0.5 * 0.0475 / 0.0475
        Approx.Equal(-0.8, m.Reward, "r");                          // 0.2 - 1
        Assert.Equal(0, m.OffloadedTasks);
    }

    [Fact]
    public void Evaluate_LocalUnderBadChannel_EarnsNoPrivacy()
    {
        var (o, m) = Single(Calibrated, good: false, x: 0);
        Approx.Equal(0, o.UsagePrivacy, "Pu");                      // I(g >= eps) = I(0 >= 1) = 0
        Approx.Equal(0, o.LocationPrivacy, "Pl");                   // I(Do > 0) = 0
        Approx.Equal(-1, m.Reward, "r");                            // 0 - (0.5 * 1 + 0.5 * 1)
    }

    [Fact]
    public void Evaluate_OffloadUnderGoodChannel_EarnsUsagePrivacyOnly()
    {
        var (o, m) = Single(Calibrated, good: true, x: 1);
        Approx.Equal(0.8, o.UsagePrivacy, "Pu");                    // |20e3 - 100e3| / 1e5
        Approx.Equal(0, o.LocationPrivacy, "Pl");                   // g = 1 >= eps
        Approx.Equal(0.8, o.Privacy, "P");                          // 0.8 + 0.5 * 0
        Approx.Equal(71.0 / 247, o.Cost, "C");                      // 0.5 * 0.005 / 0.0325 + 0.5 * 0.02 / 0.0475 = 1/13 + 4/19 = 71/247
        Approx.Equal(0.8 - (71.0 / 247), m.Reward, "r");
    }

    [Fact]
    public void Step_OffloadUnderBadChannel_EarnsLocationPrivacy()
    {
        var (o, m) = Single(Calibrated, good: false, x: 1);
        Approx.Equal(0, o.UsagePrivacy, "Pu");                      // I(0 >= 1) = 0
        Approx.Equal(1, o.LocationPrivacy, "Pl");                   // I(1e5 > 0) * I(0 < 1)
        Approx.Equal(0.5, o.Privacy, "P");                          // 0 + 0.5 * 1
        Approx.Equal(251.0 / 247, o.Cost, "C");                     // 0.5 * 0.025 / 0.0325 + 0.5 * 0.06 / 0.0475 = 5/13 + 12/19 = 251/247
        Approx.Equal(0.5 - (251.0 / 247), m.Reward, "r");
    }

    [Fact]
    public void Evaluate_QuarterOffloadWithBacklog_SplitsBitsAndTakesTheSlowerSide()
    {
        // x = 0.25, good, D0 = 40e3, D1 = 120e3 (D = 160e3), Q = 2e9, beta = 0.8.
        var (o, m) = Single(Calibrated, good: true, x: 0.25, beta: 0.8, d0: 40e3, d1: 120e3, backlog: 2e9);
        Approx.Equal(40e3, o.ServedOffloadBits, "Do");              // 0.25 * 160e3
        Approx.Equal(120e3, o.ServedLocalBits, "Dl");               // 0.75 * 160e3
        Approx.Equal(0.004, o.UploadSeconds, "Lu");                 // 4e4 / 1e7
        Approx.Equal(0.004, o.ProcessingSeconds, "Lp");             // 4e4 * 1000 / 1e10
        Approx.Equal(0.2, o.QueuingSeconds, "Lq");                  // 2e9 / 1e10
        Approx.Equal(0.208, o.OffloadLatencySeconds, "Lo");
        Approx.Equal(0.012 + 4e-26, o.OffloadEnergyJoules, "Eo");   // 0.5 * 0.004 + 1e-23 * 0.004 + 0.05 * 0.2
        Approx.Equal(0.057, o.LocalLatencySeconds, "Ll");           // 1.2e5 * 4.75e-7
        Approx.Equal(0.039, o.LocalEnergyJoules, "El");             // 1.2e5 * 3.25e-7
        Approx.Equal(0.208, o.LatencySeconds, "L");                 // max(0.208, 0.057)
        Approx.Equal(0.051, o.EnergyJoules, "E");                   // 0.012 + 0.039
        Approx.Equal(0, o.UsagePrivacy, "Pu");                      // |40e3 - 40e3| / 1e5
        Approx.Equal((0.8 * 0.051 / 0.0325) + (0.2 * 0.208 / 0.0475), o.Cost, "C"); // = 1.25538... + 0.87578...
        Approx.Equal(-((0.8 * 0.051 / 0.0325) + (0.2 * 0.208 / 0.0475)), m.Reward, "r");
        Approx.Equal(0.25, m.OffloadedFraction, "fraction offloaded");
    }

    [Fact]
    public void Evaluate_HalfOffloadWithSlowerLocalSide_LatencyIsTheLocalOne()
    {
        // x = 0.5, good, D0 = 0, D1 = 1e5: Do = Dl = 5e4.
        var (o, m) = Single(Calibrated, good: true, x: 0.5, d0: 0, d1: 100e3);
        Approx.Equal(0.01, o.OffloadLatencySeconds, "Lo");          // 5e4 / 1e7 + 5e4 * 1000 / 1e10 = 0.005 + 0.005
        Approx.Equal(0.02375, o.LocalLatencySeconds, "Ll");         // 5e4 * 4.75e-7
        Approx.Equal(0.02375, o.LatencySeconds, "L");               // max(0.01, 0.02375)
        Approx.Equal(0.01875 + 5e-26, o.EnergyJoules, "E");         // 0.5 * 0.005 + 1e-23 * 0.005 + 5e4 * 3.25e-7
        Approx.Equal(0.5, o.UsagePrivacy, "Pu");                    // |0 - 5e4| / 1e5
        Approx.Equal((15.0 / 52) + 0.25, o.Cost, "C");              // 0.5 * 0.01875 / 0.0325 + 0.5 * 0.02375 / 0.0475
        Approx.Equal(-1.0 / 26, m.Reward, "r");                     // 0.5 - 0.25 - 15/52 = -2/52
    }

    [Fact]
    public void Evaluate_UsagePrivacy_IsDistanceBetweenBufferAndOffloadedBits()
    {
        // x = 0.25, D0 = 80e3, D1 = 80e3: Do = 40e3, Pu = |80e3 - 40e3| / 1e5 = 0.4.
        var (o, _) = Single(Calibrated, good: true, x: 0.25, d0: 80e3, d1: 80e3);
        Approx.Equal(0.4, o.UsagePrivacy, "Pu");
        Approx.Equal(0.4, o.Privacy, "P");
    }

    [Theory]
    [InlineData(1.0, 2.0 / 13)]   // C = E / e_unit = 0.005 / 0.0325
    [InlineData(0.0, 8.0 / 19)]   // C = L / l_unit = 0.02 / 0.0475
    [InlineData(0.2, (0.2 * 2.0 / 13) + (0.8 * 8.0 / 19))]
    public void Evaluate_Cost_WeighsNormalisedEnergyByBetaAndLatencyByOneMinusBeta(double beta, double expectedCost)
    {
        var (o, _) = Single(Calibrated, good: true, x: 1, beta: beta);
        Approx.Equal(expectedCost, o.Cost, "C");
    }

    [Fact]
    public void Evaluate_Reward_SumsPrivacyMinusCostOverAllTasks()
    {
        // Miner 0 good offloads the 20k/80k task, miner 1 bad keeps the same task local; K = 1.
        var (o, m) = Evaluate(Calibrated, 2, 1, 0.5, [true, false], [20e3, 20e3], [80e3, 80e3], 0, [1, 0]);
        Assert.Equal(1, m.OffloadedTasks);
        Approx.Equal(0.8 - (71.0 / 247) + (0 - 1), m.Reward, "r");  // (0.8 - 71/247) + (0 - 1)
        Approx.Equal(0.8, m.Privacy, "sum P");
        Approx.Equal((71.0 / 247) + 1, m.Cost, "sum C");
        Approx.Equal(0.005 + 1e-25 + 0.0325, m.EnergyJoules, "sum E");
        Approx.Equal(0.02 + 0.0475, m.LatencySeconds, "sum L");
        Approx.Equal(o[0].Privacy - o[0].Cost + o[1].Privacy - o[1].Cost, m.Reward, "r from outcomes");
    }

    [Fact]
    public void Evaluate_LatencyOverDeadline_CountsMissAndSubtractsPenalty()
    {
        // tau = 0.01 s < L = 0.02 s: a miss; penalty 2 per miss.
        var p = Calibrated with { DeadlineSeconds = 0.01, DeadlinePenalty = 2 };
        var (o, m) = Single(p, good: true, x: 1);
        Assert.True(o.DeadlineMissed);
        Assert.Equal(1, m.DeadlineMisses);
        Approx.Equal(0.8 - (71.0 / 247) - 2, m.Reward, "r");        // P - C - 2 * 1
    }

    [Fact]
    public void Evaluate_LatencyWithinDeadline_IsNoMiss()
    {
        // tau = 0.03 s > L = 0.02 s.
        var p = Calibrated with { DeadlineSeconds = 0.03, DeadlinePenalty = 2 };
        var (o, m) = Single(p, good: true, x: 1);
        Assert.False(o.DeadlineMissed);
        Assert.Equal(0, m.DeadlineMisses);
        Approx.Equal(0.8 - (71.0 / 247), m.Reward, "r");
    }

    [Fact]
    public void Evaluate_DefaultPenaltyZero_CountsMissWithoutChangingReward()
    {
        var p = Calibrated with { DeadlineSeconds = 0.01 };
        var (_, m) = Single(p, good: true, x: 1);
        Assert.Equal(1, m.DeadlineMisses);
        Approx.Equal(0.8 - (71.0 / 247), m.Reward, "r");
    }

    [Fact]
    public void Evaluate_UploadCapBinding_CarriesUnsentBitsToBufferInTaskOrder()
    {
        // rate_bad = 1e4: the bad-channel miner sends at most 1e4 bits per slot. N = 1, M = 2, x = (1, 1),
        // D = (30e3, 20e3): task 0 gets all 1e4 bits, task 1 none.
        var p = Calibrated with { RateBadBps = 1e4 };
        var (o, m) = Evaluate(p, 1, 2, 0.5, [false], [0, 0], [30e3, 20e3], 0, [1, 1]);
        Approx.Equal(1e4, o[0].ServedOffloadBits, "Do task 0");      // min(30e3, 1e4)
        Approx.Equal(2e4, o[0].NextBufferedBits, "D0(t+1) task 0");  // 30e3 - 1e4
        Approx.Equal(0, o[1].ServedOffloadBits, "Do task 1");        // cap used up
        Approx.Equal(2e4, o[1].NextBufferedBits, "D0(t+1) task 1");  // all 20e3 wait
        Assert.Equal(1, m.OffloadedTasks);                           // K counts served Do > 0 only
        Approx.Equal(1.0, o[0].UploadSeconds, "Lu task 0");          // 1e4 / 1e4
        Approx.Equal(1e-3, o[0].ProcessingSeconds, "Lp task 0");     // 1e4 * 1000 / (1e10 / 1)
        Approx.Equal(1, o[0].LocationPrivacy, "Pl task 0");
        Approx.Equal(0, o[1].LocationPrivacy, "Pl task 1");          // nothing sent: I(Do > 0) = 0
        Approx.Equal(0, o[1].Cost, "C task 1");                      // nothing served at all
        Approx.Equal(5e4, m.ArrivedBits, "arrived");
        Approx.Equal(1e4, m.ServedBits, "served");
        Approx.Equal(4e4, m.BufferedBitsAfter, "buffered after");
    }

    [Fact]
    public void Evaluate_LocalCapBinding_CarriesUnexecutedBitsInTaskOrder()
    {
        // t_local = 2e-5 s/bit: at most dt / t_local = 5e4 bits per miner per slot. x = (0, 0),
        // D = (10e3 + 60e3, 0 + 30e3): task 0 executes 5e4 and keeps 2e4, task 1 executes nothing.
        var p = Calibrated with { LocalSecondsPerBit = 2e-5 };
        var (o, m) = Evaluate(p, 1, 2, 0.5, [true], [10e3, 0], [60e3, 30e3], 0, [0, 0]);
        Approx.Equal(5e4, o[0].ServedLocalBits, "Dl task 0");
        Approx.Equal(2e4, o[0].NextBufferedBits, "D0(t+1) task 0");  // 70e3 - 5e4
        Approx.Equal(1.0, o[0].LocalLatencySeconds, "Ll task 0");    // 5e4 * 2e-5
        Approx.Equal(0.01625, o[0].LocalEnergyJoules, "El task 0");  // 5e4 * 3.25e-7
        Approx.Equal(0.1, o[0].UsagePrivacy, "Pu task 0");           // |10e3 - 0| / 1e5
        Approx.Equal(0, o[1].ServedLocalBits, "Dl task 1");
        Approx.Equal(3e4, o[1].NextBufferedBits, "D0(t+1) task 1");
        Approx.Equal(0, o[1].LatencySeconds, "L task 1");
        // r = (0.1 - (0.5 * 0.01625 / 0.0325 + 0.5 * 1.0 / 0.0475)) + (0 - 0)
        Approx.Equal(0.1 - ((0.5 * 0.01625 / 0.0325) + (0.5 * 1.0 / 0.0475)), m.Reward, "r");
    }

    [Fact]
    public void Evaluate_FractionalActionWithBothCapsBinding_ServesWhatFitsAndBuffersTheRest()
    {
        // Bad channel, rate_bad = 1e4 (upload cap 1e4 bits), t_local = 2e-5 (local cap 5e4 bits), x = (0.25, 0.5),
        // D0 = (20e3, 0), D1 = (60e3, 100e3).
        var p = Calibrated with { RateBadBps = 1e4, LocalSecondsPerBit = 2e-5 };
        var (o, m) = Evaluate(p, 1, 2, 0.5, [false], [20e3, 0], [60e3, 100e3], 0, [0.25, 0.5]);
        Approx.Equal(1e4, o[0].ServedOffloadBits, "Do task 0");      // min(0.25 * 80e3 = 2e4, 1e4)
        Approx.Equal(5e4, o[0].ServedLocalBits, "Dl task 0");        // min(0.75 * 80e3 = 6e4, 5e4)
        Approx.Equal(2e4, o[0].NextBufferedBits, "D0(t+1) task 0");  // (2e4 - 1e4) + (6e4 - 5e4)
        Approx.Equal(0, o[1].ServedOffloadBits, "Do task 1");
        Approx.Equal(0, o[1].ServedLocalBits, "Dl task 1");
        Approx.Equal(1e5, o[1].NextBufferedBits, "D0(t+1) task 1");
        Assert.Equal(1, m.OffloadedTasks);
        Approx.Equal(1.001, o[0].OffloadLatencySeconds, "Lo task 0"); // 1e4 / 1e4 + 1e4 * 1000 / 1e10 + 0
        Approx.Equal(1.0, o[0].LocalLatencySeconds, "Ll task 0");     // 5e4 * 2e-5
        Approx.Equal(1.001, o[0].LatencySeconds, "L task 0");
        Approx.Equal(0.51625 + 1e-26, o[0].EnergyJoules, "E task 0"); // 0.5 * 1 + 1e-23 * 1e-3 + 5e4 * 3.25e-7
        Approx.Equal(0.5, o[0].Privacy, "P task 0");                  // Pu = 0 (bad), Pl = 1, lambda = 0.5
        double cost0 = (0.5 * 0.51625 / 0.0325) + (0.5 * 1.001 / 0.0475);
        Approx.Equal(cost0, o[0].Cost, "C task 0");
        Approx.Equal(0.5 - cost0, m.Reward, "r");                    // task 1 contributes 0
    }

    [Fact]
    public void Evaluate_TaskAskingToOffloadButGettingNoUpload_HasNoOffloadTermsAndIsNotCountedInK()
    {
        // N = 2, M = 2, Q = 1e9. Miner 0 is bad with rate_bad = 1e4, x = (1, 1): only task 0 sends (1e4 bits).
        // Miner 1 is good, x = (1, 0). K = 2 (not 3), f = 5e9, Lq = 1e9 / 1e10 = 0.1 for served tasks only.
        var p = Calibrated with { RateBadBps = 1e4 };
        var (o, m) = Evaluate(p, 2, 2, 0.5, [false, true], [0, 0, 0, 0], [1e5, 1e5, 1e5, 1e5], 1e9, [1, 1, 1, 0]);
        Assert.Equal(2, m.OffloadedTasks);
        Approx.Equal(0.002, o[0].ProcessingSeconds, "Lp miner 0 task 0"); // 1e4 * 1000 / 5e9
        Approx.Equal(0.02, o[2].ProcessingSeconds, "Lp miner 1 task 0");  // 1e5 * 1000 / 5e9
        Approx.Equal(0.1, o[0].QueuingSeconds, "Lq served");
        Approx.Equal(0, o[1].QueuingSeconds, "Lq unserved");
        Approx.Equal(0, o[1].OffloadLatencySeconds, "Lo unserved");
        Approx.Equal(0, o[1].OffloadEnergyJoules, "Eo unserved");
        Approx.Equal(0, o[3].QueuingSeconds, "Lq local task");
        Approx.Equal(1e5, o[1].NextBufferedBits, "unserved bits wait");
        // Miner 1 task 0: Lo = 1e5 / 1e7 + 0.02 + 0.1 = 0.13; Eo = 0.5 * 0.01 + 1e-26 * 5^3 * 0.02 + 0.05 * 0.1.
        Approx.Equal(0.13, o[2].OffloadLatencySeconds, "Lo miner 1 task 0");
        Approx.Equal(0.01 + 2.5e-26, o[2].OffloadEnergyJoules, "Eo miner 1 task 0");
    }
}
