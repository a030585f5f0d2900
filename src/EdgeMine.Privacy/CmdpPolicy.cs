using System.Globalization;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Learning.Tabular;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Privacy;

/// <summary>
/// The CMDP privacy baseline [28] (He et al., GLOBECOM 2017), a reconstruction: that paper publishes no code, and
/// MODEL.md section 7 fixes what is built here. Single miner. The state is discretised as RLO's
/// (<see cref="PrivacyStateSpace"/>), the transition model and the expected cost and privacy per state and binary
/// action come from the known dynamics (<see cref="CmdpModelBuilder"/>), and two occupation-measure LPs
/// (<see cref="OccupationMeasureLp"/>) give P_max and then the least-cost policy with average privacy at least
/// <see cref="CmdpOptions.PrivacyFraction"/> * P_max. The policy is randomised: pi(a|s) = y(s, a) / sum_a y(s, a).
/// <para>
/// As an <see cref="ILearner"/>: "training" is <see cref="BeginTraining"/>, which builds and solves the LP; the slot
/// loop then only runs the policy (its curve shows the policy's reward) and learns nothing. Both
/// <see cref="TransitionLearner.Act"/> and <see cref="TransitionLearner.TrainSlot"/> sample the randomised policy (epsilon is ignored): a
/// de-randomised policy would no longer meet the privacy constraint, so the randomisation is part of the policy.
/// </para>
/// </summary>
public sealed class CmdpPolicy : TransitionLearner, IPredictsAverages
{
    private static readonly BinaryFormat ModelFormat = new("CMDP policy", 0x44434D45, 1); // "EMCD"

    private readonly CmdpOptions _options;
    private readonly Xoshiro256 _random = new(0);
    private PrivacyStateSpace? _space;
    private double[] _policy = [];
    private int _actions;

    public CmdpPolicy(CmdpOptions? options = null)
    {
        _options = options ?? new CmdpOptions();
        if (!(_options.PrivacyFraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PrivacyFraction, "the privacy fraction lies in [0, 1]");
        }
    }

    public override string Name => "cmdp";

    /// <summary>P_max: the largest average privacy of the discretised model (first LP).</summary>
    public double MaxPrivacy { get; private set; } = double.NaN;

    /// <summary>P_min = fraction * P_max, the floor of the second LP.</summary>
    public double PrivacyFloor { get; private set; } = double.NaN;

    /// <summary>The average cost per slot the second LP predicts for this policy.</summary>
    public double PredictedCost { get; private set; } = double.NaN;

    /// <summary>The average privacy per slot the second LP predicts for this policy (&gt;= <see cref="PrivacyFloor"/>).</summary>
    public double PredictedPrivacy { get; private set; } = double.NaN;

    /// <summary>The LP's own averages per slot, to be reported beside the simulated ones.</summary>
    public IReadOnlyDictionary<string, double> PredictedAverages =>
        new Dictionary<string, double> { ["cost"] = PredictedCost, ["privacy"] = PredictedPrivacy };

    /// <summary>pi(a|s), index s * 2^M + a (bit m of a: task m offloads). Empty before training or loading.</summary>
    public IReadOnlyList<double> Policy => _policy;

    /// <summary>The state discretisation, once trained or loaded.</summary>
    internal PrivacyStateSpace? StateSpace => _space;

    /// <summary>
    /// Builds the discretised CMDP of a single miner with <paramref name="tasks"/> tasks (for studies and tests that
    /// want the model itself, e.g. its frontier through <see cref="OccupationMeasureLp.Frontier"/>).
    /// </summary>
    internal static (PrivacyStateSpace Space, FiniteCmdp Model) BuildModel(ModelParameters parameters, int tasks, double beta, CmdpOptions? options = null)
    {
        options ??= new CmdpOptions();
        var space = PrivacyStateSpace.For(parameters, tasks, options.ArrivalBins);
        return (space, CmdpModelBuilder.Build(space, parameters, beta, options.QuadraturePoints));
    }

