using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// RL-privacy's model file and training state: what is written is read back whole (a loaded agent continues bit for bit
/// as the one that saved), and a file that does not fit these options, or whose Dyna model points outside the tables,
/// is refused with a message saying what is wrong.
/// </summary>
public sealed class RlPrivacyCheckpointTests
{
    private static readonly EnvironmentSettings Single = new() { Miners = 1, TasksPerMiner = 1, Beta = 0.5 };

    /// <summary>All three techniques on, with a short boot so that the test stays fast.</summary>
    private static readonly RlPrivacyOptions Options = new() { HotBootSlots = 20 };

    private static RlPrivacyAgent Trained(int slots)
    {
        var agent = new RlPrivacyAgent(Options);
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(3);
        agent.BeginTraining(environment, 3);
        for (int t = 0; t < slots; t++)
        {
            agent.TrainSlot(environment, epsilon: 0.5);
        }

        return agent;
    }

    private static byte[] TrainingState(RlPrivacyAgent agent)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            agent.SaveTrainingState(writer);
        }

        return stream.ToArray();
    }

    private static byte[] ModelFile(RlPrivacyAgent agent)
    {
        using var stream = new MemoryStream();
        agent.SaveModel(stream);
        return stream.ToArray();
    }

    [Fact]
    public void TrainingState_RoundTrip_ContinuesBitForBit()
    {
        var saved = Trained(30);
        var loaded = new RlPrivacyAgent(Options);
        byte[] state = TrainingState(saved);

        RlPrivacyStateFile.Load(loaded, state);

        Assert.Equal(state, TrainingState(loaded));
        Assert.Equal(saved.ModelledPairs, loaded.ModelledPairs);
        Assert.Equal(5, loaded.ActionCount);
        var read = RlPrivacyStateFile.Read(state);
        Assert.Equal(0.8, read.ChannelPersistence); // the calibrated preset's, not the constructor's placeholder
        Assert.True(read.MetPairs.Length > 1, "the Dyna model holds several pairs");
        Assert.Contains(read.PostDecisionValues, v => v != 0);

        // Both continue on identical environments: the same explorations, replays and updates.
        var first = new MiningEnvironment(Presets.Calibrated, Single);
        var second = new MiningEnvironment(Presets.Calibrated, Single);
        first.Reset(11);
        second.Reset(11);
        for (int t = 0; t < 30; t++)
        {
            var a = saved.TrainSlot(first, epsilon: 0.5);
            var b = loaded.TrainSlot(second, epsilon: 0.5);
            Assert.Equal(a.Loss, b.Loss);
        }

        Assert.Equal(TrainingState(saved), TrainingState(loaded));
    }

    /// <summary>
    /// The met pairs are the last 8 * count bytes before the generator's 32: pair then next state. A pair lies in
    /// [0, 40 * 5) and a next state in [0, 40); the bounds themselves are accepted, one past them refused.
    /// </summary>
    [Theory]
    [InlineData(-1, 0, false)]
    [InlineData(200, 0, false)]
    [InlineData(0, -1, false)]
    [InlineData(0, 40, false)]
    [InlineData(0, 0, true)]
    [InlineData(199, 39, true)]
    public void TrainingState_DynaPairsOutsideTheTables_AreRefused(int pair, int next, bool accepted)
    {
        var agent = Trained(5);
        byte[] state = TrainingState(agent);
        int at = state.Length - 32 - (8 * agent.ModelledPairs);
        BitConverter.TryWriteBytes(state.AsSpan(at), pair);
        BitConverter.TryWriteBytes(state.AsSpan(at + 4), next);
        var loaded = new RlPrivacyAgent(Options);

        if (accepted)
        {
            RlPrivacyStateFile.Load(loaded, state);
            Assert.Equal(pair, RlPrivacyStateFile.Saved(loaded).MetPairs[0].Pair);
        }
        else
        {
            var error = Assert.Throws<InvalidDataException>(() => RlPrivacyStateFile.Load(loaded, state));
            Assert.Equal("the RL-privacy Dyna model is malformed", error.Message);
        }
    }

    [Fact]
    public void Model_RoundTrip_ActsAsTheSaved()
    {
        var saved = Trained(30);
        var loaded = new RlPrivacyAgent(Options);

        RlPrivacyStateFile.LoadModel(loaded, ModelFile(saved));

        Assert.Equal(saved.QTable.ToArray(), loaded.QTable.ToArray());
        Assert.Equal(5, loaded.ActionCount);
        Assert.Equal(0, loaded.ModelledPairs); // a model file carries no Dyna model
        Assert.Equal(ModelFile(saved), ModelFile(loaded));
        var environment = new MiningEnvironment(Presets.Calibrated, Single);
        environment.Reset(2);
        double[] mine = new double[1], theirs = new double[1];
        for (int t = 0; t < 10; t++)
        {
            saved.Act(environment, mine);
            loaded.Act(environment, theirs);
            Assert.Equal(mine, theirs);
            environment.Step(mine);
        }
    }

    [Fact]
    public void Model_WithOtherRates_IsRefused()
    {
        byte[] model = ModelFile(Trained(3));

        var fewer = Assert.Throws<InvalidDataException>(() => RlPrivacyStateFile.LoadModel(new RlPrivacyAgent(new RlPrivacyOptions { Rates = [0, 0.5, 1] }), model));
        Assert.Equal("RL-privacy Q-table: the number of offloading rates is 5, expected 3", fewer.Message);

        var other = Assert.Throws<InvalidDataException>(() => RlPrivacyStateFile.LoadModel(new RlPrivacyAgent(new RlPrivacyOptions { Rates = [0, 0.25, 0.5, 0.75, 0.9] }), model));
        Assert.Equal("the Q-table's offloading rates differ from these options", other.Message);
    }

    [Fact]
    public void Model_WithATableOfAnotherLength_IsRefused()
    {
        // 40 states x 5 rates = 200 entries expected; the file says 199.
        var space = PrivacyStateSpace.For(Presets.Calibrated, 1, 5);
        byte[] model = RlPrivacyStateFile.Model(space, new RlPrivacyOptions().Rates, new double[199]);

        var error = Assert.Throws<InvalidDataException>(() => RlPrivacyStateFile.LoadModel(new RlPrivacyAgent(), model));

        Assert.Equal("RL-privacy Q-table: a table's length is 199, expected 200", error.Message);
    }

    [Fact]
    public void Model_OfAnotherKind_IsRefusedByName()
    {
        // A CMDP policy file starts with "EMCD" (0x44434D45), version 1.
        using var cmdp = new MemoryStream();
        using (var writer = BinaryFormat.Writer(cmdp))
        {
            new BinaryFormat("CMDP policy", 0x44434D45, 1).WriteHeader(writer);
        }

        cmdp.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => new RlPrivacyAgent().LoadModel(cmdp));

        Assert.StartsWith("not an EdgeMine RL-privacy Q-table: magic 0x44434D45", error.Message);
    }

    [Fact]
    public void SaveModel_BeforeTraining_SaysSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RlPrivacyAgent().SaveModel(new MemoryStream()));
        Assert.Equal("the RL-privacy agent is neither trained nor loaded", error.Message);
    }
}
