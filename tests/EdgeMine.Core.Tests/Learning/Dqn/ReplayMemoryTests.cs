using EdgeMine.Learning.Dqn;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

public class ReplayMemoryTests
{
    private static ReplayMemory Filled(int capacity, int transitions)
    {
        var memory = new ReplayMemory(capacity, observationDim: 2, actionComponents: 1);
        for (int t = 0; t < transitions; t++)
        {
            memory.Add([t, -t], t % 3, t * 0.5f, [t + 1, -t - 1]);
        }

        return memory;
    }

    [Fact]
    public void Sampling_CoversEveryStoredTransition_AndKeepsThemWhole()
    {
        ReplayMemory memory = Filled(capacity: 10, transitions: 7);
        var rng = new Xoshiro256(1);
        var seen = new HashSet<int>();
        var states = new float[16 * 2];
        var next = new float[16 * 2];
        var actions = new int[16];
        var rewards = new float[16];
        for (int draw = 0; draw < 20; draw++)
        {
            memory.Sample(rng, 16, states, actions, rewards, next);
            for (int row = 0; row < 16; row++)
            {
                int t = (int)states[row * 2];
                Assert.Equal(-t, states[(row * 2) + 1]);
                Assert.Equal(t + 1, next[row * 2]);
                Assert.Equal(t % 3, actions[row]);
                Assert.Equal(t * 0.5f, rewards[row]);
                seen.Add(t);
            }
        }

        Assert.Equal(Enumerable.Range(0, 7), seen.Order());
    }

    [Fact]
    public void Add_WrapsAtCapacity_OverwritingTheOldest()
    {
        ReplayMemory memory = Filled(capacity: 4, transitions: 6);
        Assert.Equal(4, memory.Count);
        Assert.Equal(2, memory.NextIndex);
        // Slots 0 and 1 now hold transitions 4 and 5; 2 and 3 still hold 2 and 3.
        Assert.Equal([4f, 5f, 2f, 3f], [memory.StateAt(0)[0], memory.StateAt(1)[0], memory.StateAt(2)[0], memory.StateAt(3)[0]]);
    }

    [Fact]
    public void SaveLoad_RoundTrip_SamplesIdentically()
    {
        ReplayMemory memory = Filled(capacity: 8, transitions: 11);
        using var stream = new MemoryStream();
        memory.Save(stream);
        var copy = new ReplayMemory(8, 2, 1);
        stream.Position = 0;
        copy.Load(stream);
        Assert.Equal(memory.Count, copy.Count);
        Assert.Equal(memory.NextIndex, copy.NextIndex);

        var (s1, a1, r1, n1) = (new float[10], new int[5], new float[5], new float[10]);
        var (s2, a2, r2, n2) = (new float[10], new int[5], new float[5], new float[10]);
        memory.Sample(new Xoshiro256(3), 5, s1, a1, r1, n1);
        copy.Sample(new Xoshiro256(3), 5, s2, a2, r2, n2);
        Assert.Equal(s1, s2);
        Assert.Equal(a1, a2);
        Assert.Equal(r1, r2);
        Assert.Equal(n1, n2);

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => new ReplayMemory(9, 2, 1).Load(stream));
    }

    [Fact]
    public void WrongShapes_AreRejected()
    {
        var memory = new ReplayMemory(4, 2, 2);
        Assert.Throws<ArgumentException>(() => memory.Add([1f, 2f], [1], 0f, [1f, 2f]));
        Assert.Throws<InvalidOperationException>(() => memory.Sample(new Xoshiro256(1), 1, new float[2], new int[2], new float[1], new float[2]));
    }
}
