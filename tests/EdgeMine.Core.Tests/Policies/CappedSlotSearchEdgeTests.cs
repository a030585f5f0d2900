using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// The capped search's two thresholds at their edges (issue 24): a miner's caps bind only when its data exceeds a
/// capacity (data exactly at the capacity serves every bit either way), and the enumeration is priced for at most
/// 24 tasks per miner (N_binding M 2^M units), beyond which it is never affordable.
/// </summary>
public sealed class CappedSlotSearchEdgeTests
{
    [Fact]
    public void CanBind_DataExactlyAtTheLocalCapacity_DoesNotBind()
    {
        // t_local = 2^-20 s/bit: the local capacity dt / t_local is dt 2^20 bits, exact in binary. Two tasks of half of
        // it hold exactly the capacity: all of it can be computed locally, so no cap binds; one bit more does.
        var p = Presets.Calibrated with { LocalSecondsPerBit = Math.Pow(2, -20) };
        double capacity = p.LocalCapacityBitsPerSlot;
        Assert.Equal(p.SlotSeconds * 1_048_576, capacity);
        Assert.True(p.UploadRateBps(true) * p.SlotSeconds > capacity + 1); // the upload cap is not at its edge
        Assert.False(CappedSlotSearch.CanBind(SlotState.Create(p, 1, 2, 0.5, [0, 0], [capacity / 2, capacity / 2], [true]), 0));
        Assert.True(CappedSlotSearch.CanBind(SlotState.Create(p, 1, 2, 0.5, [0, 0], [capacity / 2, (capacity / 2) + 1], [true]), 0));
    }

    [Fact]
    public void CanBind_DataExactlyAtTheUploadCapacity_DoesNotBind()
    {
        // On a bad channel the upload capacity is U_bad dt; a local capacity far above it (t_local = 1e-9 s/bit: 1e9
        // bits) leaves the upload cap alone at its edge: data of exactly U_bad dt (buffered, as one task) does not bind.
        var p = Presets.Calibrated with { LocalSecondsPerBit = 1e-9 };
        double upload = p.UploadRateBps(false) * p.SlotSeconds;
        Assert.True(upload < p.LocalCapacityBitsPerSlot);
        Assert.False(CappedSlotSearch.CanBind(SlotState.Create(p, 1, 1, 0.5, [upload], [0], [false]), 0));
        Assert.True(CappedSlotSearch.CanBind(SlotState.Create(p, 1, 1, 0.5, [upload * 1.001], [0], [false]), 0));
    }

    [Fact]
    public void EnumerationWork_IsPricedUpTo24TasksPerMiner_AndNeverAffordableBeyond()
    {
        // One binding miner (24 tasks of 1e5 bits: 2.4e6 bits, above a local capacity of dt 2^20 bits for dt <= 2 s):
        // 1 x 24 x 2^24 = 402,653,184 units. With 25 tasks: long.MaxValue, above every budget.
        var p = Presets.Calibrated with { LocalSecondsPerBit = Math.Pow(2, -20) };
        Assert.True(p.LocalCapacityBitsPerSlot < 2.4e6);
        var env24 = SlotState.Create(p, 1, 24, 0.5, new double[24], [.. Enumerable.Repeat(1e5, 24)], [true]);
        Assert.Equal(402_653_184L, CappedSlotSearch.EnumerationWork(env24));
        var env25 = SlotState.Create(p, 1, 25, 0.5, new double[25], [.. Enumerable.Repeat(1e5, 25)], [true]);
        Assert.Equal(long.MaxValue, CappedSlotSearch.EnumerationWork(env25));
    }
}
