using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// Slots worked by hand (MODEL.md sections 3-6) whose fractional optimum sits at one particular breakpoint of
/// <see cref="PerSlotFractionalOptimum"/>: a deadline point (offloaded side, with a backlog; local side), the point where
/// the offloaded latency meets a capped local latency (with a backlog), a bad-channel balance point at K = 2 beside a
/// good-channel task at x = 1, and a task whose local reward decides the order of the gains. Each also checks the
/// optimum against a grid of every fraction (step 0.001), so that a wrong breakpoint shows as a lower reward.
/// </summary>
public sealed class PerSlotFractionalOptimumBreakpointTests
{
    [Fact]
    public void OffloadedDeadlinePoint_WithABacklog_IsTheOptimum_WorkedByHand()
    {
        // One task, good channel (eq8, D0 = 0: Pu = Do / 1e5), calibrated, beta 0.5, D1 = 100 kbit, tau = 0.018 s with a
        // penalty of 1, MEC backlog Q = 2e7 cycles: Lq = Q / F = 0.002 s (and 0.05 W * 0.002 s = 0.0001 J of circuit energy).
        // Lo = x (1e5 / 1e7 + 1e5 * 1000 / 1e10) + 0.002 = 0.02 x + 0.002; Ll = 0.0475 (1 - x).
        // Offloading more raises Pu by 1 per unit of x and costs less than that, so the reward rises up to where Lo reaches
        // tau: x = (tau - Lq) / 0.02 = 0.8 (moved a hair inside). There Pu = 0.8, E = 0.5 * 0.008 + 0.0001 + 0.0325 * 0.2
        // = 0.0106 J (C_E = 0.5 * 0.0106 / 0.0325 = 0.1630769), L = 0.018 (C_L = 0.5 * 0.018 / 0.0475 = 0.1894737):
        // r = 0.8 - 0.3525506 = 0.4474494. Beyond it the deadline is missed (x = 1: 1 - 0.0784615 - 0.2315789 - 1 =
        // -0.3100405); the balance point x = 0.0455 / 0.0675 = 0.6740741 gives 0.2947575; all local misses (-2).
        var p = Presets.Calibrated with { DeadlineSeconds = 0.018, DeadlinePenalty = 1 };
        var env = SlotState.Create(p, 1, 1, 0.5, [0], [100e3], [true], backlogCycles: 2e7);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[1];

        fractional.Act(env, action);

        Assert.Equal(0.8, action[0], 9);
        Assert.True(action[0] <= 0.8, "the deadline point must lie inside (Lo <= tau)");
        Assert.Equal(0.4474494, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-0.3100405, SlotModelScores.Reward(env, [1]), 6);
        Assert.Equal(0.2947575, SlotModelScores.Reward(env, [0.0455 / 0.0675]), 6);
        AssertAtLeastTheGrid(env, action);
    }

    [Fact]
    public void LocalDeadlinePoint_IsTheOptimum_WorkedByHand()
    {
        // One task, bad channel (Pu = 0; location privacy lambda 0.5 once x > 0), calibrated with rate_bad 5e5 bps, beta
        // 0.5, D1 = 100 kbit, tau = 0.04 s with a penalty of 1. Lo = x (1e5 / 5e5 + 0.01) = 0.21 x, Ll = 0.0475 (1 - x):
        // all local misses the deadline (0.0475 > 0.04). Below the balance x = 0.0475 / 0.2575 = 0.1844660:
        // E = 0.5 * 0.2 x + 0.0325 (1 - x) = 0.0325 + 0.0675 x, so r = 0.5 - (0.5 + 1.0384615 x) - 0.5 (1 - x)
        // = -0.5 - 0.5384615 x: falls, so the best x is the smallest that meets the deadline, Ll = tau:
        // x = 1 - 0.04 / 0.0475 = 0.1578947 (moved a hair inside), r = -0.5850202. The balance point gives -0.5993279,
        // x = 1 misses (-4.2489879), just above 0 misses (about -1.5), all local misses (-2).
        var p = Presets.Calibrated with { RateBadBps = 5e5, DeadlineSeconds = 0.04, DeadlinePenalty = 1 };
        var env = SlotState.Create(p, 1, 1, 0.5, [0], [100e3], [false]);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[1];

        fractional.Act(env, action);

        Assert.Equal(1 - (0.04 / 0.0475), action[0], 9);
        Assert.True(action[0] >= 1 - (0.04 / 0.0475), "the deadline point must lie inside (Ll <= tau)");
        Assert.Equal(-0.5850202, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-0.5993279, SlotModelScores.Reward(env, [0.0475 / 0.2575]), 6);
        Assert.Equal(-4.2489879, SlotModelScores.Reward(env, [1]), 6);
        Assert.Equal(-2, SlotModelScores.Reward(env, [0]), 9);
        AssertAtLeastTheGrid(env, action);
    }

