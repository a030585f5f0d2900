using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.Sequential;

/// <summary>
/// A reference policy of MODEL.md section 13 (the lookahead, the MDP optimum) that prepares itself for an instance
/// before it acts: tunes its prices or solves its dynamic programme, or refuses an instance out of its reach with a
/// <see cref="ConfigurationException"/> of one line. <see cref="IOffloadingPolicy.Act"/> prepares on first use;
/// commands call <see cref="Prepare"/> first, to fail before anything runs and to print <see cref="Notes"/>.
/// </summary>
public interface ISequentialReference : IOffloadingPolicy
{
    /// <summary>Prepares for the instance, or throws a <see cref="ConfigurationException"/> saying why it is out of reach.</summary>
    void Prepare(ModelParameters parameters, EnvironmentSettings settings);

    /// <summary>What a reader needs to trust the numbers (prices and how they were tuned, the grid and its gain), by key; empty before <see cref="Prepare"/>.</summary>
    IReadOnlyDictionary<string, string> Notes { get; }
}
