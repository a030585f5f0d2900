using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Sequential;
using EdgeMine.Simulation;

namespace EdgeMine.Tests.Sequential;

/// <summary>
/// The MDP optimum (<c>mdp-optimal</c>): tiny instances solved by hand, convergence, equality with the per-slot optimum
/// where nothing carries over, and its reach.
/// </summary>
public class MdpOptimumTests
{
    /// <summary>
    /// One miner, one task, deterministic arrivals, a channel that changes nothing, so that the backlog takes only the
    /// levels 0, C/2, C, 3C/2, ... (C = F dt = 1.2e9 cycles) and the problem is a deterministic graph. By hand, from the
    /// paper-literal constants (beta 0.5, e_unit = l_unit = 1 s, d_unit as given, threshold 0 so every channel counts as
    /// good for eq. 8 and none as bad for eq. 9, rate 10 Mbit/s in both states, gamma = 0):
    /// <list type="bullet">
    /// <item>local: Ll = 1e5 x 4.75e-7 = 0.0475 s, El = 1e5 x 3.25e-7 = 0.0325 J, cost 0.5 x 0.0325 + 0.5 x 0.0475 = 0.04, Pu =
    /// |D0 - 0| = 0: reward -0.04;</item>
    /// <item>offloaded at backlog Q: Lu = 1e5 / 1e7 = 0.01 s, Lp = 1e5 x 18000 / 1.2e9 = 1.5 s, Lq = Q / F, Eo = 0.5 x 0.01 +
    /// 0.05 Q / F; cost 0.5 (0.005 + 0.05 Q/F) + 0.5 (1.51 + Q/F) = 0.7575 + 0.525 Q/F; Pu = 1e5 / d_unit. It adds
    /// X d = 1.8e9 = 1.5 C cycles, so Q goes up by C/2; a local slot takes Q down by C (to 0 at most).</item>
    /// </list>
    /// With the gain G0 = 1e5 / d_unit - 0.7175 of offloading at an empty MEC and kappa C = 0.525 the backlog cost of one
    /// slot of capacity, the cycles of the graph from 0 are: never offload (mean 0 above the local reward); offload at 0,
    /// local at C/2 (mean G0 / 2); offload at 0 and C/2, local at C (mean (2 G0 - kappa C / 2) / 3); no cycle offloads in
    /// more than 2 of 3 slots (a local slot drains at most two levels), and the rest queue higher. So the optimal average
    /// reward is -0.04 + max(0, G0 / 2, (2 G0 - 0.2625) / 3).
    /// </summary>
    [Theory]
    [InlineData(1e3, -0.04 + ((2 * 99.2825) - 0.2625) / 3)] // G0 = 99.2825 > kappa C: offload at 0 and C/2
    [InlineData(1e5, -0.04 + (0.2825 / 2))]                  // 0 < G0 = 0.2825 < kappa C: offload at 0 only
    [InlineData(1e7, -0.04)]                                 // G0 = 0.01 - 0.7175 < 0: never offload
    public void Solve_TwoBacklogLevels_GainIsTheHandWorkedOptimum(double privacyUnitBits, double expected)
    {
        var parameters = Presets.PaperLiteral with
        {
            GoodChannelThreshold = 0,
            RateBadBps = 10e6,
            ArrivalMinBits = 100e3,
            ArrivalMaxBits = 100e3,
            MecEnergyCoefficient = 0,
            MecCapacityHz = 1.2e9,
            PrivacyUnitBits = privacyUnitBits,
        };
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };
        var grid = MdpGrid.Default with { BacklogStepsPerCapacity = 2 }; // the levels C/2 apart are grid points

        var solved = MdpOptimum.Solve(parameters, settings, grid);

        Approx.Equal(expected, solved.Solution.Gain, "gain of the DP", relative: 1e-6, absolute: 1e-9);
        Assert.InRange(expected, solved.Solution.GainLow - 1e-9, solved.Solution.GainHigh + 1e-9);

