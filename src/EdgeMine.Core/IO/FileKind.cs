using System.Runtime.InteropServices;

namespace EdgeMine.IO;

/// <summary>
/// The kind of file a path names. .NET reports a device or a FIFO as a "normal" file, and renaming a temporary file over
/// <c>/dev/null</c> replaces the device, so the kind comes from the system's <c>stat</c> (its <c>st_mode</c>) where the
/// layout is known (Linux on x64 and arm64, macOS), and from .NET's attributes elsewhere.
/// </summary>
public static partial class FileKind
{
    private const uint TypeMask = 0xF000, Regular = 0x8000, DirectoryType = 0x4000;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links to their final target.</summary>
    public static PathKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FromStat(path) is { } kind)
        {
            return kind;
        }

        return Directory.Exists(path) ? PathKind.Directory : File.Exists(path) ? PathKind.RegularFile : PathKind.Missing;
    }

    /// <summary>
    /// The path a write to <paramref name="path"/> lands on: the final target of a symbolic link (so that the link is
    /// kept and its target written), else the path itself.
    /// </summary>
    public static string WriteTarget(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return path;
        }

        // A dangling link's target does not exist yet: resolve one level at a time to the last named target.
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(info.FullName)!);
    }

    // The kind from stat(2)'s st_mode, or null where its layout is unknown or the call is missing (glibc before 2.33
    // exports no stat symbol).
    private static PathKind? FromStat(string path)
    {
        int offset, width;
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            (offset, width) = (24, 4); // st_dev, st_ino, st_nlink (8 bytes each), then st_mode
        }
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            (offset, width) = (16, 4); // st_dev, st_ino, then st_mode (the generic layout)
        }
        else if (OperatingSystem.IsMacOS())
        {
            (offset, width) = (4, 2); // st_dev (4 bytes), then a 16-bit st_mode
        }
        else
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[512]; // larger than struct stat on every platform above
        try
        {
            if (Stat(path, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                const int NoSuchEntry = 2, NotADirectory = 20; // ENOENT, ENOTDIR: nothing can be there
                int errno = Marshal.GetLastPInvokeError();
                return errno is NoSuchEntry or NotADirectory ? PathKind.Missing : null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        uint mode = width == 4 ? BitConverter.ToUInt32(buffer.Slice(offset, 4)) : BitConverter.ToUInt16(buffer.Slice(offset, 2));
        return (mode & TypeMask) switch
        {
            Regular => PathKind.RegularFile,
            DirectoryType => PathKind.Directory,
            _ => PathKind.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, ref byte buffer);
}