    [Fact]
    public void OffloadedLatencyMeetingTheCappedLocalLatency_WithABacklog_IsTheOptimum_WorkedByHand()
    {
        // One task, good channel (eq8, D0 = 0: Pu = Do / 1e5), calibrated with t_local 1e-5 s/bit (local cap Lc = dt / t_local
        // = 1e5 bits), e_local 3.25e-8 J/bit, F = 1e9 Hz, beta 0.5, D1 = 200 kbit, backlog Q = 9e8 cycles: Lq = 0.9 s (and
        // 0.045 J of circuit energy once x > 0). Lo = x * 2e5 (1e-7 + 1000 / 1e9) + 0.9 = 0.22 x + 0.9.
        // For x <= 1 - Lc / D = 0.5 the local part is capped: Dl = 1e5, Ll = dt = 1 s, El = 0.00325 J. So L = 1 until Lo
        // reaches dt at x = (dt - Lq) / 0.22 = 0.4545455; up to there each bit offloaded earns 1e-5 of Pu and costs
        // 0.5 * 5e-8 / 0.0325 = 7.7e-7; past it it also costs 0.5 * 1.1e-6 / 0.0475 = 1.16e-5 of latency, and past 0.5 it
        // saves only 0.5 * 3.25e-8 / 0.0325 = 5e-7 of local energy: the reward peaks where Lo = dt.
        // There: Pu = 0.9090909, E = 0.5 * 0.0090909 + 0.045 + 0.00325 = 0.0527955 (C_E = 0.8122378), L = 1
        // (C_L = 10.5263158): r = -10.4294627. The first balance point (2 - 0.9) / 2.22 = 0.4954955 gives -10.4486940,
        // x = 1 gives -10.6356275, all local -10.5763158.
        var p = Presets.Calibrated with { LocalSecondsPerBit = 1e-5, LocalJoulesPerBit = 3.25e-8, MecCapacityHz = 1e9 };
        var env = SlotState.Create(p, 1, 1, 0.5, [0], [200e3], [true], backlogCycles: 9e8);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[1];

        fractional.Act(env, action);

        Assert.Equal(0.1 / 0.22, action[0], 9);
        Assert.Equal(-10.4294627, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-10.4486940, SlotModelScores.Reward(env, [1.1 / 2.22]), 6);
        Assert.Equal(-10.6356275, SlotModelScores.Reward(env, [1]), 6);
        Assert.Equal(-10.5763158, SlotModelScores.Reward(env, [0]), 6);
        AssertAtLeastTheGrid(env, action);
    }

    [Fact]
    public void BadChannelBalanceAtKEquals2_BesideAGoodChannelTaskFullyOffloaded_WorkedByHand()
    {
        // Two one-task miners, calibrated, beta 0.5, D1 = 100 kbit each, D0 = 0; miner 0 on a bad channel, miner 1 on a good
        // one. With both offloading (K = 2, f = F / 2 = 5e9 Hz, processing 1e5 * 1000 / 5e9 = 0.02 s for a whole task):
        // bad task: Lo = x (0.05 + 0.02) = 0.07 x, Ll = 0.0475 (1 - x); below the balance r = -0.5 + 0.6153846 x (as in
        // TaskWithNoData_StaysLocal_AndTheOtherGoesToItsBalancePoint_WorkedByHand: E = 0.0325 - 0.0075 x), above it
        // r = -0.6214575 x; the balance x = 0.0475 / 0.1175 = 0.4042553 gives r = -0.2512276.
        // good task at x = 1: Pu = 1, E = 0.5 * 0.01 = 0.005 J (C_E = 0.0769231), Lo = 0.01 + 0.02 = 0.03 s
        // (C_L = 0.3157895): r = 0.6072874, rising in x all the way (its balance 0.0475 / 0.0775 = 0.6129 gives 0.1786598).
        // Total 0.3560598. K = 1 does worse (good alone: 0.7125506 - 1 = -0.2874494), and so does every binary action
        // (both at 1: -0.6214575 + 0.6072874 = -0.0141701).
        var env = SlotState.Create(Presets.Calibrated, 2, 1, 0.5, [0, 0], [100e3, 100e3], [false, true]);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[2];

        fractional.Act(env, action);

        Assert.Equal(0.0475 / 0.1175, action[0], 9);
        Assert.Equal(1.0, action[1]);
        Assert.Equal(0.3560598, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-0.0141701, SlotModelScores.BestBinaryReward(env), 6);
        Assert.True(fractional.LastActionExact);
    }

