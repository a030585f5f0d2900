namespace EdgeMine.Sequential;

/// <summary>
/// A discretised MDP over the carried state (MODEL.md section 13): the channel <c>g</c> (a two-state chain that actions
/// do not change) and a grid of the continuous carried state (the backlog Q, or the buffers D0). The arrivals are seen
/// before acting, so the value function is over the carried state only; the expectation over arrivals is an average
/// over common samples. <see cref="RelativeValueIteration"/> solves it.
/// </summary>
internal interface ICarriedStateModel
{
    /// <summary>Grid points per channel state.</summary>
    int Points { get; }

    /// <summary>P(g(t+1) = g(t)), the channel's persistence.</summary>
    double ChannelPersistence { get; }

    /// <summary>
    /// The greedy backup at every grid point of channel state <paramref name="good"/>: given the expected next value
    /// <paramref name="nextValue"/> (per grid point, already averaged over the next channel state), writes
    /// <c>(T h)(g, point) = mean over samples of max over actions [r + nextValue(next state)]</c> into
    /// <paramref name="backedUp"/> and the greedy policy's mean reward and next-point weights into <paramref name="rows"/>.
    /// </summary>
    void Backup(bool good, ReadOnlySpan<double> nextValue, Span<double> backedUp, PolicyRows rows);
}
