using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// Slots of the binary per-slot optimum worked by hand (MODEL.md sections 3-6): the tie rule of the search by offload
/// count with one larger gain and two tied at K = 2, the heuristic's order of the gains with a MEC backlog (called twice
/// on one instance, so that its scratch state must be reset), and <see cref="PerSlotOptimum.MonotoneFrom"/>'s units.
/// </summary>
public sealed class PerSlotOptimumWorkedSlotTests
{
    [Fact]
    public void OneLargerGainAndTwoTiedAtK2_OffloadsTheLargerAndTheFirstTied_WorkedByHand()
    {
        // Three one-task miners, calibrated with F = 8e9 Hz, beta 0.5, D1 = 100 kbit each, D0 = 0; miner 0 on a good channel,
        // miners 1 and 2 (identical) on bad ones. No cap binds. Processing at K offloaded: 1e5 * 1000 K / 8e9 = 0.0125 K s.
        // Good task offloaded: Pu = 1, E = 0.005 J (C_E = 0.0769231), Lo = 0.01 + 0.0125 K: r = 0.8178138 - 0.1315789 K;
        // local -1 (C = 1), so gain 1.8178138 - 0.1315789 K.
        // Bad task offloaded: P = 0.5, E = 0.025 J (C_E = 0.3846154), Lo = 0.05 + 0.0125 K: r = -0.4109312 - 0.1315789 K;
        // local -1, so gain 0.5890688 - 0.1315789 K.
        // Sum of the K largest gains: K = 1: 1.6862348; K = 2: 1.5546559 + 0.3259109 = 1.8805668; K = 3: 1.4230769
        // + 2 * 0.1943320 = 1.8117409. K = 2 is best: the good task and one bad task, tied; the first in task order
        // (miner 1) is taken. Reward -3 + 1.8805668 = -1.1194332.
        var p = Presets.Calibrated with { MecCapacityHz = 8e9 };
        var env = SlotState.Create(p, 3, 1, 0.5, [0, 0, 0], [100e3, 100e3, 100e3], [true, false, false]);
        Assert.False(PerSlotOptimum.AnyCapCanBind(env));
        var optimum = new PerSlotOptimum();
        var action = new double[3];

        optimum.Act(env, action);

        Assert.Equal([1.0, 1.0, 0.0], action);
        Assert.Equal(-1.1194332, SlotModelScores.Reward(env, action), 6);
        Assert.Equal(-1.1194332, SlotModelScores.BestBinaryReward(env), 6);
        Assert.Equal(-1.1882591, SlotModelScores.Reward(env, [1, 1, 1]), 6);
        Assert.True(optimum.LastActionExact);
    }

    [Fact]
    public void Heuristic_WithABacklog_OrdersByGain_AndStartsAfreshEachCall_WorkedByHand()
    {
        // Two one-task miners, calibrated with F = 6e9 Hz, beta 0.5, D0 = 0, MEC backlog Q = 6e7 cycles: Lq = Q / F = 0.01 s
        // (and 0.05 W * 0.01 s = 0.0005 J of circuit energy per offloaded task). Miner 0: bad channel, D1 = 120 kbit;
        // miner 1: good channel, D1 = 100 kbit. No cap binds, so the heuristic is exact here.
        // Miner 0 local: E = 0.039 J, L = 0.057 s: C = 0.6 + 0.6, r = -1.2. Offloaded: E = 0.5 * 0.06 + 0.0005 = 0.0305 J
        // (C_E = 0.4692308), Lo = 0.06 + 1.2e8 K / 6e9 + 0.01 = 0.07 + 0.02 K; K = 1: r = 0.5 - 0.4692308 - 0.9473684
        // = -0.9165992 (gain 0.2834008); K = 2: r = -1.1271255 (gain 0.0728745).
        // Miner 1 local: r = -1. Offloaded: Pu = 1, E = 0.005 + 0.0005 = 0.0055 J (C_E = 0.0846154), Lo = 0.01 + 1e8 K / 6e9
        // + 0.01; K = 1: r = 1 - 0.0846154 - 0.3859649 = 0.5294197 (gain 1.5294197); K = 2: r = 0.3539811 (gain 1.3539811).
        // K = 1 with miner 1 (gain 1.5294197) beats K = 2 (1.4268556) and miner 0 alone: action [0, 1], reward
        // -1.2 + 0.5294197 = -0.6705803.
        var p = Presets.Calibrated with { MecCapacityHz = 6e9 };
        var env = SlotState.Create(p, 2, 1, 0.5, [0, 0], [120e3, 100e3], [false, true], backlogCycles: 6e7);
        Assert.False(PerSlotOptimum.AnyCapCanBind(env));
        var optimum = new PerSlotOptimum();

        for (int call = 0; call < 2; call++)
        {
            double reward = optimum.SearchByOffloadCountScored(env);

            Assert.Equal([0.0, 1.0], optimum.BestAction.ToArray());
            Assert.Equal(-0.6705803, reward, 6);
            Assert.Equal(reward, SlotModelScores.Reward(env, [0, 1]));
        }

        Assert.Equal(-0.6705803, SlotModelScores.BestBinaryReward(env), 6);
        Assert.Equal(-1.9165992, SlotModelScores.Reward(env, [1, 0]), 6);
        Assert.Equal(-0.7731444, SlotModelScores.Reward(env, [1, 1]), 6);
    }

    [Fact]
    public void MonotoneFrom_CountsTheMecFrequencyInItsUnit_WorkedByHand()
    {
        // h(K) = a K + b / K^2 with a = (1 - beta) / l_unit * X / F and b = beta / e_unit * (gamma / unit^3) F^2 X
        // (eqs. 4, 5: the MEC power gamma f^3 with f in units of MecFrequencyUnitHz = 1e9, i.e. GHz).
        // Calibrated, beta 0.5: a = 0.5 / 0.0475 * 1000 / 1e10 = 1.0526316e-6; b = 15.384615 * 1e-26 / 1e27 * 1e20 * 1000
        // = 1.5384615e-29, so a >= b (1 - 1/4) at once: K = 1.
        var calibrated = new SlotModel(Presets.Calibrated, 1, 1, 0.5);
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(calibrated));

        // gamma = 6.8e-3: b = 15.384615 * 6.8e-3 * 1e-27 * 1e20 * 1000 = 1.0461538e-5. b (1 - 1/4) = 7.85e-6 > a;
        // b (1/4 - 1/9) = 1.453e-6 > a; b (1/9 - 1/16) = 5.09e-7 <= a: K = 3. (With f in Hz instead, b would be 1e27 times
        // larger and K past 2^24.)
        var strongMec = new SlotModel(Presets.Calibrated with { MecEnergyCoefficient = 6.8e-3 }, 1, 1, 0.5);
        Assert.Equal(3, PerSlotOptimum.MonotoneFrom(strongMec));
    }
}
