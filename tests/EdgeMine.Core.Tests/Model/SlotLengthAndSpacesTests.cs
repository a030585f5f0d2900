using EdgeMine.IO;
using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>
/// What the other model tests leave unpinned because both presets share it (a one-second slot, one task per miner),
/// worked out by hand: capacities that scale with the slot length, the slot's sums over several tasks, the reward of one
/// task with a deadline penalty, beta's range, the observation's bounds and the binary action codes.
/// </summary>
public sealed class SlotLengthAndSpacesTests
{
    private static SlotMetrics Evaluate(SlotModel model, double[] buffered, double[] arrived, bool good, double[] action) =>
        model.Evaluate(buffered, arrived, [good], 0, action, new TaskOutcome[action.Length]);

    [Fact]
    public void ATwoSecondSlot_DoublesEveryCapacity()
    {
        var p = Presets.Calibrated with { SlotSeconds = 2 };
        Approx.Equal(2e10, p.MecCyclesPerSlot);                      // F dt = 10 GHz x 2 s
        Approx.Equal(2 / 4.75e-7, p.LocalCapacityBitsPerSlot);      // dt / t_local

        // One task offloading 30 Mbit on a good channel (10 Mbit/s): 20 Mbit leave in 2 s, 10 Mbit stay buffered.
        var model = new SlotModel(p, 1, 1, 0.5);
        var outcomes = new TaskOutcome[1];
        model.Evaluate([15e6], [15e6], [true], 0, [1.0], outcomes);
        Approx.Equal(20e6, outcomes[0].ServedOffloadBits);
        Approx.Equal(10e6, outcomes[0].NextBufferedBits);
    }

    [Fact]
    public void SlotSums_OverTwoTasks()
    {
        // Tasks of 100 kbit each, x = (1, 0.5), good channel: 100 + 50 kbit offloaded, 50 kbit local, nothing left.
        var model = new SlotModel(Presets.Calibrated, 1, 2, 0.5);
        var metrics = Evaluate(model, [0, 0], [100e3, 100e3], good: true, [1.0, 0.5]);
        Approx.Equal(0.75, metrics.OffloadedFraction);              // (1 + 0.5) / 2
        Assert.Equal(2, metrics.OffloadedTasks);
        Approx.Equal(200e3, metrics.ServedBits);                    // offloaded + local
        Approx.Equal(200e3, metrics.ArrivedBits);
        Approx.Equal(0, metrics.BufferedBitsAfter);
    }

