using System.Text;

namespace EdgeMine.Tests.IO;

/// <summary>Reading users' files (bounded, UTF-8, one-line errors) and quoting their values in messages.</summary>
public sealed class UserInputTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ReadText_DropsAByteOrderMark()
    {
        string path = _directory.File("c.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{}"u8]);
        Assert.Equal("{}", UserInput.ReadText(path, "--config c.json", "the config"));
    }

    [Fact]
    public void ReadText_AFileOfExactlyTheLimit_IsRead_OneByteMoreIsRefused()
    {
        string path = _directory.File("big.json");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string(' ', UserInput.MaxFileBytes)));
        Assert.Equal(UserInput.MaxFileBytes, UserInput.ReadText(path, "--config big.json", "the config").Length);

        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string(' ', UserInput.MaxFileBytes + 1)));
        var error = Assert.Throws<ConfigurationException>(() => UserInput.ReadText(path, "--config big.json", "the config"));
        Assert.Equal("--config big.json: cannot read the config (more than 1048576 bytes; allowed: a file of at most 1 MiB)", error.Message);
    }

    [Fact]
    public void ReadText_MissingDirectoryOrNotUtf8_SaysWhy()
    {
        string Error(string path) => Assert.Throws<ConfigurationException>(() => UserInput.ReadText(path, "--config X", "the config")).Message;
        Assert.Equal("--config X: cannot read the config (file not found)", Error(_directory.File("absent.json")));
        Assert.Equal("--config X: cannot read the config (file not found)", Error(_directory.File("no/such/dir.json")));
        Assert.Equal("--config X: cannot read the config (it is a directory)", Error(_directory.Path));
        string latin1 = _directory.File("latin1.json");
        File.WriteAllBytes(latin1, [0x7B, 0xE9, 0x7D]); // "{é}" in Latin-1: not UTF-8
        Assert.Equal("--config X: cannot read the config (it is not UTF-8 text)", Error(latin1));
    }

    [Fact]
    public void Quote_PutsAValueOnOneLine_AndCutsItAtTheLimit()
    {
        Assert.Equal("''", UserInput.Quote(""));
        Assert.Equal("a b c", UserInput.Quote("a\r\n b\n\nc"));
        string exactly = new('x', UserInput.QuoteLimit);
        Assert.Equal(exactly, UserInput.Quote(exactly));
        string longer = new('y', UserInput.QuoteLimit + 5);
        Assert.Equal(new string('y', UserInput.QuoteLimit) + "... (205 characters)", UserInput.Quote(longer));
    }
}
