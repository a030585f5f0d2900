namespace EdgeMine.Cells;

/// <summary>How <see cref="OutputDirectory.Bind"/> found the directory.</summary>
public enum BindOutcome
{
    /// <summary>The manifest was written now: a new directory, or one whose earlier run left no results.</summary>
    New,

    /// <summary>The directory already held this very manifest: a run to continue.</summary>
    Existing,
}
