using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Sequential;

/// <summary>
/// The lookahead of MODEL.md section 13 (<c>lookahead</c>, not in the paper): each slot, the binary action that maximises
/// the slot's reward minus a price on the next slot's MEC backlog and on the data left in the buffers,
/// <c>r - p_Q Q(t+1) - p_D sum D0(t+1)</c> (<see cref="PricedSlotSearch"/>). Its prices are tuned per instance on the
/// tuning seed (<see cref="LookaheadTuning"/>); where nothing carries over it has none and is the per-slot optimum. It
/// reads the full state and scores actions with the slot physics, as the per-slot optimum does: a reference, not a
/// learner.
/// </summary>
public sealed class LookaheadPolicy : ISequentialReference
{
    /// <summary>The name on the command line and in results.</summary>
    public const string PolicyName = "lookahead";

    private readonly PricedSlotSearch _search = new();
    private readonly SlotPrices? _fixedPrices;
    private TunedPrices? _tuned;
    private SlotModel? _preparedFor;
    private Dictionary<string, string> _notes = [];

    /// <summary>A lookahead that tunes its prices for each instance it meets.</summary>
    public LookaheadPolicy()
    {
    }

    /// <summary>A lookahead with the given prices, untuned (for the tuning itself and for tests).</summary>
    internal LookaheadPolicy(SlotPrices prices) => _fixedPrices = prices;

    public string Name => PolicyName;

    /// <summary>The prices in use: the fixed ones, or the tuned ones once prepared (none before).</summary>
    public SlotPrices Prices => _fixedPrices ?? _tuned?.Prices ?? SlotPrices.None;

    public IReadOnlyDictionary<string, string> Notes => _notes;

    /// <summary>How the prices were tuned for the instance prepared last (every candidate and its reward), or null before.</summary>
    public TunedPrices? Tuning => _tuned;

    public void Prepare(ModelParameters parameters, EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        if (_fixedPrices is not null)
        {
            return;
        }

        _tuned = LookaheadTuning.For(parameters, settings);
        _notes = new Dictionary<string, string>
        {
            ["carries_over"] = _tuned.CarryOver.Describe(),
            ["prices"] = _tuned.Prices.ToString(),
            ["tuning"] = _tuned.CarryOver.Nothing
                ? "none: nothing carries over, so the lookahead is the per-slot optimum"
                : string.Create(CultureInfo.InvariantCulture, $"best of {_tuned.Candidates.Count} candidates on seed {SequentialTuning.Seed}, {SequentialTuning.Runs} runs x {_tuned.Slots} slots (mean reward {_tuned.MeanReward:F4})"),
        };
    }

    public void Reset(ulong seed)
    {
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (_fixedPrices is null && !ReferenceEquals(_preparedFor, environment.Model))
        {
            Prepare(environment.Parameters, environment.Settings);
            _preparedFor = environment.Model;
        }

        _ = _search.Search(environment, Prices, linearBacklog: false, action);
    }
}
