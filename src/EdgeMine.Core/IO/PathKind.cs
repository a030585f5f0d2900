namespace EdgeMine.IO;

/// <summary>What a path names, following symbolic links.</summary>
public enum PathKind
{
    /// <summary>Nothing is there (or a dangling link).</summary>
    Missing,

    /// <summary>A regular file: written by replacing it atomically.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character or block device, a FIFO or a socket (<c>/dev/null</c>, a named pipe): written through, never replaced.</summary>
    Special,
}
