using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

public class MiningEnvironmentTests
{
    private static EnvironmentSettings Settings(int miners, int tasksPerMiner, double beta = 0.5, bool extended = false, int episode = 0) =>
        new() { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = beta, ExtendedObservation = extended, EpisodeSlots = episode };

    /// <summary>Paper-literal with F = 1e9, a fixed D1 = 1e5 (d_min = d_max) and a frozen channel.</summary>
    private static ModelParameters FixedArrivals(ModelParameters preset) =>
        preset with { ArrivalMinBits = 1e5, ArrivalMaxBits = 1e5, ChannelPersistence = 1 };

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(1, 1));
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0]));
    }

    [Fact]
    public void Step_AlwaysOffloadBeyondMecCapacity_GrowsBacklogByExcessCycles()
    {
        // Paper-literal X = 18000, F = 1e9: one offloaded 1e5-bit task brings 1.8e9 cycles, the MEC retires 1e9 per slot.
        var p = FixedArrivals(Presets.PaperLiteral) with { MecCapacityHz = 1e9 };
        var env = new MiningEnvironment(p, Settings(1, 1));
        env.Reset(7);
        var first = env.Step([1.0]);
        Approx.Equal(0, first.Metrics.MecBacklogCycles, "Q(0)");
        Approx.Equal(8e8, env.MecBacklogCycles, "Q(1)");           // max(0, 0 + 1e5 * 18000 - 1e9 * 1)
        var second = env.Step([1.0]);
        Approx.Equal(8e8, second.Metrics.MecBacklogCycles, "Q at start of slot 1");
        Approx.Equal(0.8, env.LastOutcomes[0].QueuingSeconds, "Lq in slot 1"); // 8e8 / 1e9
        Approx.Equal(1.6e9, env.MecBacklogCycles, "Q(2)");         // 8e8 + 1.8e9 - 1e9
        env.Step([1.0]);
        Approx.Equal(2.4e9, env.MecBacklogCycles, "Q(3)");         // 1.6e9 + 1.8e9 - 1e9
        env.Step([0.0]);
        Approx.Equal(1.4e9, env.MecBacklogCycles, "Q(4)");         // 2.4e9 + 0 - 1e9
        env.Step([0.0]);
        Approx.Equal(4e8, env.MecBacklogCycles, "Q(5)");           // 1.4e9 - 1e9
        env.Step([0.0]);
        Approx.Equal(0, env.MecBacklogCycles, "Q(6)");             // max(0, 4e8 - 1e9)
    }

    [Fact]
    public void Step_UploadCapBinding_CarriesUnsentBitsIntoNextSlotsBufferAndObservation()
    {
        // Both rates 1e4 bit/s: whatever the channel, 1e4 bits leave per slot. D1 = 1e5 per slot, x = 1.
        var p = FixedArrivals(Presets.Calibrated) with { RateGoodBps = 1e4, RateBadBps = 1e4 };
        var env = new MiningEnvironment(p, Settings(1, 1));
        env.Reset(3);
        env.Step([1.0]);
        Approx.Equal(9e4, env.BufferedBits[0], "D0(1)");           // 0 + 1e5 - 1e4
        Approx.Equal(0.9, env.Observation[1], "observed D0(1)");   // 9e4 / d_unit 1e5
        env.Step([1.0]);
        Approx.Equal(1.8e5, env.BufferedBits[0], "D0(2)");         // 9e4 + 1e5 - 1e4
        Approx.Equal(9e4, env.LastOutcomes[0].BufferedBits, "D0 seen in slot 1");
        Approx.Equal(1.8, env.Observation[1], "observed D0(2)");
    }

    [Fact]
    public void Step_ChannelPersistenceOne_KeepsEveryChannelForever()
    {
        var env = new MiningEnvironment(Presets.Calibrated with { ChannelPersistence = 1 }, Settings(4, 1));
        env.Reset(11);
        bool[] start = env.ChannelGood.ToArray();
        for (int t = 0; t < 50; t++)
        {
            env.Step(new double[4]);
            Assert.Equal(start, env.ChannelGood.ToArray());
        }
    }

    [Fact]
    public void Step_ChannelPersistenceZero_FlipsEveryChannelEverySlot()
    {
        var env = new MiningEnvironment(Presets.Calibrated with { ChannelPersistence = 0 }, Settings(4, 1));
        env.Reset(11);
        for (int t = 0; t < 50; t++)
        {
            bool[] before = env.ChannelGood.ToArray();
            env.Step(new double[4]);
            Assert.Equal(before.Select(g => !g), env.ChannelGood.ToArray());
        }
    }

    [Fact]
    public void Step_DefaultPersistence_KeepsChannelAboutEightyPercentOfSlots()
    {
        // 10 miners x 2000 slots = 20000 transitions; stays ~ Binomial(20000, 0.8): sd = sqrt(20000 * 0.16) = 56.6.
        var env = new MiningEnvironment(Presets.Calibrated, Settings(10, 1));
        env.Reset(5);
        int stays = 0, good = 0;
        for (int t = 0; t < 2000; t++)
        {
            bool[] before = env.ChannelGood.ToArray();
            env.Step(new double[10]);
            for (int n = 0; n < 10; n++)
            {
                stays += before[n] == env.ChannelGood[n] ? 1 : 0;
                good += env.ChannelGood[n] ? 1 : 0;
            }
        }

        Assert.InRange(stays, 16000 - 300, 16000 + 300);           // 0.8 * 20000 +- 5.3 sd
        Assert.InRange(good, 10000 - 1000, 10000 + 1000);          // symmetric chain: half good (loose, correlated samples)
    }

    [Fact]
    public void Reset_DrawsInitialChannelsUniformly()
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(100, 1));
        int good = 0;
        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(seed);
            foreach (bool g in env.ChannelGood)
            {
                good += g ? 1 : 0;
            }
        }

        Assert.InRange(good, 2500 - 250, 2500 + 250);               // Binomial(5000, 0.5): sd 35.4, +- 7 sd
    }

    [Fact]
    public void Step_ArrivalsStayWithinArrivalBoundsAndCoverThem()
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(2, 3));
        env.Reset(9);
        double low = double.MaxValue, high = double.MinValue, sum = 0;
        int count = 0;
        for (int t = 0; t < 500; t++)
        {
            foreach (double d1 in env.ArrivedBits)
            {
                Assert.InRange(d1, 50e3, 150e3);
                low = Math.Min(low, d1);
                high = Math.Max(high, d1);
                sum += d1;
                count++;
            }

            env.Step(new double[6]);
        }

        Assert.True(low < 51e3 && high > 149e3, $"arrivals span [{low}, {high}]");
        Assert.InRange(sum / count, 100e3 - 2e3, 100e3 + 2e3);      // mean 1e5, sd of mean 28868 / sqrt(3000) = 527
    }

    [Fact]
    public void Reset_StartsWithEmptyBuffersAndMecAndSlotZero()
    {
        // F = 1e9 and 4 tasks of >= 5e4 bits * 18000 cycles = 3.6e9 cycles per slot at least: Q grows.
        var env = new MiningEnvironment(Presets.PaperLiteral with { MecCapacityHz = 1e9 }, Settings(2, 2));
        env.Reset(1);
        for (int t = 0; t < 20; t++)
        {
            env.Step([1.0, 1.0, 1.0, 1.0]);
        }

        Assert.True(env.MecBacklogCycles > 0, "the paper-literal MEC should have a backlog after 20 slots of EO");
        env.Reset(2);
        Assert.Equal(0, env.Slot);
        Assert.Equal(0, env.MecBacklogCycles);
        Assert.All(env.BufferedBits.ToArray(), d0 => Assert.Equal(0, d0));
    }

    [Fact]
    public void Reset_SameSeed_ReproducesTheTrajectory()
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(3, 2));
        double[] Run(ulong seed)
        {
            var rewards = new List<double>();
            env.Reset(seed);
            for (int t = 0; t < 30; t++)
            {
                rewards.Add(env.Step([1, 0, 0.5, 1, 0, 0.25]).Reward);
                rewards.AddRange(env.ArrivedBits.ToArray());
            }

            return [.. rewards];
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Step_TruncatesAtEpisodeLengthAndNeverTerminates()
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(1, 1, episode: 3));
        env.Reset(0);
        bool[] truncated = new bool[7];
        for (int t = 0; t < 7; t++)
        {
            var r = env.Step([0.0]);
            Assert.False(r.Terminated);
            truncated[t] = r.Truncated;
        }

        Assert.Equal([false, false, true, false, false, true, false], truncated);
    }

    [Theory]
    [InlineData(new[] { 0.0, 1.5 })]
    [InlineData(new[] { -0.1, 0.0 })]
    [InlineData(new[] { double.NaN, 0.0 })]
    [InlineData(new[] { 0.0 })]
    [InlineData(new[] { 0.0, 0.0, 0.0 })]
    public void Step_ActionOutsideUnitIntervalOrOfWrongLength_Throws(double[] action)
    {
        var env = new MiningEnvironment(Presets.Calibrated, Settings(1, 2));
        env.Reset(0);
        Assert.ThrowsAny<ArgumentException>(() => env.Step(action));
    }

    [Fact]
    public void ObservationSpace_NamesAndBoundsFollowTheDocumentedLayout()
    {
        // N = 2, M = 2, extended: per miner d1[n,0], d1[n,1], d0[n,0], d0[n,1], g[n]; then backlog. 2 * 5 + 1 = 11.
        var space = new ObservationSpace(2, 2, extended: true);
        Assert.Equal(11, space.Dimension);
        Assert.Equal(
            ["d1[0,0]", "d1[0,1]", "d0[0,0]", "d0[0,1]", "g[0]", "d1[1,0]", "d1[1,1]", "d0[1,0]", "d0[1,1]", "g[1]", "backlog"],
            space.Names);
        Assert.Equal(1, space.High(4));
        Assert.Equal(1, space.High(9));
        Assert.Equal(double.PositiveInfinity, space.High(10));
        Assert.Equal(double.PositiveInfinity, space.High(7));
        Assert.Equal(5, space.BlockStart(1));
        Assert.Equal(10, new ObservationSpace(2, 2, extended: false).Dimension);
    }
}
