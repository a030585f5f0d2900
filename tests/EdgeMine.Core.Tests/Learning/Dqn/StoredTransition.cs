using EdgeMine.Learning.Dqn;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>Reads back the transition a replay memory holds at one slot (the tests that check what a learner stores).</summary>
internal static class StoredTransition
{
    /// <summary>The transition stored at memory slot <paramref name="slot"/>, found by sampling single rows until it comes up.</summary>
    public static void Find(ReplayMemory memory, int slot, float[] states, int[] actions, float[] rewards, float[] next)
    {
        var slots = new int[1];
        for (ulong draw = 0; draw < 10_000; draw++)
        {
            memory.Sample(new Xoshiro256(draw), 1, states, actions, rewards, next, slots);
            if (slots[0] == slot)
            {
                return;
            }
        }

        Assert.Fail($"slot {slot} never sampled");
    }
}
