using EdgeMine.Cells;

namespace EdgeMine.Tests.Cells;

/// <summary>The Slurm job array's script pieces.</summary>
public sealed class SlurmArrayTests
{
    [Fact]
    public void ArraySpec_CompressesRunsAndAddsTheThrottle()
    {
        Assert.Equal("0-3%2", SlurmArray.ArraySpec([3, 1, 0, 2], 2));
        Assert.Equal("0,2-4,7", SlurmArray.ArraySpec([7, 4, 3, 2, 0]));
    }
}