    [Fact]
    public void TaskReward_IsPrivacyMinusCostMinusThePenaltyOfAMissedDeadline()
    {
        var model = new SlotModel(Presets.Calibrated with { DeadlinePenalty = 2 }, 1, 1, 0.5);
        Approx.Equal(1 - 0.3 - 2, model.TaskReward(new TaskOutcome { Privacy = 1, Cost = 0.3, DeadlineMissed = true }));
        Approx.Equal(1 - 0.3, model.TaskReward(new TaskOutcome { Privacy = 1, Cost = 0.3, DeadlineMissed = false }));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Beta_OutsideZeroToOne_IsRefused(double beta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlotModel(Presets.Calibrated, 1, 1, beta));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Beta_AtItsBounds_IsAccepted(double beta) => Assert.Equal(beta, new SlotModel(Presets.Calibrated, 1, 1, beta).Beta);

    [Fact]
    public void ObservationBounds_ChannelsAreAtMostOne_DataAndBacklogUnbounded()
    {
        // N = 2, M = 1, extended: blocks (d1, d0, g) of 3 values per miner, then the backlog at index 6.
        var space = new ObservationSpace(2, 1, extended: true);
        Assert.Equal(7, space.Dimension);
        Assert.Equal(3, space.BlockStart(1));
        double[] high = Enumerable.Range(0, 7).Select(space.High).ToArray();
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity, 1, double.PositiveInfinity, double.PositiveInfinity, 1, double.PositiveInfinity], high);
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal(0, space.Low(i)));
    }

    [Fact]
    public void BinaryActions_CountAndCodes()
    {
        Assert.Equal(8, new ActionSpace(3).BinaryActionCount);
        Assert.Equal(1L << 62, new ActionSpace(62).BinaryActionCount);
        Assert.Null(new ActionSpace(63).BinaryActionCount);

        var action = new double[3];
        ActionSpace.DecodeBinary(5, action); // 0b101: tasks 0 and 2 offload
        Assert.Equal([1.0, 0, 1], action);
        ActionSpace.DecodeBinary(6, action); // 0b110
        Assert.Equal([0.0, 1, 1], action);
    }

    [Fact]
    public void Step_CountsSlots_AndASavedStateResumesTheSameTrajectory()
    {
        var settings = new EnvironmentSettings { Miners = 2, TasksPerMiner = 2, Beta = 0.5 };
        var env = new MiningEnvironment(Presets.Calibrated, settings);
        env.Reset(11);
        double[] action = [1, 0, 0.5, 1];
        env.Step(action);
        env.Step(action);
        Assert.Equal(2, env.Slot);

        using var saved = new MemoryStream();
        using (var writer = BinaryFormat.Writer(saved))
        {
            env.SaveState(writer);
        }

        double[] savedObservation = env.Observation.ToArray();
        var expected = Enumerable.Range(0, 3).Select(_ => (env.Step(action).Metrics.Reward, env.Observation.ToArray())).ToArray();
        Assert.Equal(5, env.Slot);

        var restored = new MiningEnvironment(Presets.Calibrated, settings);
        saved.Position = 0;
        using (var reader = BinaryFormat.Reader(saved))
        {
            restored.LoadState(reader);
        }

        Assert.Equal(2, restored.Slot);
        Assert.Equal(savedObservation, restored.Observation.ToArray()); // the observation is rebuilt on loading
        foreach (var (reward, observation) in expected)
        {
            Assert.Equal(reward, restored.Step(action).Metrics.Reward);
            Assert.Equal(observation, restored.Observation.ToArray());
        }
    }

    [Theory]
    [InlineData(1.0, false)] // channel_persistence 1: the channel never changes
    [InlineData(0.0, true)]  // channel_persistence 0: it changes every slot
    public void ChannelChain_AtTheExtremesOfPersistence(double persistence, bool flips)
    {
        var env = new MiningEnvironment(Presets.Calibrated with { ChannelPersistence = persistence }, new EnvironmentSettings { Miners = 3, TasksPerMiner = 1, Beta = 0.5 });
        env.Reset(3);
        int g(int miner) => (int)env.Observation[env.ObservationSpace.BlockStart(miner) + env.ObservationSpace.PerMiner - 1];
        for (int t = 0; t < 50; t++)
        {
            int[] before = [g(0), g(1), g(2)];
            env.Step([0.0, 0, 0]);
            Assert.Equal(before.Select(c => flips ? 1 - c : c), [g(0), g(1), g(2)]);
        }
    }

    [Fact]
    public void Step_NumbersThatOverflow_StopTheRunNamingTheExtremeKey()
    {
        // An energy unit of 5e-324 J is inside its domain (positive) but makes beta / unit infinite.
        var env = new MiningEnvironment(Presets.Calibrated with { EnergyUnitJoules = 5e-324 }, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        env.Reset(1);
        var error = Assert.Throws<ConfigurationException>(() => env.Step([1.0]));
        Assert.StartsWith("slot 0: the model's numbers overflow (reward ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("check the extreme config keys: energy_unit_joules=5E-324", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_ClearsBuffersAndOutcomes_AndStepBeforeResetSaysSo()
    {
        // A bad channel at 2e5 bit/s cannot carry two 100-kbit tasks offloaded whole: data stays buffered.
        var env = new MiningEnvironment(Presets.Calibrated with { RateGoodBps = 2e5, RateBadBps = 2e5, ArrivalMinBits = 3e5, ArrivalMaxBits = 3e5 }, new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 });
        var error = Assert.Throws<InvalidOperationException>(() => env.Step([1.0, 1.0]));
        Assert.Equal("call Reset(seed) before Step", error.Message);
        env.Reset(1);
        env.Step([1.0, 1.0]);
        Assert.Contains(env.BufferedBits.ToArray(), d0 => d0 > 0);
        Assert.Contains(env.LastOutcomes.ToArray(), o => o.ServedOffloadBits > 0);
        env.Reset(2);
        Assert.All(env.BufferedBits.ToArray(), d0 => Assert.Equal(0, d0));
        Assert.All(env.LastOutcomes.ToArray(), o => Assert.Equal(0, o.ServedOffloadBits));
        Assert.Equal(0, env.Slot);
        Assert.Equal(0, env.MecBacklogCycles);
    }

    [Fact]
    public void Environment_ANegativeEpisodeLength_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5, EpisodeSlots = -1 }));

    [Fact]
    public void Step_AnInfinitePrivacy_StopsTheRunToo()
    {
        // A privacy unit of 5e-324 bits makes the usage privacy |D0 - Do| / d_unit * I(g >= eps) of an offloaded task
        // infinite (eps = 0: every channel counts) while its cost stays finite.
        var env = new MiningEnvironment(Presets.Calibrated with { PrivacyUnitBits = 5e-324, GoodChannelThreshold = 0 }, new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 });
        env.Reset(1);
        var error = Assert.Throws<ConfigurationException>(() => env.Step([1.0]));
        Assert.EndsWith("check the extreme config keys: privacy_unit_bits=5E-324", error.Message, StringComparison.Ordinal);
    }
}
