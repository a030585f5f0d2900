using EdgeMine.Learning.Dqn;
using EdgeMine.Model;
using EdgeMine.Randomness;
using EdgeMine.Tests.Model;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// The per-task difference rewards of both choices, by hand and against two full slot evaluations per task; and those of
/// the offloaded tasks only (the branching DQN's), by hand.
/// </summary>
public sealed class OffloadAdvantageTests
{
    private static readonly TaskOutcome Good100Kbit = new() { ChannelGood = true, BufferedBits = 0, ArrivedBits = 100e3 };

    [Fact]
    public void ForOffloaded_BothOffloaded_EachGetsItsMarginalContributionIncludingTheSharedCpu()
    {
        // Calibrated preset, beta 0.5, good channel (10 Mbit/s), D0 = 0, D1 = 100 kbit, Q = 0.
        // Offloaded with K tasks on the MEC: Lu = 1e5 / 1e7 = 0.01 s; Lp = 1e5 * 1000 / (1e10 / K) = 0.01 K s;
        //   Eo = 0.5 * 0.01 + 1e-26 * (10/K)^3 * Lp (negligible, < 1e-24) = 0.005 J; P = |0 - 1e5| / 1e5 = 1.
        //   K = 1: C = 0.5 * 0.005 / 0.0325 + 0.5 * 0.02 / 0.0475 = 0.0769231 + 0.2105263 = 0.2874494; r = 0.7125506.
        //   K = 2: C = 0.0769231 + 0.5 * 0.03 / 0.0475 = 0.0769231 + 0.3157895 = 0.3927126; r = 0.6072874.
        // Local: El = 0.0325 J, Ll = 0.0475 s: C = 0.5 + 0.5 = 1; P = |0 - 0| / 1e5 = 0; r = -1.
        // R(both offloaded) = 2 * 0.6072874 = 1.2145749; R(one local) = 0.7125506 - 1 = -0.2874494.
        // Difference reward of each = 1.2145749 + 0.2874494 = 1.5020243.
        var credit = new OffloadAdvantage(new SlotModel(Presets.Calibrated, 2, 1, 0.5));
        TaskOutcome[] outcomes = [Good100Kbit, Good100Kbit];
        var metrics = new SlotMetrics { Reward = 1.2145749, MecBacklogCycles = 0 };
        var rewards = new float[2];

        credit.ForOffloaded([1, 1], outcomes, metrics, rewards);

        Assert.Equal(1.5020243, rewards[0], 5);
        Assert.Equal(1.5020243, rewards[1], 5);
    }

    [Fact]
    public void ForOffloaded_LocalTask_GetsZero_OffloadedAloneGetsOffloadMinusLocal()
    {
        // Task 0 local, task 1 offloaded alone (K = 1): R = -1 + 0.7125506 = -0.2874494 (numbers of the test above).
        // Task 1 without offloading: both local, R = -2; difference = -0.2874494 + 2 = 1.7125506. Task 0: 0 by definition.
        var credit = new OffloadAdvantage(new SlotModel(Presets.Calibrated, 2, 1, 0.5));
        TaskOutcome[] outcomes = [Good100Kbit, Good100Kbit];
        var metrics = new SlotMetrics { Reward = -0.2874494, MecBacklogCycles = 0 };
        var rewards = new float[2];

        credit.ForOffloaded([0, 1], outcomes, metrics, rewards);

        Assert.Equal(0f, rewards[0]);
        Assert.Equal(1.7125506, rewards[1], 5);
    }

    [Fact]
    public void Compute_OneOffloadedOneLocal_GivesEachTheValueOfOffloadingOverLocal()
    {
        // Calibrated, beta 0.5, two miners with one task each, good channels, D0 = 0, D1 = 100 kbit, Q = 0.
        // Offloaded with K tasks on the MEC: Lu = 0.01 s, Lp = 0.01 K s, Eo = 0.005 J (MEC compute energy < 1e-24 J);
        //   P = 1; K = 1: C = 0.5 * 0.005 / 0.0325 + 0.5 * 0.02 / 0.0475 = 0.2874494, r = 0.7125506;
        //   K = 2: C = 0.0769231 + 0.5 * 0.03 / 0.0475 = 0.3927126, r = 0.6072874. Local: C = 1, P = 0, r = -1.
        // Slot: task 0 offloaded alone, task 1 local: R = 0.7125506 - 1 = -0.2874494 (K = 1).
        // Task 0: R - R(both local) = -0.2874494 + 2 = 1.7125506.
        // Task 1: R(both offloaded) - R = 2 * 0.6072874 + 0.2874494 = 1.5020243.
        var model = new SlotModel(Presets.Calibrated, 2, 1, 0.5);
        var outcomes = new TaskOutcome[2];
        var metrics = model.Evaluate([0, 0], [100e3, 100e3], [true, true], 0, [1, 0], outcomes);
        Assert.Equal(-0.2874494, metrics.Reward, 6);
        var advantage = new float[2];

        new OffloadAdvantage(model).Compute([1, 0], outcomes, metrics, advantage);

        Assert.Equal(1.7125506, advantage[0], 5);
        Assert.Equal(1.5020243, advantage[1], 5);
    }

