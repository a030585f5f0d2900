using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The MDP optimum of MODEL.md section 13 (<c>mdp-optimal</c>, not in the paper): where the carried state is small (a
/// single miner: channel and backlog, or channel and buffers with M &lt;= 2), the average-reward optimal policy of the
/// discretised MDP solved by relative value iteration (<see cref="MdpOptimum"/>). Each slot it takes the per-slot
/// search with the next state's value priced in: the binary action maximising <c>r + V(g, next carried state)</c>, every
/// reward scored with the slot physics at the actual state. Simulated in the environment, its mean reward is the
/// yardstick "MDP optimum", within the grid's error (docs/sequential.md). Elsewhere it refuses in one line.
/// </summary>
public sealed class MdpOptimalPolicy : ISequentialReference
{
    /// <summary>The name on the command line and in results.</summary>
    public const string PolicyName = "mdp-optimal";

    private readonly MdpGrid _grid;
    private readonly bool _fixed;
    private MdpOptimum.Solved? _solved;
    private (ModelParameters Parameters, int Miners, int Tasks, double Beta)? _instance;
    private SlotModel? _preparedFor;
    private ActScratch? _scratch;
    private Dictionary<string, string> _notes = [];

    /// <summary>The MDP optimum on the default grid.</summary>
    public MdpOptimalPolicy()
        : this(MdpGrid.Default)
    {
    }

    /// <summary>The MDP optimum on <paramref name="grid"/> (for the grid-error measurements).</summary>
    public MdpOptimalPolicy(MdpGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        _grid = grid;
    }

    /// <summary>A policy acting on an already solved MDP (the solver's reach check).</summary>
    internal MdpOptimalPolicy(MdpOptimum.Solved solved)
    {
        _grid = MdpGrid.Default;
        _solved = solved;
        _fixed = true;
    }

    public string Name => PolicyName;

    /// <summary>Why the instance is out of the MDP optimum's reach, in one line, or null when it can be solved (without solving it).</summary>
    public static string? OutOfReach(ModelParameters parameters, EnvironmentSettings settings) => MdpOptimum.OutOfReach(parameters, settings);

    public IReadOnlyDictionary<string, string> Notes => _notes;

    /// <summary>The gain of the discretised MDP (the midpoint of its bounds) once prepared, else NaN.</summary>
    public double Gain => _solved?.Solution.Gain ?? double.NaN;

    /// <summary>The states of the solved grid per channel state once prepared, else 0.</summary>
    public int GridPoints => _solved?.Model.Points ?? 0;

    /// <summary>The solved grid in words (its range, step and points, then the arrival samples) once prepared, else empty.</summary>
    public string GridText => _solved?.GridText ?? "";

    /// <summary>Every grid solved on the way once prepared, in order: its top, the gain on it, and the largest state the policy met.</summary>
    public IReadOnlyList<(double Top, double Gain, double Reach)> Trail => _solved?.Trail ?? [];

    public void Prepare(ModelParameters parameters, EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        if (MdpOptimum.OutOfReach(parameters, settings) is { } reason)
        {
            throw new ConfigurationException(reason);
        }

        _solved = MdpOptimum.For(parameters, settings, _grid);
        _instance = (parameters, settings.Miners, settings.TasksPerMiner, settings.Beta);
        var s = _solved.Solution;
        _notes = new Dictionary<string, string>
        {
            ["carries_over"] = _solved.CarryOver.Describe(),
            ["grid"] = _solved.GridText,
            ["dp_gain"] = string.Create(CultureInfo.InvariantCulture, $"{s.Gain:F4} per slot on the grid (bounds [{s.GainLow:F6}, {s.GainHigh:F6}], {s.Backups} greedy backups of relative value iteration)"),
        };
        if (_solved.Model.Points > 1)
        {
            _notes["reach"] = string.Create(CultureInfo.InvariantCulture, $"the policy stays below {_solved.Reach:F3} of the grid's top in the tuning runs (seed {SequentialTuning.Seed})");
            _notes["tops"] = string.Join(", ", _solved.Trail.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Top:G3} (gain {t.Gain:G6})")));
        }
    }

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!_fixed && !ReferenceEquals(_preparedFor, environment.Model))
        {
            var settings = environment.Settings;
            if (_instance != (environment.Parameters, settings.Miners, settings.TasksPerMiner, settings.Beta))
            {
                Prepare(environment.Parameters, settings);
            }

            _preparedFor = environment.Model;
        }

        var solved = _solved!;
        var next = solved.NextValue(environment.ChannelGood[0]);
        if (_scratch is null || _scratch.Action.Length != environment.Model.Tasks)
        {
            _scratch = new ActScratch(environment.Model.Tasks);
        }

        switch (solved.Model)
        {
            case BacklogMdp backlog:
                backlog.Act(environment, next, action, _scratch);
                break;
            case BufferMdp buffers:
                buffers.Act(environment, next, action, _scratch);
                break;
            default:
                throw new InvalidOperationException("unknown carried-state model");
        }
    }
}