    [Fact]
    public void TheGainsOrderTheTasks_NotTheirOffloadedRewards_WorkedByHand()
    {
        // Two one-task miners, calibrated with F = 6e9 Hz, beta 0.5. Miner 0: good channel, D0 = 200 kbit buffered, D1 = 0:
        // all local its reward is Pu - C = 2 - (0.5 * 0.065 / 0.0325 + 0.5 * 0.095 / 0.0475) = 0; offloading lowers Pu =
        // |2e5 - Do| / 1e5 faster than it saves cost (r = -0.1538 x near 0), so its best offloaded reward is just below 0
        // (just above x = 0) and its gain just below 0. Miner 1: bad channel, D1 = 100 kbit, local reward -1; alone (K = 1)
        // Lo = x (0.05 + 1e5 * 1000 / 6e9) = 0.0666667 x, balance x = 0.0475 / 0.1141667 = 0.4160584,
        // r = -0.5 + 0.6153846 x = -0.2439641 (gain 0.756). So K = 1 offloads miner 1: total 0 - 0.2439641. K = 2 (miner
        // 0 just above 0, miner 1 at its K = 2 balance 0.0475 / 0.1308333 = 0.3630573, r = -0.2765801) does worse; so does
        // every binary action (miner 1 alone at x = 1: 0.5 - 0.3846154 - 0.7017544 = -0.5863698).
        var p = Presets.Calibrated with { MecCapacityHz = 6e9 };
        var env = SlotState.Create(p, 2, 1, 0.5, [200e3, 0], [0, 100e3], [true, false]);
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[2];

        fractional.Act(env, action);

        Assert.Equal(0, action[0]);
        Assert.Equal(0.0475 / (0.05 + (1e5 * 1000 / 6e9) + 0.0475), action[1], 9);
        Assert.Equal(-0.2439641, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-0.5863698, SlotModelScores.BestBinaryReward(env), 6);
    }

    [Fact]
    public void SlotOfTwoSeconds_UploadCapIsRateTimesDt_JustAboveZeroIsTheOptimum_WorkedByHand()
    {
        // One task, bad channel (location privacy lambda 0.5 once x > 0, Pu = 0), calibrated with dt = 2 s and rate_bad 1e6
        // bps, beta 1 (energy only), D1 = 1 Mbit. The upload cap is rate * dt = 2e6 bits >= D (and the local cap
        // dt / t_local = 4.2e6 bits), so nothing is capped. E = 0.5 W * x * 1e6 / 1e6 + 3.25e-7 * 1e6 (1 - x)
        // = 0.325 + 0.175 x J: for x > 0, r = 0.5 - E / 0.0325 = -9.5 - 5.3846154 x, so the best x is just above 0:
        // r = -9.5000054 (all local -10, x = 1 -14.8846154). Were the cap rate / dt = 5e5 bits, x = 1 would seem to cost
        // only 0.25 J (r = -7.19), which it does not.
        var p = Presets.Calibrated with { SlotSeconds = 2, RateBadBps = 1e6 };
        var env = SlotState.Create(p, 1, 1, 1, [0], [1e6], [false]);
        Assert.False(PerSlotOptimum.AnyCapCanBind(env));
        var fractional = new PerSlotFractionalOptimum();
        var action = new double[1];

        fractional.Act(env, action);

        Assert.Equal(PerSlotFractionalOptimum.JustAboveZero, action[0]);
        Assert.Equal(-9.5000054, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-10, SlotModelScores.Reward(env, [0]), 9);
        Assert.Equal(-14.8846154, SlotModelScores.Reward(env, [1]), 6);
    }

    /// <summary>The one-task optimum is at least every fraction of a grid of step 0.001 (the grid is an independent oracle).</summary>
    private static void AssertAtLeastTheGrid(MiningEnvironment env, double[] action)
    {
        double optimum = SlotModelScores.Reward(env, action), grid = double.NegativeInfinity;
        for (int a = 0; a <= 1000; a++)
        {
            grid = Math.Max(grid, SlotModelScores.Reward(env, [a / 1000.0]));
        }

        Assert.True(optimum >= grid, $"optimum {optimum:R} at x = {action[0]:R} below the grid's {grid:R}");
    }
}
