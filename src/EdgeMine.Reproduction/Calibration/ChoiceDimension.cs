using System.Text.Json.Nodes;
using EdgeMine.Model;

namespace EdgeMine.Calibration;

/// <summary>A choice among assignments of one or more config keys (usage_privacy_form, or the cost units' pair).</summary>
public sealed record ChoiceDimension(string Name, IReadOnlyList<IReadOnlyList<KeyValuePair<string, ParameterValue>>> Options, IReadOnlyList<string> Labels) : SpaceDimension(Name)
{
    public override JsonNode ToJson()
    {
        var choices = new JsonArray();
        foreach (var option in Options)
        {
            if (option.Count == 1 && option[0].Key == Name)
            {
                choices.Add(option[0].Value.ToJson());
            }
            else
            {
                var assignment = new JsonObject();
                foreach (var (key, value) in option)
                {
                    assignment[key] = value.ToJson();
                }

                choices.Add(assignment);
            }
        }

        return new JsonObject { ["choices"] = choices };
    }
}
