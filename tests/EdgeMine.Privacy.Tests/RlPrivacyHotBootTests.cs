using EdgeMine.Model;
using EdgeMine.Privacy;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// RL-privacy's hot boot against its contract (class remarks and <see cref="RlPrivacyOptions.HotBootSlots"/>): before
/// training, HotBootSlots slots in total, shared equally among the arrival scales (the last scenario takes the
/// remainder), scenario i's arrival bounds the target's times scale i, its environment reset with
/// SeedMixer.Derive(seed, 100 + i), each slot explored with epsilon 1 (a coin, then a uniform rate) and learned from,
/// binned with the target's bins.
/// </summary>
public sealed class RlPrivacyHotBootTests
{
    private static readonly EnvironmentSettings Single = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    [Theory]
    [InlineData(5, new[] { 0.5, 1.0, 1.5 })] // shares 1, 1 and the remainder 3
    [InlineData(3, new[] { 0.5, 1.5 })]      // shares 1 and the remainder 2
    [InlineData(4, new[] { 0.5, 1.5 })]      // 2 and 2
    public void HotBoot_RunsExactlyHotBootSlotsExploringSlots(int slots, double[] scales)
    {
        // Without Dyna each hot-boot slot draws a coin and an action (NextInt(5)), nothing else: the generator after
        // BeginTraining is the seed's advanced by exactly `slots` such pairs.
        var options = new RlPrivacyOptions { UseDyna = false, UsePostDecisionStates = false, HotBootSlots = slots, HotBootArrivalScales = scales };
        var agent = new RlPrivacyAgent(options);
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(1);

        agent.BeginTraining(environment, 7);

        var generator = new Xoshiro256(7);
        for (int t = 0; t < slots; t++)
        {
            generator.NextDouble();
            generator.NextInt(5);
        }

        Assert.Equal(generator.SaveState(), RlPrivacyStateFile.Saved(agent).Generator);
    }

    [Fact]
    public void HotBoot_TwoScenarios_OneSlotEach_AreTwoUpdatesOnTheScaledScenarios()
    {
        // HotBootSlots 2 over scales (0.5, 1.5): one slot of [25, 75] kbit arrivals from SeedMixer.Derive(7, 100), then one
        // of [75, 225] kbit from Derive(7, 101). Replayed here: the same coins and actions from a generator seeded 7, the
        // same environments, and the two Q-learning updates Q(s, a) += alpha (r + gamma max Q(s', .) - Q(s, a)) on a
        // zero table binned with the target's bins (5 over [50, 150] kbit).
        const ulong Seed = 7;
        var options = new RlPrivacyOptions { UseDyna = false, UsePostDecisionStates = false, HotBootSlots = 2, HotBootArrivalScales = [0.5, 1.5] };
        var agent = new RlPrivacyAgent(options);
        var target = new MiningEnvironment(Presets.Calibrated, Single);
        target.Reset(1);

        agent.BeginTraining(target, Seed);

        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        var q = new double[space.Count * 5];
        var generator = new Xoshiro256(Seed);
        for (int i = 0; i < 2; i++)
        {
            double scale = options.HotBootArrivalScales[i];
            var scenario = Presets.Calibrated with { ArrivalMinBits = 50e3 * scale, ArrivalMaxBits = 150e3 * scale };
            var environment = new MiningEnvironment(scenario, Single);
            environment.Reset(SeedMixer.Derive(Seed, 100 + (ulong)i));
            int state = space.FromObservation(environment.Observation);
            generator.NextDouble();
            int action = generator.NextInt(5);
            double arrived = environment.ArrivedBits[0];
            double reward = environment.Step([options.Rates[action]]).Metrics.Reward;
            int next = space.FromObservation(environment.Observation);
            double nextMax = q.AsSpan(next * 5, 5).ToArray().Max();
            int pair = (state * 5) + action;
            q[pair] += options.LearningRate * (reward + (options.Discount * nextMax) - q[pair]);
            Assert.InRange(arrived, 50e3 * scale, 150e3 * scale);
        }

        var table = agent.QTable.ToArray();
        for (int i = 0; i < q.Length; i++)
        {
            Approx.Equal(q[i], table[i], $"Q entry {i}");
        }

        Assert.Contains(table, v => v != 0);
    }
}
