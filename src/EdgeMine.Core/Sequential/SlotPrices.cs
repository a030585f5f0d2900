using System.Globalization;

namespace EdgeMine.Sequential;

/// <summary>
/// The prices a lookahead puts on what a slot leaves to the next (MODEL.md section 13): the next slot's MEC backlog
/// <c>Q(t+1)</c> and the data left in the buffers <c>sum D0(t+1)</c>, in reward units. The priced objective of an action is
/// <c>r - BacklogPerCycle * Q(t+1) - BufferPerBit * sum D0(t+1)</c>.
/// </summary>
/// <param name="BacklogPerCycle">Reward per cycle of next-slot backlog (&gt;= 0: backlog only adds cost, section 5).</param>
/// <param name="BufferPerBit">Reward per buffered bit (either sign: buffered data must be served later, but under eq. 8 it also earns usage privacy).</param>
public readonly record struct SlotPrices(double BacklogPerCycle, double BufferPerBit)
{
    /// <summary>No prices: the priced search is the per-slot optimum.</summary>
    public static SlotPrices None => default;

    /// <summary>True when neither price is set.</summary>
    public bool IsNone => BacklogPerCycle == 0 && BufferPerBit == 0;

    /// <summary>"backlog 3.2e-08 per cycle, buffers 0 per bit".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"backlog {BacklogPerCycle:G4} per cycle, buffers {BufferPerBit:G4} per bit");
}
