namespace EdgeMine.Experiments;

/// <summary>The direction a comparison claims: A below B (A - B &lt; 0) or A above B.</summary>
internal enum Direction
{
    Below,
    Above,
}
