namespace EdgeMine.Experiments;

/// <summary>A cause class with the reason, in one line.</summary>
internal sealed record ClaimCause(CauseClass Class, string Reason)
{
    /// <summary>The class as claims.csv and the report name it.</summary>
    public string ClassText => Text(Class);

    /// <summary>How claims.csv names a class: <c>preset</c>, <c>by construction</c>.</summary>
    public static string Text(CauseClass cause) => cause switch
    {
        CauseClass.Model => "model",
        CauseClass.Preset => "preset",
        CauseClass.Learner => "learner",
        CauseClass.Paper => "paper",
        _ => "by construction",
    };

    public override string ToString() => $"{ClassText}: {Reason}";
}
