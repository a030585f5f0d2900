using System.Globalization;

namespace EdgeMine.Learning.Dqn;

/// <summary>
/// The settings every DRLO variant shares (MODEL.md section 7), with the one check of them (<see cref="Problem"/>) and
/// the keys that <c>--learner key=value</c> may change: the hidden widths, the discount, Adam's learning rate, the batch,
/// the replay capacity, the target sync interval, the gradient clip, Double DQN, when learning starts and how many
/// updates a slot makes. A variant's record adds its own settings and defaults (<see cref="SystemDqnOptions"/>: the joint
/// and branching heads over the whole system; <see cref="SharedDqnOptions"/>: the shared learner), lists its keys in its
/// own order (<see cref="KeysInOrder{TOptions}"/>: the shared keys are written once, here) and says what else it checks
/// (<see cref="VariantProblem"/>) and how large its network and transitions are (<see cref="Sizes"/>).
/// </summary>
public abstract record DqnOptions
{
    /// <summary>Hidden ReLU layer widths (each variant sets its default).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [];

    /// <summary>γ, the discount of the bootstrapped target (each variant sets its default).</summary>
    public float Discount { get; init; }

    /// <summary>Adam learning rate (MODEL.md section 9 choice: 1e-3).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Transitions per update (paper: 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Replay memory capacity, in stored transitions (paper: 1e5).</summary>
    public int ReplayCapacity { get; init; } = 100_000;

    /// <summary>Updates between copies of the online network into the target network (MODEL.md section 9 choice: 250).</summary>
    public int TargetSyncInterval { get; init; } = 250;

    /// <summary>Global gradient-norm bound (MODEL.md section 9 choice: 10).</summary>
    public float GradientClipNorm { get; init; } = 10f;

    /// <summary>Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; }

    /// <summary>Transitions stored before the first update (MODEL.md section 7: 1,000); at least 1, since an update samples the memory.</summary>
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Gradient updates per slot once learning has started (MODEL.md section 7: 1).</summary>
    public int UpdatesPerSlot { get; init; } = 1;

    /// <summary>The hidden widths an error message suggests: the variant's default.</summary>
    private protected abstract string HiddenExample { get; }

    /// <summary>
    /// Null when these options can train a learner for <paramref name="tasks"/> (N M) tasks, else the first problem:
    /// which field, which value, what is allowed. The shared settings are checked here, then the variant's own
    /// (<see cref="VariantProblem"/>), then the sizes of its network and replay memory against <see cref="LearnerLimits"/>.
    /// </summary>
    public string? Problem(int tasks)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (HiddenSizes.Count == 0 || HiddenSizes.Any(size => size <= 0))
        {
            return $"hidden = {string.Join(",", HiddenSizes)}: allowed: one or more positive widths, e.g. {HiddenExample}";
        }

        if (Discount is < 0f or > 1f)
        {
            return string.Create(invariant, $"discount = {Discount}: allowed: a number in [0, 1]");
        }

        if (!(LearningRate > 0f) || !float.IsFinite(LearningRate))
        {
            return string.Create(invariant, $"learning_rate = {LearningRate}: allowed: a positive number");
        }

        if (!(GradientClipNorm > 0f) || !float.IsFinite(GradientClipNorm))
        {
            return string.Create(invariant, $"gradient_clip = {GradientClipNorm}: allowed: a positive number");
        }

        if (BatchSize <= 0 || TargetSyncInterval <= 0 || LearningStarts <= 0 || UpdatesPerSlot <= 0)
        {
            return string.Create(invariant, $"batch = {BatchSize}, target_sync = {TargetSyncInterval}, learning_starts = {LearningStarts}, updates_per_slot = {UpdatesPerSlot}: allowed: positive integers");
        }

        if (ReplayCapacity < BatchSize)
        {
            return string.Create(invariant, $"replay = {ReplayCapacity}: allowed: at least the batch ({BatchSize})");
        }

        if (VariantProblem(tasks) is { } problem)
        {
            return problem;
        }

