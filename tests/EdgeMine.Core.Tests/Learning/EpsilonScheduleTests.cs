using EdgeMine.Learning;

namespace EdgeMine.Tests.Learning;

/// <summary>The exploration schedule shared by RLO and DRLO (MODEL.md section 7: 1.0 to 0.01 over the first 20%).</summary>
public sealed class EpsilonScheduleTests
{
    [Theory]
    // Defaults over 1,000 slots: the decay spans 0.2 x 1000 = 200 slots; epsilon = 1 + (0.01 - 1) t / 200.
    [InlineData(0, 1.0)]
    [InlineData(50, 0.7525)]  // 1 - 0.99 x 0.25
    [InlineData(100, 0.505)]  // 1 - 0.99 x 0.5
    [InlineData(200, 0.01)]   // the end of the decay
    [InlineData(700, 0.01)]   // then it stays
    public void At_FallsLinearlyOverTheFirstFifth_ThenStays(long slot, double expected)
    {
        Assert.Equal(expected, new EpsilonSchedule().At(slot, 1000), 12);
    }

    [Fact]
    public void At_OtherEnds_AndARisingSchedule()
    {
        // Start 0.5, end 0.1, half of 40 slots = 20: at 5, 0.5 - 0.4 x 0.25 = 0.4. Start 0, end 1 over 10 of 10 slots: at 4, 0.4.
        Assert.Equal(0.4, new EpsilonSchedule(0.5, 0.1, 0.5).At(5, 40), 12);
        Assert.Equal(0.4, new EpsilonSchedule(0, 1, 1).At(4, 10), 12);
    }

    [Fact]
    public void At_ADecayShorterThanOneSlot_LastsOneSlot()
    {
        // Decay fraction 0: the decay lasts max(1, 0) = 1 slot, so slot 0 explores at the start value and slot 1 on at the end.
        // 0.2 x 3 slots = 0.6 slots: also one slot.
        var instant = new EpsilonSchedule(1, 0.1, 0);
        Assert.Equal(1.0, instant.At(0, 100));
        Assert.Equal(0.1, instant.At(1, 100), 12);
        Assert.Equal(1.0, new EpsilonSchedule().At(0, 3));
        Assert.Equal(0.01, new EpsilonSchedule().At(1, 3), 12);
    }
}
