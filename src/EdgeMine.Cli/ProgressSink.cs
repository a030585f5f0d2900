namespace EdgeMine.Cli;

/// <summary>Where long work reports how far it is: done units and an optional status text (rate, reward, epsilon...).</summary>
internal sealed class ProgressSink
{
    private readonly Action<long, string?> _report;

    internal ProgressSink(Action<long, string?> report) => _report = report;

    /// <summary>Reports <paramref name="done"/> units finished, with an optional status line.</summary>
    public void Report(long done, string? status = null) => _report(done, status);
}
