namespace EdgeMine.Privacy;

/// <summary>One entry of a sparse transition row: next state and its probability.</summary>
internal readonly record struct Transition(int NextState, double Probability);
