using EdgeMine.IO;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// Puts an environment in an exact start-of-slot state (buffers D0, arrivals D1, channels, MEC backlog Q) through its
/// own checkpoint format (<see cref="MiningEnvironment.LoadState"/>), so that a test can work a slot by hand.
/// </summary>
internal static class SlotState
{
    public static MiningEnvironment Create(ModelParameters parameters, int miners, int tasksPerMiner, double beta, double[] buffered, double[] arrived, bool[] good, double backlogCycles = 0)
    {
        var env = new MiningEnvironment(parameters, new EnvironmentSettings { Miners = miners, TasksPerMiner = tasksPerMiner, Beta = beta });
        Load(env, buffered, arrived, good, backlogCycles);
        return env;
    }

    public static void Load(MiningEnvironment env, double[] buffered, double[] arrived, bool[] good, double backlogCycles = 0)
    {
        Assert.Equal(env.Model.Tasks, buffered.Length);
        Assert.Equal(env.Model.Tasks, arrived.Length);
        Assert.Equal(env.Model.Miners, good.Length);
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            writer.Write(true); // reset
            writer.Write(0L); // slot
            writer.Write(backlogCycles);
            foreach (double v in buffered)
            {
                writer.Write(v);
            }

            foreach (double v in arrived)
            {
                writer.Write(v);
            }

            foreach (bool g in good)
            {
                writer.Write(g);
            }

            new Xoshiro256(0).WriteTo(writer);
        }

        stream.Position = 0;
        using var reader = BinaryFormat.Reader(stream);
        env.LoadState(reader);
        Assert.Equal(buffered, env.BufferedBits.ToArray());
        Assert.Equal(arrived, env.ArrivedBits.ToArray());
    }
}
