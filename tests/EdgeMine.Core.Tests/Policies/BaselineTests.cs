using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Tests.Policies;

public class BaselineTests
{
    private static MiningEnvironment Environment(int tasks)
    {
        var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1, TasksPerMiner = tasks, Beta = 0.5 });
        env.Reset(0);
        return env;
    }

    [Fact]
    public void NeverOffload_KeepsEveryTaskLocal()
    {
        var action = Enumerable.Repeat(0.7, 5).ToArray();
        new NeverOffload().Act(Environment(5), action);
        Assert.Equal(new double[5], action);
        Assert.Equal("no", new NeverOffload().Name);
    }

    [Fact]
    public void AlwaysOffload_OffloadsEveryTask()
    {
        var action = new double[5];
        new AlwaysOffload().Act(Environment(5), action);
        Assert.Equal(Enumerable.Repeat(1.0, 5), action);
        Assert.Equal("eo", new AlwaysOffload().Name);
    }

    [Fact]
    public void RandomOffload_FlipsFairBinaryCoinsForEveryTaskBeyondSixtyFour()
    {
        // 130 tasks (three 64-bit draws) x 200 slots = 26000 coins: mean 0.5, sd 0.5 / sqrt(26000) = 0.0031.
        var env = Environment(130);
        var policy = new RandomOffload();
        policy.Reset(17);
        var action = new double[130];
        double sum = 0;
        var perTask = new double[130];
        for (int t = 0; t < 200; t++)
        {
            policy.Act(env, action);
            for (int i = 0; i < action.Length; i++)
            {
                Assert.True(action[i] is 0 or 1);
                sum += action[i];
                perTask[i] += action[i];
            }
        }

        Assert.InRange(sum / 26000, 0.48, 0.52);
        Assert.All(perTask, count => Assert.InRange(count, 50, 150)); // Binomial(200, 0.5): +- 7 sd; tasks 64+ are not stuck
    }

    [Fact]
    public void RandomOffload_ResetWithSameSeed_RepeatsItsActions()
    {
        var env = Environment(8);
        var policy = new RandomOffload();
        double[] Draw(ulong seed)
        {
            policy.Reset(seed);
            var all = new List<double>();
            var action = new double[8];
            for (int t = 0; t < 10; t++)
            {
                policy.Act(env, action);
                all.AddRange(action);
            }

            return [.. all];
        }

        Assert.Equal(Draw(3), Draw(3));
        Assert.NotEqual(Draw(3), Draw(4));
    }

    [Fact]
    public void GoodChannelOffload_OffloadsExactlyTheTasksOfMinersWithAGoodChannel()
    {
        // GO (MODEL.md section 7): x_nm = 1 when g_n is good, else 0, read here from the observation's g[n] entries.
        var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 4, TasksPerMiner = 3, Beta = 0.5 });
        env.Reset(5);
        var policy = new GoodChannelOffload();
        var action = new double[12];
        int good = 0, bad = 0;
        for (int t = 0; t < 50; t++)
        {
            policy.Act(env, action);
            for (int n = 0; n < 4; n++)
            {
                double g = env.Observation[(n * 7) + 6];
                for (int m = 0; m < 3; m++)
                {
                    Assert.Equal(g, action[(n * 3) + m]);
                }

                (good, bad) = g == 1 ? (good + 1, bad) : (good, bad + 1);
            }

            env.Step(action);
        }

        Assert.True(good > 0 && bad > 0, "the trajectory met both channel states");
        Assert.Equal("go", policy.Name);
    }

    [Fact]
    public void Catalogue_ListsEveryBaselineByName_GoAmongThem()
    {
        Assert.Equal(["no", "eo", "go", "random", "optimal", "optimal-fractional", "lookahead", "mdp-optimal"], Schemes.SchemeCatalog.Core.Baselines.Select(b => b.Name));
        Assert.IsType<GoodChannelOffload>(Schemes.SchemeCatalog.Core.Baseline("go", "--policy").Create());
        Assert.IsType<EdgeMine.Policies.Sequential.MdpOptimalPolicy>(Schemes.SchemeCatalog.Core.Baseline("mdp-optimal", "--policy").Create());

        // The sequential references tune or solve per instance: comparisons evaluate them only when asked for.
        Assert.Equal(["no", "eo", "go", "random", "optimal", "optimal-fractional"], Schemes.BaselineScheme.All.Select(b => b.Name));
    }
}
