using EdgeMine.Schemes;

namespace EdgeMine.Experiments;

/// <summary>
/// A choice the paper states, which an ablation flips (MODEL.md section 11, cause "paper").
/// </summary>
/// <param name="Name">Its name, which groups the ablations that flip it: <c>discount</c>.</param>
/// <param name="Stated">The paper's value in words: "discount of 0.85 [Alg. 1-2]".</param>
/// <param name="Alternative">The flipped value in words: "discount 0".</param>
/// <param name="AppliesTo">The paper's learners that make the choice (the discount: its DQN, with either head, and RLO): a claim is judged again with the choice flipped only when every one of them it compares has an arm that flips it.</param>
internal sealed record StatedChoice(string Name, string Stated, string Alternative, IReadOnlyList<Scheme> AppliesTo);
