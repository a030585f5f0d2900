namespace EdgeMine.Experiments;

/// <summary>A cause class with the reason, in one line.</summary>
internal sealed record ClaimCause(CauseClass Class, string Reason)
{
    /// <summary>The class as claims.csv and the report name it.</summary>
    public string ClassText => Class switch
    {
        CauseClass.Model => "model",
        CauseClass.Preset => "preset",
        CauseClass.Learner => "learner",
        CauseClass.Paper => "paper",
        _ => "by construction",
    };

    public override string ToString() => $"{ClassText}: {Reason}";
}
