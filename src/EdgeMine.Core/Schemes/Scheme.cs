namespace EdgeMine.Schemes;

/// <summary>
/// What results compare: a baseline policy, or a learner (an algorithm in one of its variants) that is trained first.
/// Schemes are compared as objects, never by their names; <see cref="Name"/> is written to files and parsed back
/// through the scheme catalogue (<c>SchemeCatalog</c>, in EdgeMine.Runs).
/// </summary>
public abstract record Scheme
{
    /// <summary>The name on the command line and in files: <c>no</c>, <c>optimal</c>, <c>drlo</c>, <c>drlo-paper</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How reports and figures call it: <c>NO</c>, <c>DRLO (paper DQN)</c>.</summary>
    public abstract string Label { get; }

    /// <summary>True when the scheme is learned (trained before it is evaluated).</summary>
    public bool IsLearner => this is LearnerScheme;

    public sealed override string ToString() => Name;
}
