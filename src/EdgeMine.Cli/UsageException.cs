namespace EdgeMine.Cli;

/// <summary>Bad command-line input: reported as one line with exit code 2, never as a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