        // The policy in the environment repeats its cycle from an empty MEC: 3000 slots hold whole cycles of 1, 2 or 3.
        var simulated = PolicyEvaluation.Evaluate(parameters, settings, new MdpOptimalPolicy(grid), 1, 3000, 1000);
        Approx.Equal(expected, simulated.Reward.Mean, "simulated mean reward", relative: 1e-9, absolute: 1e-12);
    }

    /// <summary>Calibrated, one task of 3 Mbit a slot, a channel that changes nothing (rate 10 Mbit/s in both states, threshold 0), no privacy (d_unit 1e30 bits).</summary>
    private static ModelParameters ThreeMegabitsATask { get; } = Presets.Calibrated with
    {
        GoodChannelThreshold = 0,
        RateBadBps = 10e6,
        ArrivalMinBits = 3e6,
        ArrivalMaxBits = 3e6,
        PrivacyUnitBits = 1e30,
    };

    /// <summary>
    /// One miner, one task of 3 Mbit a slot, above the 2.1 Mbit it can execute locally but below the 10 Mbit it can
    /// upload in either channel state; nothing counts for privacy (d_unit 1e30 bits, threshold 0 so no location privacy),
    /// so each served bit only costs. By hand (calibrated units, beta 0.5, K = 1, F = 10 GHz): offloading costs
    /// 0.5 x (0.5 x 1e-7) / 0.0325 + 0.5 x (1e-7 + 1e-7) / 0.0475 = 2.8745...e-6 per bit (upload 1e-7 s/bit at 0.5 W,
    /// processing 1000 / 1e10 s/bit, compute energy 1e-26 (10)^3 x 1e-7 J/bit, negligible), executing locally 0.5 x 3.25e-7 /
    /// 0.0325 + 0.5 x 4.75e-7 / 0.0475 = 1e-5 per bit. Every stable policy serves all 3 Mbit a slot on average; it can
    /// only choose how many bits go each way, and each local slot serves 2.1 Mbit locally and leaves 0.9 Mbit to be
    /// offloaded later. Local bits cost more, so offloading every slot is optimal: gain -3e6 x c_offload.
    /// </summary>
    [Fact]
    public void Solve_BuffersWhereOffloadingIsCheaper_GainIsTheHandWorkedOptimum()
    {
        var parameters = ThreeMegabitsATask;
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };
        double offloadPerBit = (0.5 * (0.5 * 1e-7 + (1e-26 * 1e3 * 1e-7)) / 0.0325) + (0.5 * (1e-7 + 1e-7) / 0.0475);
        double expected = -3e6 * offloadPerBit;

        var solved = MdpOptimum.Solve(parameters, settings, MdpGrid.Default);

        Assert.IsType<BufferMdp>(solved.Model);
        Approx.Equal(expected, solved.Solution.Gain, "gain of the DP", relative: 1e-6, absolute: 1e-9);
        var simulated = PolicyEvaluation.Evaluate(parameters, settings, new MdpOptimalPolicy(), 1, 500, 1000);
        Approx.Equal(expected, simulated.Reward.Mean, "simulated mean reward", relative: 1e-9, absolute: 1e-12);
    }

    /// <summary>
    /// As above with local execution the cheaper way (local energy 3.25e-8 J/bit, transmit power 5 W): per bit, local costs
    /// c_l = 0.5 x 3.25e-8 / 0.0325 + 0.5 x 4.75e-7 / 0.0475 = 5.5e-6 and offloading c_o = 0.5 x 5 x 1e-7 / 0.0325 + 0.5 x
    /// 2e-7 / 0.0475 = 9.7976e-6 (upload 1e-7 s/bit, processing 1e-7 s/bit). Waiting costs nothing in the model, so a
    /// policy that never offloads would buffer 0.9 Mbit a slot forever; the grid's reflecting top rules that out, and the
    /// MDP optimum is the best policy whose buffers stay bounded. Such a policy serves the 3 Mbit a slot on average; a
    /// local slot serves L = dt / t_local = 2.105 Mbit, an offload slot at most U = 10 Mbit (the upload cap), so the share
    /// of local slots is at most f* = (U - d) / (U - L) and the reward at most g* = -(c_l L f* + c_o (d - L f*)). Seven local
    /// slots and one offload that clears the buffer (7 x 0.895 + 3 = 9.26 Mbit, under U) is such a policy:
    /// -(7 c_l L + c_o (8 d - 7 L)) / 8. The MDP optimum's gain lies between the two.
    /// </summary>
    [Fact]
    public void Solve_FreeWaitingCheaperLocally_BestPolicyWithBoundedBuffers()
    {
        var parameters = ThreeMegabitsATask with { LocalJoulesPerBit = 3.25e-8, TransmitWatts = 5 };
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };
        double local = (0.5 * 3.25e-8 / 0.0325) + (0.5 * 4.75e-7 / 0.0475);
        double offload = (0.5 * ((5 * 1e-7) + (1e-26 * 1e3 * 1e-7)) / 0.0325) + (0.5 * (1e-7 + 1e-7) / 0.0475);
        double d = 3e6, l = 1 / 4.75e-7, u = 1e7;
        double share = (u - d) / (u - l);
        double best = -((local * l * share) + (offload * (d - (l * share))));
        double cycle = -((7 * local * l) + (offload * ((8 * d) - (7 * l)))) / 8;

        var solved = MdpOptimum.Solve(parameters, settings, MdpGrid.Default);
        var simulated = PolicyEvaluation.Evaluate(parameters, settings, new MdpOptimalPolicy(solved), 1, 4000, 1000);

        // The gain is the long-run average; it interpolates between grid points, which keeps the bits' balance in
        // expectation, so g* still bounds it (up to the tolerance of relative value iteration).
        Assert.InRange(solved.Solution.Gain, cycle, best + (MdpGrid.Default.RelativeTolerance * Math.Abs(best)));

        // In a finite run the buffer left at the end is never paid for (waiting is free): the run earns at most g* plus
        // c_o times what it leaves buffered, spread over its slots, and its buffers stay on the grid.
        var top = ((BufferMdp)solved.Model).Top;
        Assert.InRange(simulated.Reward.Mean, cycle, best + (offload * top / 4000));
        Assert.True(simulated[Metrics.Buffered].Mean < top, $"buffers {simulated[Metrics.Buffered].Mean}, top {top}");
    }

    /// <summary>The span of the last backup is below the tolerance, so the gain's bounds are that tight.</summary>
    [Fact]
    public void Solve_PaperLiteralSingleMiner_GainBoundsWithinTheTolerance()
    {
        var grid = MdpGrid.Default;
        var solved = MdpOptimum.Solve(Presets.PaperLiteral, new EnvironmentSettings { Miners = 1, TasksPerMiner = 6, Beta = 0.5 }, grid);

        var s = solved.Solution;
        Assert.True(s.GainHigh >= s.GainLow);
        Assert.True(s.GainHigh - s.GainLow < grid.RelativeTolerance * Math.Max(1, Math.Abs(s.Gain)), $"span {s.GainHigh - s.GainLow}");
        Assert.True(solved.Model.Points > 1, "the backlog carries over at M = 6: 6 x 150 kbit x 18000 = 1.62e10 cycles > 1e10");
    }

    /// <summary>
    /// Halving the grid step (m = 4 to 8 steps per slot's capacity) changes the DP's gain by less than 0.05% at paper-literal
    /// N = 1, M = 6 (docs/sequential.md states the same measurement at M = 12: 0.003%).
    /// </summary>
    [Fact]
    public void Solve_FinerGrid_ChangesTheGainByLessThanATwentiethOfAPercent()
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 6, Beta = 0.5 };
        var coarse = MdpOptimum.Solve(Presets.PaperLiteral, settings, MdpGrid.Default).Solution.Gain;
        var fine = MdpOptimum.Solve(Presets.PaperLiteral, settings, MdpGrid.Default with { BacklogStepsPerCapacity = 8 }).Solution.Gain;

        Assert.True(Math.Abs(fine - coarse) < 5e-4 * Math.Abs(coarse), $"coarse {coarse}, fine {fine}");
    }

    /// <summary>
    /// Where nothing carries over the value of the next state is a constant and the MDP optimum takes the per-slot
    /// optimum's action in every slot: the calibrated preset (the bandit case) and paper-literal at M = 2 (2 x 150 kbit x
    /// 18000 = 5.4e9 cycles, below F dt = 1e10).
    /// </summary>
    [Theory]
    [InlineData("calibrated", 2)]
    [InlineData("calibrated", 12)]
    [InlineData("paper-literal", 2)]
    public void Act_NothingCarriesOver_TakesThePerSlotOptimumsAction(string preset, int tasks)
    {
        var parameters = Presets.Find(preset)!;
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = tasks, Beta = 0.5 };
        Assert.True(CarryOver.Of(parameters, 1, tasks).Nothing);
        var environment = new MiningEnvironment(parameters, settings);
        var optimum = new PerSlotOptimum();
        var mdp = new MdpOptimalPolicy();
        var expected = new double[tasks];
        var actual = new double[tasks];
        environment.Reset(PolicyEvaluation.EnvironmentSeed(1000, 0));
        for (int t = 0; t < 500; t++)
        {
            optimum.Act(environment, expected);
            mdp.Act(environment, actual);
            Assert.Equal(expected, actual);
            environment.Step(expected);
        }
    }

    /// <summary>
    /// Paper-literal, N = 1, M = 12 (the instance): the backlog carries over (12 x 150 kbit x 18000 = 3.24e10
    /// cycles a slot at most, above F dt = 1e10), and the MDP optimum earns more than the per-slot optimum beyond noise on
    /// the paired differences of 5 common runs of 3000 slots (the per-slot optimum's backlog needs that long to grow).
    /// </summary>
    [Fact]
    public void Evaluate_BacklogCarriesOver_BeatsThePerSlotOptimumBeyondNoise()
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 };
        var mdp = PolicyEvaluation.Evaluate(Presets.PaperLiteral, settings, new MdpOptimalPolicy(), 5, 3000, 1000);
        var optimum = PolicyEvaluation.Evaluate(Presets.PaperLiteral, settings, new PerSlotOptimum(), 5, 3000, 1000);

        var difference = Estimate.Of(mdp.PerRun[Metrics.Reward].Zip(optimum.PerRun[Metrics.Reward], (a, b) => a - b).ToArray());
        Assert.True(difference.Low > 0, $"paired difference {difference.Mean} ± {difference.HalfWidth}");
    }

    /// <summary>
    /// The solved MDP is kept per instance for the process and shared; policies acting on it from several threads (as a
    /// sweep's cells do) give the runs they give one by one.
    /// </summary>
    [Fact]
    public void Act_FromSeveralThreads_SameRunsAsOneByOne()
    {
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 8, Beta = 0.5 };
        double Run(int run) => PolicyEvaluation.Evaluate(Presets.PaperLiteral, settings, new MdpOptimalPolicy(), 1, 300, (ulong)(2000 + run)).Reward.Mean;
        var alone = Enumerable.Range(0, 4).Select(Run).ToArray();
        var together = new double[4];

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, run => together[run] = Run(run));

        Assert.Equal(alone, together);
    }

    [Theory]
    [InlineData(5, 2, "mdp-optimal: out of reach at N = 5, M = 2: the carried state is low-dimensional only for a single miner; allowed: N = 1 (beyond, use lookahead and upper-bound)")]
    [InlineData(1, 14, "mdp-optimal: out of reach at N = 1, M = 14: both the buffers and the MEC backlog carry over; allowed: instances where at most one of them can")]
    public void Prepare_OutOfReach_RefusesInOneLine(int miners, int tasks, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new MdpOptimalPolicy().Prepare(Presets.PaperLiteral, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = 0.5 }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Prepare_DeadlinePenalty_Refused()
    {
        var parameters = Presets.PaperLiteral with { DeadlinePenalty = 1 };

        var error = Assert.Throws<ConfigurationException>(() =>
            new MdpOptimalPolicy().Prepare(parameters, new EnvironmentSettings { Miners = 1, TasksPerMiner = 12, Beta = 0.5 }));

        Assert.Equal("mdp-optimal: out of reach at N = 1, M = 12: deadline_penalty = 1 makes a task's reward step with the backlog; allowed: deadline_penalty = 0", error.Message);
    }
}
