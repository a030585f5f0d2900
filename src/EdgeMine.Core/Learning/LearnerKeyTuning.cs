namespace EdgeMine.Learning;

/// <summary>
/// What <c>edgemine tune</c> may do with one learner option: whether the paper states it, it is a choice of ours, or it
/// switches methods (<see cref="Origin"/>); where that comes from (<see cref="Source"/>, citing the paper or MODEL.md);
/// and for a choice of ours that is tuned, its range (<see cref="Range"/>).
/// </summary>
/// <param name="Origin">Stated by the paper, ours, or an ablation's switch.</param>
/// <param name="Source">Where the value comes from, and for a choice of ours held, why it is not tuned.</param>
/// <param name="Range">The range searched; only for a choice of ours.</param>
public sealed record LearnerKeyTuning(LearnerKeyOrigin Origin, string Source, TuningRange? Range = null)
{
    /// <summary>True when <c>edgemine tune</c> searches this option.</summary>
    public bool IsTuned => Range is not null;

    /// <summary>Stated by the paper: never tuned.</summary>
    public static LearnerKeyTuning Paper(string source) => new(LearnerKeyOrigin.Paper, source);

    /// <summary>A choice of ours, tuned over <paramref name="range"/>, or held when it is null (<paramref name="source"/> says why).</summary>
    public static LearnerKeyTuning Ours(string source, TuningRange? range = null) => new(LearnerKeyOrigin.Ours, source, range);

    /// <summary>A switch between methods: studied by ablations, never tuned.</summary>
    public static LearnerKeyTuning Ablation(string source) => new(LearnerKeyOrigin.Ablation, source);
}