    [Fact]
    public void Compute_Withheld_OneOffloadedOneLocal_OffloadingCostsTheWithheldPrivacy()
    {
        // As above under usage_privacy_form = withheld: Pu = |D0 + D1 - Do| / d_unit, so an offloaded task earns P = 0
        // and a local one P = 1. Offloaded, K = 1: r = 0 - 0.2874494; K = 2: r = 0 - 0.3927126. Local: r = 1 - 1 = 0.
        // Slot: task 0 offloaded alone, task 1 local: R = -0.2874494.
        // Task 0: R - R(both local) = -0.2874494 - 0 = -0.2874494.
        // Task 1: R(both offloaded) - R = -2 * 0.3927126 + 0.2874494 = -0.4979757.
        var model = new SlotModel(Presets.Calibrated with { UsagePrivacyForm = UsagePrivacyForm.Withheld }, 2, 1, 0.5);
        var outcomes = new TaskOutcome[2];
        var metrics = model.Evaluate([0, 0], [100e3, 100e3], [true, true], 0, [1, 0], outcomes);
        Assert.Equal(-0.2874494, metrics.Reward, 6);
        var advantage = new float[2];

        new OffloadAdvantage(model).Compute([1, 0], outcomes, metrics, advantage);

        Assert.Equal(-0.2874494, advantage[0], 5);
        Assert.Equal(-0.4979757, advantage[1], 5);
    }

    [Fact]
    public void Compute_BadChannelAndBacklog_HandWorked()
    {
        // One miner, one task, bad channel (2 Mbit/s), D1 = 100 kbit, Q = 1e10 cycles (Lq = 1 s), beta 0.5, lambda 0.5.
        // Offloaded (K = 1): Lu = 0.05 s, Lp = 0.01 s, Lq = 1 s, Lo = 1.06 s; Eo = 0.5 * 0.05 + 0.05 * 1 = 0.075 J (+ < 1e-24);
        //   C = 0.5 * 0.075 / 0.0325 + 0.5 * 1.06 / 0.0475 = 1.1538462 + 11.1578947 = 12.3117409;
        //   P = lambda * 1 = 0.5 (location, bad channel); r = -11.8117409. Local: r = -1.
        // The task stayed local, so A = R(offloaded) - R = -11.8117409 + 1 = -10.8117409.
        var model = new SlotModel(Presets.Calibrated, 1, 1, 0.5);
        var outcomes = new TaskOutcome[1];
        var metrics = model.Evaluate([0], [100e3], [false], 1e10, [0], outcomes);
        var advantage = new float[1];

        new OffloadAdvantage(model).Compute([0], outcomes, metrics, advantage);

        Assert.Equal(-10.8117409, advantage[0], 4);
    }

    [Fact]
    public void Compute_RandomBinarySlots_EqualsTwoFullEvaluationsPerTask()
    {
        // Any preset variation, caps that bind (the slow path) or not (the O(N M) path), backlogs, deadline penalties, both
        // usage privacy forms.
        PinnedSample.Run(
            Scenario.Generator(maxMiners: 6, maxTasksPerMiner: 3, maxSlots: 6),
            s =>
            {
                var env = s.CreateEnvironment();
                var model = env.Model;
                var credit = new OffloadAdvantage(model);
                var random = new Xoshiro256(s.Seed ^ 0xAD);
                var action = new double[s.Tasks];
                var flipped = new double[s.Tasks];
                var scratch = new TaskOutcome[s.Tasks];
                var advantage = new float[s.Tasks];
                env.Reset(s.Seed);
                for (int t = 0; t < s.Slots; t++)
                {
                    for (int i = 0; i < action.Length; i++)
                    {
                        action[i] = random.NextInt(2);
                    }

                    double[] d0 = env.BufferedBits.ToArray(), d1 = env.ArrivedBits.ToArray();
                    bool[] good = env.ChannelGood.ToArray();
                    double backlog = env.MecBacklogCycles;
                    var step = env.Step(action);
                    credit.Compute(action, env.LastOutcomes, step.Metrics, advantage);
                    for (int i = 0; i < action.Length; i++)
                    {
                        action.CopyTo(flipped, 0);
                        flipped[i] = 1;
                        double offloaded = model.Evaluate(d0, d1, good, backlog, flipped, scratch).Reward;
                        flipped[i] = 0;
                        double local = model.Evaluate(d0, d1, good, backlog, flipped, scratch).Reward;
                        double expected = offloaded - local;
                        Assert.True(
                            Approx.Close(expected, advantage[i], 1e-5, 1e-5),
                            $"slot {t}, task {i}: expected {expected:R}, got {advantage[i]:R}");
                    }
                }
            },
            200,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void Compute_ATaskWithoutData_GetsZero_AndForOffloadedALocalTaskZero()
    {
        // Task 0 has no data (D0 = D1 = 0): offloading it or not is the same slot, A = 0 exactly. Task 1 (100 kbit, good
        // channel) offloaded alone: task 0's reward is the same either way, so A = r(offloaded, K = 1) - r(local) =
        // 0.7125506 + 1 = 1.7125506 (numbers of the tests above).
        var model = new SlotModel(Presets.Calibrated, 2, 1, 0.5);
        var outcomes = new TaskOutcome[2];
        var metrics = model.Evaluate([0, 0], [0, 100e3], [true, true], 0, [0, 1], outcomes);
        var advantage = new float[] { 9, 9 };

        new OffloadAdvantage(model).Compute([0, 1], outcomes, metrics, advantage);

        Assert.Equal(0f, advantage[0]);
        Assert.Equal(1.7125506, advantage[1], 5);
    }
}
