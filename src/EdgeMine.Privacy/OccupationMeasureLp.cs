using System.Globalization;
using Google.OrTools.LinearSolver;

namespace EdgeMine.Privacy;

/// <summary>
/// The occupation-measure linear program of a finite average-reward CMDP (MODEL.md section 7; Altman, "Constrained
/// Markov Decision Processes", 1999, ch. 4), solved with GLOP (Google OR-Tools):
/// <code>
///   variables  y(s, a) &gt;= 0
///   flow       sum_a y(s', a) = sum_{s,a} y(s, a) P(s' | s, a)    for every s'
///   normalise  sum_{s,a} y(s, a) = 1
///   privacy    sum_{s,a} y(s, a) p(s, a) &gt;= P_min               (only in the cost-minimising LP)
///   objective  maximise sum y p  (gives P_max)   or   minimise sum y c
/// </code>
/// One solver holds the model; the privacy floor is a bound changed between solves, so a whole frontier costs one build.
/// </summary>
internal sealed class OccupationMeasureLp : IDisposable
{
    /// <summary>Slack taken off P_min so that P_min = P_max (fraction 1) stays feasible under the solver's tolerances.</summary>
    private const double FloorSlack = 1e-9;

    private readonly FiniteCmdp _model;
    private readonly Solver _solver;
    private readonly Variable[] _occupation;
    private readonly Constraint _privacyConstraint;

    public OccupationMeasureLp(FiniteCmdp model)
    {
        _model = model;
        _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver in this build");
        int states = model.States, actions = model.Actions;
        _occupation = new Variable[states * actions];
        for (int i = 0; i < _occupation.Length; i++)
        {
            _occupation[i] = _solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
        }

        // Flow balance, written as inflow - outflow = 0: row s' gets +1 for y(s', a) and -P(s'|s,a) for every y(s, a).
        var flow = new Constraint[states];
        for (int s = 0; s < states; s++)
        {
            flow[s] = _solver.MakeConstraint(0, 0, string.Empty);
        }

        var coefficients = new double[states];
        var touched = new List<int>();
        for (int s = 0; s < states; s++)
        {
            for (int a = 0; a < actions; a++)
            {
                var y = _occupation[(s * actions) + a];
                coefficients[s] += 1;
                touched.Add(s);
                foreach (var t in model.TransitionRow(s, a))
                {
                    coefficients[t.NextState] -= t.Probability;
                    touched.Add(t.NextState);
                }

                foreach (int row in touched)
                {
                    if (coefficients[row] != 0)
                    {
                        flow[row].SetCoefficient(y, coefficients[row]);
                        coefficients[row] = 0;
                    }
                }

                touched.Clear();
            }
        }

        var normalise = _solver.MakeConstraint(1, 1, string.Empty);
        _privacyConstraint = _solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity, string.Empty);
        for (int s = 0; s < states; s++)
        {
            for (int a = 0; a < actions; a++)
            {
                var y = _occupation[(s * actions) + a];
                normalise.SetCoefficient(y, 1);
                _privacyConstraint.SetCoefficient(y, model.Privacy(s, a));
            }
        }
    }

    /// <summary>The first LP: the largest long-run average privacy any (stationary, randomised) policy reaches, P_max.</summary>
    public CmdpSolution MaximisePrivacy()
    {
        _privacyConstraint.SetLb(double.NegativeInfinity);
        SetObjective(maximisePrivacy: true);
        return Solve(double.NegativeInfinity);
    }

    /// <summary>The second LP: the least long-run average cost subject to average privacy at least <paramref name="privacyFloor"/>.</summary>
    public CmdpSolution MinimiseCost(double privacyFloor)
    {
        _privacyConstraint.SetLb(privacyFloor - (FloorSlack * Math.Max(1, Math.Abs(privacyFloor))));
        SetObjective(maximisePrivacy: false);
        return Solve(privacyFloor);
    }

    /// <summary>
    /// The exact cost-privacy frontier of the model: for each fraction f, P_min = f * P_max and the least average cost
    /// under it (fractions in [0, 1]; the privacy is the LP's, which may exceed P_min where the floor does not bind).
    /// </summary>
    public IReadOnlyList<FrontierPoint> Frontier(IEnumerable<double> fractions)
    {
        double privacyMax = MaximisePrivacy().AveragePrivacy;
        var points = new List<FrontierPoint>();
        foreach (double fraction in fractions)
        {
            if (!(fraction is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(fractions), fraction, "privacy fractions lie in [0, 1]");
            }

            var solution = MinimiseCost(fraction * privacyMax);
            points.Add(new FrontierPoint(fraction, fraction * privacyMax, solution.AverageCost, solution.AveragePrivacy));
        }

        return points;
    }

    /// <summary>
    /// The randomised stationary policy of an occupation measure: pi(a|s) = y(s, a) / sum_a y(s, a), index s * A + a.
    /// States the measure does not visit (sum below 1e-12, e.g. buffer bins the dynamics never reach) get the
    /// privacy-maximising action (ties: the lowest index), so that a policy that leaves the LP's support still errs on
    /// the constrained side.
    /// </summary>
    public static double[] PolicyOf(FiniteCmdp model, CmdpSolution solution)
    {
        int actions = model.Actions;
        var policy = new double[model.States * actions];
        for (int s = 0; s < model.States; s++)
        {
            double mass = 0;
            for (int a = 0; a < actions; a++)
            {
                mass += solution.Occupation[(s * actions) + a];
            }

            if (mass > 1e-12)
            {
                for (int a = 0; a < actions; a++)
                {
                    policy[(s * actions) + a] = solution.Occupation[(s * actions) + a] / mass;
                }
            }
            else
            {
                int best = 0;
                for (int a = 1; a < actions; a++)
                {
                    if (model.Privacy(s, a) > model.Privacy(s, best))
                    {
                        best = a;
                    }
                }

                policy[(s * actions) + best] = 1;
            }
        }

        return policy;
    }

    public void Dispose() => _solver.Dispose();

    private void SetObjective(bool maximisePrivacy)
    {
        var objective = _solver.Objective();
        int actions = _model.Actions;
        for (int s = 0; s < _model.States; s++)
        {
            for (int a = 0; a < actions; a++)
            {
                double coefficient = maximisePrivacy ? _model.Privacy(s, a) : _model.Cost(s, a);
                objective.SetCoefficient(_occupation[(s * actions) + a], coefficient);
            }
        }

        if (maximisePrivacy)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }
    }

    private CmdpSolution Solve(double privacyFloor)
    {
        var status = _solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"the CMDP linear program has no optimal solution ({status}); privacy floor {privacyFloor}"));
        }

        // GLOP may return -1e-17 for a zero: clip, then renormalise so that the occupation is a distribution.
        var occupation = new double[_occupation.Length];
        double total = 0;
        for (int i = 0; i < occupation.Length; i++)
        {
            occupation[i] = Math.Max(0, _occupation[i].SolutionValue());
            total += occupation[i];
        }

        double cost = 0, privacy = 0;
        int actions = _model.Actions;
        for (int i = 0; i < occupation.Length; i++)
        {
            occupation[i] /= total;
            cost += occupation[i] * _model.Cost(i / actions, i % actions);
            privacy += occupation[i] * _model.Privacy(i / actions, i % actions);
        }

        return new CmdpSolution { Occupation = occupation, AverageCost = cost, AveragePrivacy = privacy, PrivacyFloor = privacyFloor };
    }
}
