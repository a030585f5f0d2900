using System.Text;
using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>
/// The DRLO model files, field by field as their formats document them (SystemDqn, SharedDqn, WeightFile), so that a
/// model trained before a change loads after it: a change of layout fails here and needs a new format version.
/// </summary>
public sealed class ModelFileFormatTests
{
    [Fact]
    public void JointHeadModel_IsEmdaThenEmqnThenTwoWeightBlocksAndAdam()
    {
        // The paper's DQN with one hidden layer of 2 units, 3 observation values, 1 task: 2^1 = 2 joint actions.
        var learner = new JointHeadDqn(SystemDqnOptions.Paper with { HiddenSizes = [2], BatchSize = 2, ReplayCapacity = 4 });
        learner.BeginTraining(observationDim: 3, tasks: 1, seed: 1);
        using var reader = Saved(learner);

        Assert.Equal("EMDA", Magic(reader));
        Assert.Equal([1, 3, 1, 0], Ints(reader, 4));                  // version, observation length, tasks, head (joint)
        Assert.Equal("EMQN", Magic(reader));
        Assert.Equal([1, 3, 2, 0, 0, 1, 2], Ints(reader, 7));         // version, observation length, actions, head, dueling, hidden count, width
        Assert.Equal(0L, reader.ReadInt64());                          // updates made
        foreach (string network in new[] { "online", "target" })
        {
            // Weight file: "EMNW", version 1, 2 layers (3 x 2, 2 x 2), 3*2 + 2 + 2*2 + 2 floats, the checksum.
            Assert.True(Magic(reader) == "EMNW", network);
            Assert.Equal([1, 2, 3, 2, 2, 2], Ints(reader, 6));
            reader.BaseStream.Seek((4 * 14) + 8, SeekOrigin.Current);
        }

        Assert.Equal("EMAD", Magic(reader)); // Adam's state follows the networks
    }

