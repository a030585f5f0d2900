namespace EdgeMine.Privacy;

/// <summary>
/// A finite constrained MDP in the form the occupation-measure LP needs: states 0..S-1, actions 0..A-1, a sparse
/// transition row P(.|s, a) per pair, and two per-slot expectations, the cost c(s, a) and the privacy p(s, a).
/// Pairs are indexed <c>s * A + a</c>. Hand-built in tests; <see cref="CmdpModelBuilder"/> builds the mining one.
/// </summary>
internal sealed class FiniteCmdp
{
    private readonly Transition[][] _transitions;
    private readonly double[] _cost;
    private readonly double[] _privacy;

    public FiniteCmdp(int states, int actions, Transition[][] transitions, double[] cost, double[] privacy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(states);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actions);
        int pairs = states * actions;
        if (transitions.Length != pairs || cost.Length != pairs || privacy.Length != pairs)
        {
            throw new ArgumentException("transitions, cost and privacy need one entry per (state, action) pair");
        }

        foreach (var row in transitions)
        {
            foreach (var t in row)
            {
                if (t.NextState < 0 || t.NextState >= states || !(t.Probability >= 0))
                {
                    throw new ArgumentException("a transition leads outside the states or has a negative probability", nameof(transitions));
                }
            }
        }

        States = states;
        Actions = actions;
        _transitions = transitions;
        _cost = cost;
        _privacy = privacy;
    }

    public int States { get; }

    public int Actions { get; }

    /// <summary>P(. | s, a), sparse: only next states of positive probability.</summary>
    public ReadOnlySpan<Transition> TransitionRow(int state, int action) => _transitions[(state * Actions) + action];

    /// <summary>c(s, a): expected per-slot cost.</summary>
    public double Cost(int state, int action) => _cost[(state * Actions) + action];

    /// <summary>p(s, a): expected per-slot privacy.</summary>
    public double Privacy(int state, int action) => _privacy[(state * Actions) + action];

    /// <summary>The largest deviation of a transition row's sum from 1 (0 for a proper stochastic model).</summary>
    public double MaxRowSumError()
    {
        double worst = 0;
        foreach (var row in _transitions)
        {
            double sum = 0;
            foreach (var t in row)
            {
                sum += t.Probability;
            }

            worst = Math.Max(worst, Math.Abs(sum - 1));
        }

        return worst;
    }
}
