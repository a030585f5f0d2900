using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Policies;

/// <summary>Random: each task offloads with probability 1/2, x ~ Bernoulli(0.5) [Sec. IV-A].</summary>
public sealed class RandomOffload : IOffloadingPolicy
{
    private readonly Xoshiro256 _random = new(0);

    public string Name => "random";

    public void Reset(ulong seed) => _random.Reseed(seed);

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        // One 64-bit draw covers 64 tasks: the coin flips are its bits.
        for (int start = 0; start < action.Length; start += 64)
        {
            ulong bits = _random.NextUInt64();
            int end = Math.Min(action.Length, start + 64);
            for (int i = start; i < end; i++)
            {
                action[i] = (bits >> (i - start)) & 1;
            }
        }
    }
}
