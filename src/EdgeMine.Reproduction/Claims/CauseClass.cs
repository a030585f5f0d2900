namespace EdgeMine.Experiments;

/// <summary>Where a claim that does not hold points, or that a claim is true by construction (MODEL.md section 11).</summary>
internal enum CauseClass
{
    /// <summary>It fails at every point of the calibration's feasible set (the optimum standing in for every learner).</summary>
    Model,

    /// <summary>It holds at some points of the calibration's feasible set: the preset's unstated constants decide it.</summary>
    Preset,

    /// <summary>With the per-slot optimum in a learner's place it holds: the learner falls short.</summary>
    Learner,

    /// <summary>The paper's own stated choice causes it (e.g. its discount), or the paper contradicts itself (MODEL.md section 9).</summary>
    Paper,

    /// <summary>True or false under every preset by the equations, with the proof.</summary>
    ByConstruction,
}
