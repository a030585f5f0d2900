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

    [Fact]
    public void Sample_WritesEachDrawsSlot_AndTheSameDrawsWithoutSlots()
    {
        ReplayMemory memory = Filled(capacity: 4, transitions: 6); // slots hold transitions 4, 5, 2, 3
        var (s1, a1, r1, n1, slots) = (new float[12], new int[6], new float[6], new float[12], new int[6]);
        var (s2, a2, r2, n2) = (new float[12], new int[6], new float[6], new float[12]);
        memory.Sample(new Xoshiro256(5), 6, s1, a1, r1, n1, slots);
        memory.Sample(new Xoshiro256(5), 6, s2, a2, r2, n2);

        for (int row = 0; row < 6; row++)
        {
            Assert.Equal(memory.StateAt(slots[row])[0], s1[row * 2]);
        }

        Assert.Equal(s1, s2);
        Assert.Equal(a1, a2);
        Assert.Equal(r1, r2);
        Assert.Equal(n1, n2);
    }

    [Fact]
    public void WrittenAt_ChangesWithEveryWrite_AndALoadRenewsEverySlot()
    {
        var memory = new ReplayMemory(3, observationDim: 1);
        Assert.Equal(0, memory.WrittenAt(0));
        memory.Add([1f], 0, 0f, [1f]);
        memory.Add([2f], 0, 0f, [2f]);
        long first = memory.WrittenAt(0), second = memory.WrittenAt(1);
        Assert.True(second > first && first > 0);
        Assert.Equal(0, memory.WrittenAt(2));
        memory.Add([3f], 0, 0f, [3f]);
        memory.Add([4f], 0, 0f, [4f]); // overwrites slot 0
        Assert.True(memory.WrittenAt(0) > memory.WrittenAt(2));

        using var stream = new MemoryStream();
        memory.Save(stream);
        long latest = memory.WrittenAt(0);
        stream.Position = 0;
        memory.Load(stream);
        Assert.All(Enumerable.Range(0, 3), slot => Assert.True(memory.WrittenAt(slot) > latest));
        Assert.Equal(memory.WrittenAt(0), memory.WrittenAt(2));
    }

    [Fact]
    public void Rewards_SeveralPerTransition_AreStoredAndSampledWhole()
    {
        var memory = new ReplayMemory(2, observationDim: 1, actionComponents: 2, rewardComponents: 3);
        memory.Add([7f], [1, 0], [0.5f, -1f, 2f], [8f]);
        var (states, actions, rewards, next) = (new float[1], new int[2], new float[3], new float[1]);

        memory.Sample(new Xoshiro256(1), 1, states, actions, rewards, next);

        Assert.Equal(7f, states[0]);
        Assert.Equal([1, 0], actions);
        Assert.Equal([0.5f, -1f, 2f], rewards);
        Assert.Equal(8f, next[0]);
        Assert.Equal((2, 1, 2, 3), (memory.Capacity, memory.ObservationDim, memory.ActionComponents, memory.RewardComponents));
        var error = Assert.Throws<ArgumentException>(() => memory.Add([7f], [1, 0], 0.5f, [8f]));
        Assert.Equal("1 rewards given; this memory stores 3 per transition (Parameter 'rewards')", error.Message);
    }

    [Fact]
    public void Add_OfAnotherShape_NamesTheShapes()
    {
        var memory = new ReplayMemory(4, 2, 1);
        Assert.Equal(
            "transition shapes: state 1, next 2, action 1; expected 2, 2, 1",
            Assert.Throws<ArgumentException>(() => memory.Add([1f], 0, 0f, [1f, 2f])).Message);
        Assert.Throws<ArgumentException>(() => memory.Add([1f, 2f], 0, 0f, [1f]));
        Assert.Throws<ArgumentException>(() => memory.Add([1f, 2f], [0, 1], 0f, [1f, 2f]));
        Assert.Equal(0, memory.Count);
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    public void Constructor_EverySizeIsPositive(int capacity, int dim, int actions, int rewards)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayMemory(capacity, dim, actions, rewards));
    }

    [Fact]
    public void SaveLoad_FileLayout_AndDamagedCounts()
    {
        // "EMRM", version 2, capacity 2, dim 1, 1 action, 1 reward, count 1, next index 1; then 1.5 | 2.5 | 3 | 0.25.
        var memory = new ReplayMemory(2, observationDim: 1);
        memory.Add([1.5f], 3, 0.25f, [2.5f]);
        using var stream = new MemoryStream();
        memory.Save(stream);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Assert.Equal(0x4D524D45u, reader.ReadUInt32());
            Assert.Equal([2, 2, 1, 1, 1, 1, 1], Enumerable.Range(0, 7).Select(_ => reader.ReadInt32()));
            Assert.Equal((1.5f, 2.5f, 3, 0.25f), (reader.ReadSingle(), reader.ReadSingle(), reader.ReadInt32(), reader.ReadSingle()));
            Assert.Equal(stream.Length, stream.Position);
        }

        byte[] bytes = stream.ToArray();
        // Field f of the header (0 the version, 1 the capacity, ... 6 the next index) set to value.
        string Damaged(int field, int value)
        {
            byte[] copy = [.. bytes];
            BitConverter.GetBytes(value).CopyTo(copy, 4 + (4 * field));
            return Assert.Throws<InvalidDataException>(() => new ReplayMemory(2, 1).Load(new MemoryStream(copy))).Message;
        }

        Assert.Equal("replay memory: the number of transitions is 3, outside 0..2", Damaged(5, 3));
        Assert.Equal("replay memory: the number of transitions is -1, outside 0..2", Damaged(5, -1));
        Assert.Equal("replay memory: the next index is 2, outside 0..1", Damaged(6, 2));
        Assert.Equal("replay memory: the observation length is 3, expected 1", Damaged(2, 3));
        Assert.Equal("replay memory: the integers per action is 2, expected 1", Damaged(3, 2));
        Assert.Equal("replay memory: the rewards per transition is 2, expected 1", Damaged(4, 2));
        Assert.Equal("replay memory is truncated", Assert.Throws<InvalidDataException>(() => new ReplayMemory(2, 1).Load(new MemoryStream(bytes[..^2]))).Message);

        var copy = new ReplayMemory(2, 1);
        copy.Load(new MemoryStream(bytes));
        Assert.Equal((1, 1, 1.5f), (copy.Count, copy.NextIndex, copy.StateAt(0)[0]));
    }
}
