using EdgeMine.IO;
using EdgeMine.Privacy;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// RL-privacy's model and training state written and read field by field, as <c>RlPrivacyAgent.WriteModel</c> and
/// <c>SaveTrainingState</c> document them, so that a test can start the agent from a table made by hand and read back
/// every table the agent keeps: the model is the header ("EMRP", version 1), the bin definition, the rates and the
/// Q-table; the training state adds the channel persistence, the post-decision values U, the Dyna model's rewards, its
/// met pairs (pair, next state) in the order met, and the generator's four words.
/// </summary>
internal static class RlPrivacyStateFile
{
    public static readonly BinaryFormat Format = new("RL-privacy Q-table", 0x50524D45, 1);

    /// <summary>One training state: every field of the file.</summary>
    public sealed record State(
        PrivacyStateSpace Space,
        IReadOnlyList<double> Rates,
        double[] Q,
        double ChannelPersistence,
        double[] PostDecisionValues,
        double[] ModelRewards,
        (int Pair, int Next)[] MetPairs,
        ulong[] Generator);

    public static void WriteModel(BinaryWriter writer, PrivacyStateSpace space, IReadOnlyList<double> rates, double[] q)
    {
        Format.WriteHeader(writer);
        space.Write(writer);
        writer.Write(rates.Count);
        foreach (double rate in rates)
        {
            writer.Write(rate);
        }

        WriteArray(writer, q);
    }

    public static byte[] Model(PrivacyStateSpace space, IReadOnlyList<double> rates, double[] q)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            WriteModel(writer, space, rates, q);
        }

        return stream.ToArray();
    }

    public static byte[] Write(State state)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            WriteModel(writer, state.Space, state.Rates, state.Q);
            writer.Write(state.ChannelPersistence);
            WriteArray(writer, state.PostDecisionValues);
            WriteArray(writer, state.ModelRewards);
            writer.Write(state.MetPairs.Length);
            foreach (var (pair, next) in state.MetPairs)
            {
                writer.Write(pair);
                writer.Write(next);
            }

            foreach (ulong word in state.Generator)
            {
                writer.Write(word);
            }
        }

        return stream.ToArray();
    }

    public static State Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = BinaryFormat.Reader(stream);
        Format.ReadHeader(reader);
        var space = PrivacyStateSpace.Read(reader);
        var rates = new double[reader.ReadInt32()];
        for (int r = 0; r < rates.Length; r++)
        {
            rates[r] = reader.ReadDouble();
        }

        var q = ReadArray(reader);
        double persistence = reader.ReadDouble();
        var values = ReadArray(reader);
        var rewards = ReadArray(reader);
        var pairs = new (int, int)[reader.ReadInt32()];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (reader.ReadInt32(), reader.ReadInt32());
        }

        ulong[] generator = [reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()];
        Assert.Equal(stream.Length, stream.Position); // nothing after the generator
        return new State(space, rates, q, persistence, values, rewards, pairs, generator);
    }

    /// <summary>The agent's training state, read back field by field.</summary>
    public static State Saved(RlPrivacyAgent agent)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            agent.SaveTrainingState(writer);
        }

        return Read(stream.ToArray());
    }

    public static void Load(RlPrivacyAgent agent, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = BinaryFormat.Reader(stream);
        agent.LoadTrainingState(reader);
    }

    public static void LoadModel(RlPrivacyAgent agent, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        agent.LoadModel(stream);
    }

    /// <summary>The four words of a generator seeded with <paramref name="seed"/>.</summary>
    public static ulong[] GeneratorWords(ulong seed) => new Xoshiro256(seed).SaveState();

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (double v in values)
        {
            writer.Write(v);
        }
    }

    private static double[] ReadArray(BinaryReader reader)
    {
        var values = new double[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }
}
