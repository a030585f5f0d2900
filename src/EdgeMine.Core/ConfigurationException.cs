namespace EdgeMine;

/// <summary>
/// Bad input: one line naming the key, option or file, the value and what is allowed. Every entry point turns it into
/// that line and a non-zero exit code (the command line: exit 2), never a stack trace.
/// </summary>
public sealed class ConfigurationException(string message) : Exception(message);
