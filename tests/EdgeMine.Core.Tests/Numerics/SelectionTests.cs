using CsCheck;
using EdgeMine.Numerics;

namespace EdgeMine.Tests.Numerics;

/// <summary>The selection of order statistics that the per-slot optimum and the shared DRLO learner's act share.</summary>
public class SelectionTests
{
    [Fact]
    public void KthLargest_RandomArraysWithTies_EqualsTheSortedValue()
    {
        PinnedSample.Run(
            Gen.Int[0, 5].Array[1, 60],
            values =>
            {
                var sorted = values.Select(v => (double)v).OrderByDescending(v => v).ToArray();
                for (int k = 1; k <= values.Length; k++)
                {
                    var scratch = values.Select(v => (double)v).ToArray();
                    Assert.Equal(sorted[k - 1], Selection.KthLargest(scratch, k));
                }
            },
            300,
            PinnedSample.DefaultSeed);
    }
}
