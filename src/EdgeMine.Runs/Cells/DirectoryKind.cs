namespace EdgeMine.Cells;

/// <summary>What an output directory holds, recorded by the name of its manifest file.</summary>
public enum DirectoryKind
{
    /// <summary><c>edgemine train</c>: config.json, curve.csv, model.bin.</summary>
    TrainingRun,

    /// <summary><c>edgemine train --seeds S</c> with S &gt; 1: seeds.json, and seed-1 to seed-S, one training run each.</summary>
    TrainingSeeds,

    /// <summary><c>edgemine reproduce</c>: reproduction.json, cells/, the CSVs, figures and report.</summary>
    Reproduction,

    /// <summary><c>edgemine sweep</c>: sweep.json, cells/, results.csv.</summary>
    Sweep,

    /// <summary><c>edgemine calibrate</c>: calibration.json, cells/, points.csv, paper-fit.json, feasibility.md.</summary>
    Calibration,

    /// <summary><c>edgemine tune</c>: tuning.json, cells/, tuning.csv, tuned.json, tuning.md.</summary>
    Tuning,
}
