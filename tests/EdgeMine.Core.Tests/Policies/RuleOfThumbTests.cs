using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// Random's coins (one 64-bit draw per 64 tasks, task i its bit i mod 64, no draw wasted) and GO's rule, beyond the
/// 64 tasks and the null checks the other baseline tests do not reach.
/// </summary>
public sealed class RuleOfThumbTests
{
    private static MiningEnvironment Environment(int miners, int tasks)
    {
        var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = 0.5 });
        env.Reset(1);
        return env;
    }

    [Theory]
    [InlineData(64)]   // exactly one draw per slot: a second slot uses the second draw
    [InlineData(130)]  // three draws per slot, the last one partly used
    public void Random_EachTaskIsOneBitOfTheSlotsDraws(int tasks)
    {
        var env = Environment(1, tasks);
        var random = new RandomOffload();
        Assert.Equal("random", random.Name);
        random.Reset(42);
        var reference = new Xoshiro256(42);
        var action = new double[tasks];
        for (int slot = 0; slot < 3; slot++)
        {
            random.Act(env, action);
            ulong[] draws = Enumerable.Range(0, (tasks + 63) / 64).Select(_ => reference.NextUInt64()).ToArray();
            double[] expected = Enumerable.Range(0, tasks).Select(i => (double)((draws[i / 64] >> (i % 64)) & 1)).ToArray();
            Assert.Equal(expected, action);
        }
    }

    [Fact]
    public void Good_OffloadsEveryTaskOfAMinerOnAGoodChannel()
    {
        var env = Environment(3, 2);
        var action = new double[6];
        new GoodChannelOffload().Act(env, action);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(env.ChannelGood[i / 2] ? 1.0 : 0.0, action[i]);
        }

        Assert.Throws<ArgumentNullException>(() => new GoodChannelOffload().Act(null!, action));
    }
}
