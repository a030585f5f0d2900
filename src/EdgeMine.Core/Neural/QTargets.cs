using System.Numerics.Tensors;

namespace EdgeMine.Neural;

/// <summary>
/// The regression targets of a Q-learning update, y = r + γ · bootstrap(s'), from the networks' Q-values of the next
/// states. The outputs of a state come in <c>groups</c> of <c>groupSize</c>: one group of A joint actions (joint head),
/// or one group of 2 per branch (branching head, Tavakoli et al. 2018).
/// </summary>
internal static class QTargets
{
    /// <summary>
    /// Writes one target per group and sample into <paramref name="targets"/> [batch × groups].
    /// <list type="bullet">
    /// <item>A group's bootstrap value is max_a Q_target,g(s', a), or with Double DQN (<paramref name="onlineNext"/> given)
    /// Q_target,g(s', argmax_a Q_online,g(s', a)) (van Hasselt et al. 2016).</item>
    /// <item>Shared reward (<paramref name="perGroupRewards"/> false, one reward per sample): every group of a sample
    /// regresses on y = r + γ · mean over groups of their bootstrap values.</item>
    /// <item>Per-group rewards (one per group and sample): group g regresses on y_g = r_g + γ · its own bootstrap value.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// <c>targetNext</c> is Q_target(s', ·) [batch × groups·groupSize]; <c>onlineNext</c> is Q_online(s', ·) of the same
    /// shape for Double DQN, or empty; <c>rewards</c> holds one reward per sample, or one per group and sample.
    /// </remarks>
    public static void Compute(
        ReadOnlySpan<float> targetNext,
        ReadOnlySpan<float> onlineNext,
        int batch,
        int groups,
        int groupSize,
        ReadOnlySpan<float> rewards,
        float discount,
        bool perGroupRewards,
        Span<float> targets)
    {
        int outputs = groups * groupSize;
        bool doubleDqn = !onlineNext.IsEmpty;
        for (int row = 0; row < batch; row++)
        {
            if (perGroupRewards)
            {
                for (int g = 0; g < groups; g++)
                {
                    float next = Bootstrap(targetNext, onlineNext, doubleDqn, (row * outputs) + (g * groupSize), groupSize);
                    targets[(row * groups) + g] = rewards[(row * groups) + g] + (discount * next);
                }

                continue;
            }

            // The mean of the groups' values is summed in double, then rounded once.
            double bootstrap = 0;
            for (int g = 0; g < groups; g++)
            {
                bootstrap += Bootstrap(targetNext, onlineNext, doubleDqn, (row * outputs) + (g * groupSize), groupSize);
            }

            float y = rewards[row] + (discount * (float)(bootstrap / groups));
            targets.Slice(row * groups, groups).Fill(y);
        }
    }

    private static float Bootstrap(ReadOnlySpan<float> targetNext, ReadOnlySpan<float> onlineNext, bool doubleDqn, int start, int groupSize)
    {
        ReadOnlySpan<float> group = targetNext.Slice(start, groupSize);
        return doubleDqn ? group[TensorPrimitives.IndexOfMax(onlineNext.Slice(start, groupSize))] : TensorPrimitives.Max(group);
    }
}