        var (inputs, outputs, transitionBytes) = Sizes(tasks);
        return LearnerLimits.Problem(inputs, HiddenSizes, outputs, BatchSize, ReplayCapacity, transitionBytes, UpdatesPerSlot);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with <see cref="Problem"/> unless these options can train <paramref name="tasks"/> tasks.</summary>
    public void Validate(int tasks)
    {
        if (Problem(tasks) is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>
    /// These options with <paramref name="changes"/> applied in key order; a bad key or value is a
    /// <see cref="ConfigurationException"/> that names <paramref name="where"/>, the key, the value and what is allowed.
    /// </summary>
    public abstract DqnOptions With(IEnumerable<KeyValuePair<string, string>> changes, string where);

    /// <summary>The names of the keys that <see cref="With"/> takes, in the order help texts and messages list them.</summary>
    public abstract IReadOnlyList<string> KeyNames();

    /// <summary>What the variant checks beyond the shared settings, or null.</summary>
    private protected abstract string? VariantProblem(int tasks);

    /// <summary>
    /// The network's inputs and outputs for <paramref name="tasks"/> tasks, and the bytes of one stored transition, for
    /// <see cref="LearnerLimits"/>.
    /// </summary>
    private protected abstract (int Inputs, long Outputs, long TransitionBytes) Sizes(int tasks);

    /// <summary>
    /// A variant's keys in the order of <paramref name="order"/>: its <paramref name="own"/> keys, and the keys every
    /// variant shares (defined once, here), whose values are read into options of the variant's type and which the
    /// variant marks for tuning (<paramref name="shared"/>: stated by the paper, ours, or a method switch, by key).
    /// </summary>
    private protected static IReadOnlyList<LearnerOptionKey<TOptions>> KeysInOrder<TOptions>(
        string hiddenExample, IReadOnlyList<string> order, IReadOnlyDictionary<string, LearnerKeyTuning> shared, params LearnerOptionKey<TOptions>[] own)
        where TOptions : DqnOptions
    {
        static TOptions Set(TOptions options, Func<DqnOptions, DqnOptions> change) => (TOptions)change(options);
        static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
        static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);
        static string Flag(bool value) => value ? "true" : "false";
        LearnerOptionKey<TOptions> Key(string name, string allowed, Func<TOptions, string, TOptions> apply, Func<TOptions, string> read) =>
            new(name, allowed, apply)
            {
                Tuning = shared.TryGetValue(name, out var tuning) ? tuning : throw new ArgumentException($"learner option key '{name}' is not marked for tuning", nameof(shared)),
                Read = read,
            };
        LearnerOptionKey<TOptions>[] common =
        [
            Key("hidden", $"comma-separated positive widths, e.g. {hiddenExample}", (o, v) => Set(o, d => d with { HiddenSizes = LearnerOptionKeys.Widths(v) }), o => string.Join(",", o.HiddenSizes.Select(Whole))),
            Key("discount", "a number in [0, 1]", (o, v) => Set(o, d => d with { Discount = LearnerOptionKeys.Float(v, unit: true, zero: true) }), o => Text(o.Discount)),
            Key("learning_rate", "a positive number", (o, v) => Set(o, d => d with { LearningRate = LearnerOptionKeys.Float(v) }), o => Text(o.LearningRate)),
            Key("batch", "a positive integer", (o, v) => Set(o, d => d with { BatchSize = LearnerOptionKeys.Int(v) }), o => Whole(o.BatchSize)),
            Key("replay", "a positive integer", (o, v) => Set(o, d => d with { ReplayCapacity = LearnerOptionKeys.Int(v) }), o => Whole(o.ReplayCapacity)),
            Key("target_sync", "a positive integer", (o, v) => Set(o, d => d with { TargetSyncInterval = LearnerOptionKeys.Int(v) }), o => Whole(o.TargetSyncInterval)),
            Key("gradient_clip", "a positive number", (o, v) => Set(o, d => d with { GradientClipNorm = LearnerOptionKeys.Float(v) }), o => Text(o.GradientClipNorm)),
            Key("double_dqn", "true or false", (o, v) => Set(o, d => d with { DoubleDqn = LearnerOptionKeys.Bool(v) }), o => Flag(o.DoubleDqn)),
            Key("learning_starts", "a positive integer", (o, v) => Set(o, d => d with { LearningStarts = LearnerOptionKeys.Int(v) }), o => Whole(o.LearningStarts)),
            Key("updates_per_slot", "a positive integer", (o, v) => Set(o, d => d with { UpdatesPerSlot = LearnerOptionKeys.Int(v) }), o => Whole(o.UpdatesPerSlot)),
        ];
        return order.Select(name => own.FirstOrDefault(k => k.Name == name) ?? common.FirstOrDefault(k => k.Name == name)
            ?? throw new ArgumentException($"no learner option key '{name}'", nameof(order))).ToArray();
    }
}
