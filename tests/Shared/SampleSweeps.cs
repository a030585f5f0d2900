namespace EdgeMine.Tests;

/// <summary>Sweep files the tests share.</summary>
internal static class SampleSweeps
{
    /// <summary>2 x 2 cells (a learner and a baseline, two betas), tiny sizes: the whole sweep in well under a second.</summary>
    public const string Tiny = """
        {
          // a comment, as allowed in sweep files
          "name": "tiny",
          "baselines": ["random", "optimal"],
          "fixed": { "slots": 300, "eval_runs": 3, "eval_slots": 100, "tasks": 2, "rate_bad_bps": 1e6 },
          "grid": { "algo": ["rlo", "eo"], "beta": [0.2, 0.8] }
        }
        """;
}
