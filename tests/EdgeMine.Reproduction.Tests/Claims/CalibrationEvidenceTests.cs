using EdgeMine.Experiments;

namespace EdgeMine.Tests.Claims;

public sealed class CalibrationEvidenceTests
{
    [Fact]
    public void The_final_point_is_the_least_refined_objective_and_the_refined_columns_are_not_claims()
    {
        // Three points: p1 has the least fitted objective (1), but only p2 and p3 were evaluated again in batches, and p3
        // has the least refined objective (2.0 < 2.5): p3 is the calibration's final point (paper-fit.json), so a claim
        // holding at p3 names paper-fit, and one holding only at p1 names p1.
        const string csv =
            "point,phase,objective_fitted,held_out_holding,table2.cost.n5,fig5.no-costs-most,objective_refined,objective_refined_se\n"
            + "preset,preset,9,0,holds,holds,,\n"
            + "p1,latin,1,0,holds,does not hold,,\n"
            + "p2,latin,3,0,does not hold,does not hold,2.5,0.1\n"
            + "p3,refined,2,0,does not hold,holds,2.0,0.1\n";
        var evidence = CalibrationEvidence.Parse(csv, "points.csv");

        Assert.Equal((1, 3, "p1"), evidence.Of("table2.cost.n5"));
        Assert.Equal((1, 3, CalibrationEvidence.BestPointName), evidence.Of("fig5.no-costs-most"));
        Assert.Null(evidence.Of("objective_refined"));
        Assert.Null(evidence.Of("objective_refined_se"));
    }

    [Fact]
    public void Without_refined_objectives_the_final_point_is_the_least_fitted_objective()
    {
        // An earlier calibration (no batches): p1's fitted objective 1 is the least, so p1 is paper-fit.
        const string csv =
            "point,phase,objective_fitted,held_out_holding,table2.cost.n5\n"
            + "preset,preset,9,0,holds\n"
            + "p1,latin,1,0,holds\n"
            + "p2,latin,3,0,holds\n";

        Assert.Equal((2, 2, CalibrationEvidence.BestPointName), CalibrationEvidence.Parse(csv, "points.csv").Of("table2.cost.n5"));
    }
}
