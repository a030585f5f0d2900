namespace EdgeMine.Benchmarks;

/// <summary>Throughput of the DQN learner on one thread (for <c>edgemine bench dqn</c>).</summary>
/// <param name="UpdatesPerSecond">Full DRLO updates per second (sample, targets, forward, loss, backward, clip, Adam, sync).</param>
/// <param name="ActionsPerSecond">Single-state greedy action selections per second.</param>
/// <param name="Updates">Updates timed.</param>
/// <param name="ActionSelections">Action selections timed.</param>
public sealed record DqnBenchmarkResult(double UpdatesPerSecond, double ActionsPerSecond, long Updates, long ActionSelections);
