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

    // Issue 25, class 7 (its command-line test is HostileInputTests.Sweep_submit_warns_when_an_index_is_beyond_the_clusters_MaxArraySize).
    [Fact]
    public void MaxArraySize_is_read_from_scontrol_and_an_array_within_it_gets_no_warning()
    {
        // The line scontrol prints (slurm.conf(5) spells it "MaxArraySize"); values worked out by hand.
        Assert.Equal(10001, SlurmArray.ParseMaxArraySize("JobAcctGatherType       = (null)\nMaxArraySize            = 10001\nMaxJobCount = 10000\n"));
        Assert.Null(SlurmArray.ParseMaxArraySize("MaxJobCount = 10000\n"));
        Assert.Null(SlurmArray.ArrayLimitWarning([0, 5, 1000], 1001, "Slurm's default"));
        Assert.StartsWith("warning: 2 of the array's 3 indices (up to 1002) are at or above the cluster's MaxArraySize 1001 (Slurm's default)", SlurmArray.ArrayLimitWarning([0, 1001, 1002], 1001, "Slurm's default"), StringComparison.Ordinal);
    }
}
