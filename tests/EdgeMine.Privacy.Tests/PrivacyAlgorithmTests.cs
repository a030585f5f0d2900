using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>The two privacy baselines as learning algorithms: their names, labels (Fig. 7's legend) and limits.</summary>
public sealed class PrivacyAlgorithmTests
{
    [Fact]
    public void Cmdp_NameLabelAndLimits()
    {
        var cmdp = CmdpAlgorithm.Instance;
        Assert.Equal("cmdp", cmdp.Name);
        Assert.Equal("the constrained MDP of He et al. [28], solved as an occupation-measure LP (single miner)", cmdp.Description);
        Assert.Equal("CMDP [28]", cmdp.Label(LearnerAlgorithm.DefaultVariant));
        Assert.True(cmdp.IsSingleMiner);
        Assert.Equal(2, cmdp.MaxTasksPerMiner);
    }

    [Fact]
    public void RlPrivacy_NameLabelsAndLimits()
    {
        var rl = RlPrivacyAlgorithm.Instance;
        Assert.Equal("rl-privacy", rl.Name);
        Assert.Equal("Q-learning over offloading rates with Dyna, post-decision states and hot-booting, after Min et al. [29] (single miner)", rl.Description);
        Assert.Equal("RL-privacy [29]", rl.Label("default"));
        Assert.Equal("RL-privacy [29] (no-dyna)", rl.Label("no-dyna"));
        Assert.True(rl.IsSingleMiner);
        Assert.Equal(2, rl.MaxTasksPerMiner);
        Assert.Throws<ArgumentNullException>(() => rl.Create(null!));
        var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };
        var agent = Assert.IsType<RlPrivacyAgent>(rl.Create(new LearnerSpec("no-dyna", new Dictionary<string, string>(), settings)));
        Assert.False(agent.Options.UseDyna);
        Assert.IsType<CmdpPolicy>(CmdpAlgorithm.Instance.Create(new LearnerSpec("default", new Dictionary<string, string>(), settings)));
    }
}
