namespace EdgeMine.Cells;

/// <summary>
/// A bound output directory: how it was found, and this process's lock of it, released on dispose (the lock is
/// re-entrant: nested binds of one directory share it).
/// </summary>
public sealed class Binding(BindOutcome outcome, IDisposable hold) : IDisposable
{
    public BindOutcome Outcome { get; } = outcome;

    public void Dispose() => hold.Dispose();
}
