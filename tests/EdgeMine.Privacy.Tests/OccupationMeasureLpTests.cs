using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>The occupation-measure LP on a 2-state, 2-action CMDP whose constrained optimum is worked out by hand.</summary>
public sealed class OccupationMeasureLpTests
{
    private const double Tolerance = 1e-7;

    /// <summary>
    /// States 0, 1; actions 0 ("local") and 1 ("offload"). (cost c, privacy p, transitions):
    ///   s0 a0: c 1, p 0, -> 0 w.p. 1/2, -> 1 w.p. 1/2        s0 a1: c 2, p 3, -> 0 w.p. 1/2, -> 1 w.p. 1/2
    ///   s1 a0: c 1, p 0, -> 0 w.p. 1                         s1 a1: c 4, p 2, -> 0 w.p. 1/2, -> 1 w.p. 1/2
    /// The chain is ergodic under every policy (unichain), as the average-cost LP assumes.
    /// </summary>
    internal static FiniteCmdp HandBuilt() => new(
        states: 2,
        actions: 2,
        transitions:
        [
            [new Transition(0, 0.5), new Transition(1, 0.5)],
            [new Transition(0, 0.5), new Transition(1, 0.5)],
            [new Transition(0, 1.0)],
            [new Transition(0, 0.5), new Transition(1, 0.5)],
        ],
        cost: [1, 2, 1, 4],
        privacy: [0, 3, 0, 2]);

    /// <summary>
    /// By hand, with y_sa the occupation of (s, a):
    ///   flow at s1: y10 + y11 = (y00 + y01)/2 + y11/2, i.e. y10 + y11/2 = (y00 + y01)/2; with sum y = 1 this gives
    ///   3 y10 + 2 y11 = 1 and mass of s0 x0 = y00 + y01 = (2 - y11)/3, y11 &lt;= 1/2.
    ///   privacy = 3 y01 + 2 y11 &lt;= 3 x0 + 2 y11 = 2 - y11 + 2 y11 = 2 + y11 &lt;= 2.5 (y01 = x0, y11 = 1/2):
    ///   P_max = 2.5, at y01 = y11 = 1/2, y00 = y10 = 0.
    /// </summary>
    [Fact]
    public void MaximisePrivacy_HandBuilt_GivesTwoAndAHalf()
    {
        using var lp = new OccupationMeasureLp(HandBuilt());

        var solution = lp.MaximisePrivacy();

        Assert.Equal(2.5, solution.AveragePrivacy, Tolerance);
        Assert.Equal([0, 0.5, 0, 0.5], solution.Occupation.Select(v => Math.Round(v, 7)));
    }

