namespace EdgeMine.Cli;

/// <summary>Adapts an evaluation's slot counter to the progress display (synchronously, unlike Progress&lt;T&gt;).</summary>
internal sealed class SinkProgress(ProgressSink sink) : IProgress<long>
{
    public void Report(long value) => sink.Report(value);
}
