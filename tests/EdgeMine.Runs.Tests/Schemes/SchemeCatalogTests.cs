using EdgeMine.Policies;
using EdgeMine.Sequential;
using EdgeMine.Schemes;

namespace EdgeMine.Tests.Schemes;

/// <summary>The full scheme catalogue: every baseline and every algorithm EdgeMine ships, found by name.</summary>
public sealed class SchemeCatalogTests
{
    [Fact]
    public void Catalogue_ListsEveryBaselineByName_GoAmongThem()
    {
        Assert.Equal(["no", "eo", "go", "random", "optimal", "optimal-fractional", "lookahead", "mdp-optimal"], SchemeCatalog.Full.Baselines.Select(b => b.Name));
        Assert.IsType<GoodChannelOffload>(SchemeCatalog.Full.Baseline("go", "--policy").Create());
        Assert.IsType<MdpOptimalPolicy>(SchemeCatalog.Full.Baseline("mdp-optimal", "--policy").Create());

        // The sequential references tune or solve per instance: comparisons evaluate them only when asked for.
        Assert.Equal(["no", "eo", "go", "random", "optimal", "optimal-fractional"], BaselineScheme.All.Select(b => b.Name));
    }

    [Fact]
    public void Full_ListsTheAlgorithmsInHelpOrder_AndFindsAVariantByItsSchemeName()
    {
        Assert.Equal(["rlo", "drlo", "cmdp", "rl-privacy"], SchemeCatalog.Full.Algorithms.Select(a => a.Name));
        Assert.Equal("drlo-paper", SchemeCatalog.Full.Find("drlo-paper")?.Name);
        Assert.Null(SchemeCatalog.Full.Find("drlo-unknown"));
    }
}