    /// <summary>
    /// P_min = 0.9 * 2.5 = 2.25. cost = sum y c = 1 + y01 + 3 y11 (using sum y = 1).
    /// On the privacy floor 3 y01 + 2 y11 = 2.25: cost = 1 + (2.25 - 2 y11)/3 + 3 y11 = 1.75 + (7/3) y11, so y11 as small as
    /// allowed; y01 = (2.25 - 2 y11)/3 &lt;= x0 = (2 - y11)/3 needs y11 &gt;= 1/4. Hence y11 = 1/4, y01 = 7/12,
    /// y10 = (1 - 2/4)/3 = 1/6, y00 = 0; cost = 1.75 + 7/12 = 7/3, privacy = 21/12 + 6/12 = 2.25.
    /// Policy: pi(offload | s0) = 1, pi(offload | s1) = (1/4) / (1/6 + 1/4) = 3/5.
    /// </summary>
    [Fact]
    public void MinimiseCost_AtNinetyPercentOfMaxPrivacy_MatchesTheHandSolution()
    {
        var model = HandBuilt();
        using var lp = new OccupationMeasureLp(model);
        double floor = 0.9 * lp.MaximisePrivacy().AveragePrivacy;

        var solution = lp.MinimiseCost(floor);
        var policy = OccupationMeasureLp.PolicyOf(model, solution);

        Assert.Equal(2.25, floor, Tolerance);
        Assert.Equal(7.0 / 3.0, solution.AverageCost, Tolerance);
        Assert.Equal(2.25, solution.AveragePrivacy, Tolerance);
        double[] expected = [0, 7.0 / 12.0, 1.0 / 6.0, 0.25];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], solution.Occupation[i], Tolerance);
        }

        Assert.Equal(1.0, policy[1], Tolerance);
        Assert.Equal(0.6, policy[3], Tolerance);
    }

    /// <summary>
    /// Fraction 0: no floor; the cheapest policy never offloads: flow gives y00 = 2/3, y10 = 1/3, cost 1, privacy 0.
    /// Up to P_min = 2 the floor is met by y01 alone (1/3 cost per unit of privacy, capped at y01 = x0 = 2/3):
    /// cost = 1 + P_min/3. Beyond, y11 = P_min - 2 is needed: cost = 1 + P_min/3 + (7/3)(P_min - 2).
    /// Fraction 0.4: P_min = 1, cost 4/3. Fraction 0.9: 7/3 (above). Fraction 1: P_min = 2.5, cost 1 + 5/6 + 7/6 = 3.
    /// </summary>
    [Fact]
    public void Frontier_HandBuilt_IsTheExactPiecewiseLinearCurve()
    {
        using var lp = new OccupationMeasureLp(HandBuilt());

        var frontier = lp.Frontier([0, 0.4, 0.9, 1]);

        Assert.Equal(1.0, frontier[0].AverageCost, Tolerance);
        Assert.Equal(0.0, frontier[0].AveragePrivacy, Tolerance);
        Assert.Equal(1 + (1.0 / 3.0), frontier[1].AverageCost, Tolerance); // P_min = 1 < 2: cost = 1 + 1/3
        Assert.Equal(7.0 / 3.0, frontier[2].AverageCost, Tolerance);
        Assert.Equal(3.0, frontier[3].AverageCost, 1e-6);
        Assert.Equal(2.5, frontier[3].AveragePrivacy, 1e-6);
    }

    /// <summary>
    /// The privacy floor is relaxed by 1e-9 * max(1, |P_min|) so that P_min = P_max stays feasible. With the hand-built
    /// model's privacy scaled by 1000 (P_max = 2500), P_min = 2250 binds: the LP's privacy is the relaxed floor
    /// 2250 - 2.25e-6 exactly (a vertex on the constraint), and its cost that of the unscaled floor 2.25 - 2.25e-9 on the
    /// frontier cost = 1 + F/3 + (7/3)(F - 2) (above): 7/3 - (8/3) 2.25e-9 = 7/3 - 6e-9.
    /// </summary>
    [Fact]
    public void MinimiseCost_RelaxesTheFloorByOneBillionthOfItsSize()
    {
        var model = new FiniteCmdp(2, 2, Rows(HandBuilt()), [1, 2, 1, 4], [0, 3000, 0, 2000]);
        using var lp = new OccupationMeasureLp(model);

        var solution = lp.MinimiseCost(2250);

        Assert.Equal(2250 - 2.25e-6, solution.AveragePrivacy, 1e-9);
        Assert.Equal((7.0 / 3.0) - 6e-9, solution.AverageCost, 1e-12);
        Assert.Equal(2250, solution.PrivacyFloor);
    }

    [Fact]
    public void MinimiseCost_AboveTheMaximum_IsInfeasible_AndTheMaximumStaysReachable()
    {
        using var lp = new OccupationMeasureLp(HandBuilt());

        var error = Assert.Throws<InvalidOperationException>(() => lp.MinimiseCost(3));

        Assert.StartsWith("the CMDP linear program has no optimal solution (", error.Message);
        Assert.EndsWith("); privacy floor 3", error.Message);

        // The first LP drops the floor the infeasible solve left on the privacy row: P_max = 2.5 again.
        Assert.Equal(2.5, lp.MaximisePrivacy().AveragePrivacy, Tolerance);
    }

    [Fact]
    public void MaximisePrivacy_MaximisesPrivacyNotCost()
    {
        // One state, two actions that stay: (cost 2, privacy 0) and (cost 1, privacy 1). Maximising privacy takes
        // action 1 always; maximising the cost would take action 0.
        var model = new FiniteCmdp(1, 2, [[new Transition(0, 1)], [new Transition(0, 1)]], [2, 1], [0, 1]);
        using var lp = new OccupationMeasureLp(model);

        var solution = lp.MaximisePrivacy();

        Assert.Equal([0, 1], solution.Occupation.Select(v => Math.Round(v, 9)));
        Assert.Equal(1, solution.AveragePrivacy, Tolerance);
        Assert.Equal(1, solution.AverageCost, Tolerance);
        Assert.Equal(double.NegativeInfinity, solution.PrivacyFloor);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Frontier_AFractionOutsideTheUnitInterval_IsRefused(double fraction)
    {
        using var lp = new OccupationMeasureLp(HandBuilt());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => lp.Frontier([0.5, fraction]));

        Assert.StartsWith("privacy fractions lie in [0, 1]", error.Message);
    }

    /// <summary>
    /// A state the occupation measure does not visit (mass at most 1e-12) takes the privacy-maximising action, the lowest
    /// index on ties; a visited one takes y(s, a) / sum_a y(s, a). Two states, three actions that stay put; state 1's
    /// privacy is (1, 2, 2): its action is 1.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-12)]
    public void PolicyOf_AnUnvisitedState_TakesTheMostPrivateAction_LowestOnTies(double leftover)
    {
        Transition[][] rows = [.. Enumerable.Range(0, 6).Select(i => new[] { new Transition(i / 3, 1) })];
        var model = new FiniteCmdp(2, 3, rows, new double[6], [0, 0, 0, 1, 2, 2]);
        var solution = new CmdpSolution
        {
            Occupation = [0.25, 0.5, 0.25, leftover, 0, 0],
            AverageCost = 0,
            AveragePrivacy = 0,
            PrivacyFloor = 0,
        };

        var policy = OccupationMeasureLp.PolicyOf(model, solution);

        Assert.Equal([0.25, 0.5, 0.25, 0, 1, 0], policy);
    }

    [Fact]
    public void PolicyOf_AStateJustAboveTheThreshold_FollowsItsOccupation()
    {
        // Mass 2e-12 > 1e-12 in state 1: pi(. | 1) = (2e-12, 0, 0) / 2e-12 = (1, 0, 0), not the most private action.
        Transition[][] rows = [.. Enumerable.Range(0, 6).Select(i => new[] { new Transition(i / 3, 1) })];
        var model = new FiniteCmdp(2, 3, rows, new double[6], [0, 0, 0, 1, 2, 2]);
        var solution = new CmdpSolution { Occupation = [1, 0, 0, 2e-12, 0, 0], AverageCost = 0, AveragePrivacy = 0, PrivacyFloor = 0 };

        Assert.Equal([1, 0, 0, 1, 0, 0], OccupationMeasureLp.PolicyOf(model, solution));
    }

    private static Transition[][] Rows(FiniteCmdp model) =>
        [.. Enumerable.Range(0, model.States * model.Actions).Select(i => model.TransitionRow(i / model.Actions, i % model.Actions).ToArray())];
}
