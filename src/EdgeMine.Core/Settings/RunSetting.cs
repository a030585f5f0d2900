using System.Text.Json;

namespace EdgeMine.Settings;

/// <summary>
/// One run setting: not a model parameter (those are <see cref="Model.ParameterCatalog"/>'s config keys) but how a run
/// is shaped and sized (MODEL.md section 9, last line): its key in sweep files and configurations, its command-line
/// option, its one default, its one range check and its one description. Command-line options, sweep keys, training
/// configurations and the reproduction all read them from <see cref="RunSettings"/>.
/// </summary>
public abstract class RunSetting(string key, string option, string description)
{
    /// <summary>The key in sweep files, configurations and result files (<c>miners</c>, <c>eval_runs</c>).</summary>
    public string Key { get; } = key;

    /// <summary>The command-line option of the commands that take this setting (<c>--miners</c>, <c>--runs</c>).</summary>
    public string Option { get; } = option;

    /// <summary>What the setting is, for help texts and error messages.</summary>
    public string Description { get; } = description;

    /// <summary>The default, as canonical text.</summary>
    public abstract string DefaultText { get; }

    /// <summary>What values are allowed, in words, for error messages.</summary>
    public abstract string Allowed { get; }

    /// <summary>The canonical text of a JSON value of this setting, or a <see cref="ConfigurationException"/> naming <paramref name="where"/>.</summary>
    public abstract string ReadJson(JsonElement value, string where);

    /// <summary>The canonical text of a command-line or file text, or a <see cref="ConfigurationException"/> naming <paramref name="where"/>.</summary>
    public abstract string ReadText(string text, string where);

    /// <summary>Writes a canonical text as a JSON number.</summary>
    public abstract void WriteJson(Utf8JsonWriter json, string canonical);
}