    [Fact]
    public void SharedModel_IsEmsdThenTheOnlineWeightsOnly()
    {
        // DRLO's default at M = 2: features = own block (2 M + 1 = 5) + the global set (log N, backlog, good-channel
        // count: 3) + the mean-field offload count (1) = 9 inputs; hidden 64, 64; 2 M = 4 outputs. Feature flags: the
        // global set (1) | 0x200 mean field = 513.
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(
            LearnerAlgorithm.DefaultVariant, new Dictionary<string, string>(), new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 }));
        var environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 });
        environment.Reset(1);
        learner.BeginTraining(environment, 1);
        using var reader = Saved(learner);

        Assert.Equal("EMSD", Magic(reader));
        Assert.Equal([4, 2, 513, 9, 2, 64, 64], Ints(reader, 7));     // version, M, flags, feature dimension, hidden count, widths
        Assert.Equal(17, reader.ReadInt32());                          // the carried value: 17 grid points,
        for (int k = 0; k < 17; k++)
        {
            Assert.Equal(0.0, reader.ReadDouble());                    // V = 0 before training,
        }

        Assert.Equal(0L, reader.ReadInt64());                          // no sweep made,
        Assert.Equal(0, reader.ReadInt32());                           // the count not refined (refine_count, default false),
        Assert.Equal(0, reader.ReadInt32());                           // the network choosing (plan_search, default network)
        Assert.Equal("EMNW", Magic(reader));
        Assert.Equal([1, 3, 9, 64, 64, 64, 64, 4], Ints(reader, 8));  // version, 3 layers: 9 x 64, 64 x 64, 64 x 4
        int floats = (9 * 64) + 64 + (64 * 64) + 64 + (64 * 4) + 4;
        Assert.Equal(reader.BaseStream.Position + (4L * floats) + 8, reader.BaseStream.Length); // the floats, the checksum, nothing after
    }

    [Fact]
    public void SharedModel_OfVersionOne_LoadsWithNoCarriedValue_AndActsAsSaved()
    {
        // A version 1 file (before issue 22) is the version 2 file without the carried value: it loads with V = 0, which
        // adds exactly 0 to every margin, so it acts as the learner that wrote it did before the carried value existed.
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        var spec = new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string> { ["value_discount"] = "0" }, settings);
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(spec);
        var environment = new MiningEnvironment(Presets.PaperLiteral, settings);
        environment.Reset(1);
        learner.BeginTraining(environment, 1);
        var current = new MemoryStream();
        learner.SaveModel(current);
        byte[] bytes = current.ToArray();

        // Version 4 -> 1, and out go the 4 + 17 * 8 + 8 bytes of the carried value after the 7 header ints (28 bytes + magic)
        // and the 4 + 4 bytes of the refinement and search flags after them.
        int valueStart = 4 + (7 * 4);
        byte[] old = [.. bytes[..valueStart], .. bytes[(valueStart + 4 + (17 * 8) + 8 + 4 + 4)..]];
        old[4] = 1;
        var loaded = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string>(), settings));
        loaded.LoadModel(new MemoryStream(old));

        Assert.Equal(new double[17], loaded.CarriedValues.ToArray());
        SameActions.Assert(learner, loaded, environment, slots: 20);

        old[4] = 5;
        var error = Assert.Throws<InvalidDataException>(() => loaded.LoadModel(new MemoryStream(old)));
        Assert.Equal("shared DRLO model version 5 is not supported (this build reads versions 1 to 4)", error.Message);
    }

    [Fact]
    public void SharedModel_OfVersionTwo_LoadsWithTheCountUnrefined_AndActsAsSaved()
    {
        // A version 2 file (planning, before refine_count) is the version 3 file without the refinement flag: it loads with
        // the refinement off even when its configuration says refine_count = true, so it acts as the learner that wrote it,
        // which did not refine. Paper-literal N = 3, M = 2, trained 200 slots so that a backlog carries over and V is learned.
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        var options = new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8" };
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string>(options) { ["refine_count"] = "false" }, settings));
        Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = 200, Seed = 2 });
        var current = new MemoryStream();
        learner.SaveModel(current);
        byte[] bytes = current.ToArray();

        // Version 4 -> 2: out go the two flags' 4 + 4 bytes after the header (magic + 6 ints: version, M, flags, dimension,
        // one hidden layer and its width) and the carried value (4 + 17 x 8 + 8).
        int flagStart = 4 + (6 * 4) + 4 + (17 * 8) + 8;
        Assert.Equal(0, BitConverter.ToInt32(bytes, flagStart));
        Assert.Equal(0, BitConverter.ToInt32(bytes, flagStart + 4));
        byte[] old = [.. bytes[..flagStart], .. bytes[(flagStart + 8)..]];
        old[4] = 2;
        var loaded = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant, new Dictionary<string, string>(options) { ["refine_count"] = "true" }, settings));
        loaded.LoadModel(new MemoryStream(old));

        Assert.Equal(learner.CarriedValues.ToArray(), loaded.CarriedValues.ToArray());
        var environment = new MiningEnvironment(Presets.PaperLiteral, settings);
        environment.Reset(7);
        SameActions.Assert(learner, loaded, environment, slots: 50);

        // The version 4 file itself, read with refine_count = true, is refused: the flag says the model was trained without.
        var error = Assert.Throws<InvalidDataException>(() => loaded.LoadModel(new MemoryStream(bytes)));
        Assert.Equal("shared DRLO model: count refinement (learner option refine_count, 1: true) is 0, expected 1", error.Message);
    }

    [Fact]
    public void SharedModel_OfVersionThree_LoadsWithTheNetworkChoosing_AndActsAsSaved()
    {
        // A version 3 file (before plan_search) is the version 4 file without the search flag: it loads with the network
        // choosing even when its configuration says plan_search = model, so it acts as the learner that wrote it.
        var settings = new EnvironmentSettings { Miners = 3, TasksPerMiner = 2, Beta = 0.5 };
        var options = new Dictionary<string, string> { ["hidden"] = "4", ["learning_starts"] = "20", ["batch"] = "8" };
        var learner = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(LearnerAlgorithm.DefaultVariant, options, settings));
        Trainer.Train(Presets.PaperLiteral, settings, learner, new TrainingOptions { Slots = 200, Seed = 2 });
        var current = new MemoryStream();
        learner.SaveModel(current);
        byte[] bytes = current.ToArray();

        // Version 4 -> 3: out go the search flag's 4 bytes after the header (magic + 6 ints), the carried value
        // (4 + 17 x 8 + 8) and the refinement flag (4).
        int flagStart = 4 + (6 * 4) + 4 + (17 * 8) + 8 + 4;
        Assert.Equal(0, BitConverter.ToInt32(bytes, flagStart));
        byte[] old = [.. bytes[..flagStart], .. bytes[(flagStart + 4)..]];
        old[4] = 3;
        var loaded = (SharedDqn)DrloAlgorithm.Instance.Create(new LearnerSpec(DrloAlgorithm.PlannerVariant, options, settings));
        loaded.LoadModel(new MemoryStream(old));

        var environment = new MiningEnvironment(Presets.PaperLiteral, settings);
        environment.Reset(7);
        SameActions.Assert(learner, loaded, environment, slots: 50);

        // The version 4 file itself, read as a planner, is refused: the flag says the network chose.
        var error = Assert.Throws<InvalidDataException>(() => loaded.LoadModel(new MemoryStream(bytes)));
        Assert.Equal("shared DRLO model: the action's search (learner option plan_search, 1: model) is 0, expected 1", error.Message);
    }

    private static BinaryReader Saved(ILearner learner)
    {
        var stream = new MemoryStream();
        learner.SaveModel(stream);
        stream.Position = 0;
        return new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
    }

    private static string Magic(BinaryReader reader) => Encoding.ASCII.GetString(reader.ReadBytes(4));

    private static int[] Ints(BinaryReader reader, int count) => [.. Enumerable.Range(0, count).Select(_ => reader.ReadInt32())];
}