    /// <summary>The exact cost-privacy frontier of the discretised model at the given fractions of P_max.</summary>
    public static IReadOnlyList<FrontierPoint> Frontier(
        ModelParameters parameters, int tasks, double beta, IEnumerable<double> fractions, CmdpOptions? options = null)
    {
        var (_, model) = BuildModel(parameters, tasks, beta, options);
        using var lp = new OccupationMeasureLp(model);
        return lp.Frontier(fractions);
    }

    public override void Reset(ulong seed) => _random.Reseed(seed);

    /// <summary>Builds and solves the two LPs for <paramref name="environment"/>'s parameters; N must be 1.</summary>
    public override void BeginTraining(MiningEnvironment environment, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.Settings;
        if (settings.Miners != 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the CMDP scheme is single-miner; the environment has N = {settings.Miners}"), nameof(environment));
        }

        var (space, model) = BuildModel(environment.Parameters, settings.TasksPerMiner, settings.Beta, _options);
        using (var lp = new OccupationMeasureLp(model))
        {
            MaxPrivacy = lp.MaximisePrivacy().AveragePrivacy;
            PrivacyFloor = _options.PrivacyFraction * MaxPrivacy;
            var solution = lp.MinimiseCost(PrivacyFloor);
            PredictedCost = solution.AverageCost;
            PredictedPrivacy = solution.AveragePrivacy;
            _policy = OccupationMeasureLp.PolicyOf(model, solution);
        }

        _space = space;
        _actions = model.Actions;
        _random.Reseed(seed);
    }

    /// <summary>Samples the randomised policy at the current state (epsilon is ignored: see the class remarks).</summary>
    protected override void ActExploring(MiningEnvironment environment, double epsilon, Span<double> action)
    {
        var space = _space ?? throw new InvalidOperationException("the CMDP policy is neither trained nor loaded");
        if (environment.Settings.Miners != 1 || environment.Settings.TasksPerMiner != space.Tasks)
        {
            throw new ArgumentException("the environment's N and M differ from those the CMDP policy was solved for", nameof(environment));
        }

        int state = space.FromObservation(environment.Observation);
        double u = _random.NextDouble();
        int chosen = _actions - 1;
        double cumulative = 0;
        for (int a = 0; a < _actions; a++)
        {
            cumulative += _policy[(state * _actions) + a];
            if (u < cumulative)
            {
                chosen = a;
                break;
            }
        }

        ActionSpace.DecodeBinary(chosen, action);
    }

    /// <summary>Nothing to learn: the model is known (NaN: no update).</summary>
    protected override double Learn(ReadOnlySpan<double> observation, ReadOnlySpan<double> action, MiningEnvironment environment, in SlotMetrics metrics) => double.NaN;

    protected override Xoshiro256 Random => _random;

    protected override void WriteModel(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var space = _space ?? throw new InvalidOperationException("the CMDP policy is neither trained nor loaded");
        ModelFormat.WriteHeader(writer);
        space.Write(writer);
        writer.Write(MaxPrivacy);
        writer.Write(PrivacyFloor);
        writer.Write(PredictedCost);
        writer.Write(PredictedPrivacy);
        writer.Write(_actions);
        writer.Write(_policy.Length);
        foreach (double probability in _policy)
        {
            writer.Write(probability);
        }
    }

    protected override void ReadModel(BinaryReader reader)
    {
        ModelFormat.ReadHeader(reader);
        ModelFormat.Truncated(() =>
        {
            var space = PrivacyStateSpace.Read(reader);
            MaxPrivacy = reader.ReadDouble();
            PrivacyFloor = reader.ReadDouble();
            PredictedCost = reader.ReadDouble();
            PredictedPrivacy = reader.ReadDouble();
            int actions = ModelFormat.ReadExpected(reader, CmdpModelBuilder.ActionCount(space.Tasks), "the number of actions");
            int length = ModelFormat.ReadExpected(reader, space.Count * actions, "the policy table's length");
            var policy = new double[length];
            for (int i = 0; i < length; i++)
            {
                policy[i] = reader.ReadDouble();
            }

            _space = space;
            _actions = actions;
            _policy = policy;
        });
    }
}
