using System.Text;
using System.Text.Json;

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
    public void Quote_PutsAValueBetweenQuotesOnOneLine_AndCutsItAtTheLimit()
    {
        Assert.Equal("''", UserInput.Quote(""));
        Assert.Equal("'fast'", UserInput.Quote("fast"));
        string exactly = new('x', UserInput.QuoteLimit);
        Assert.Equal($"'{exactly}'", UserInput.Quote(exactly));
        string longer = new('y', UserInput.QuoteLimit + 5);
        Assert.Equal($"'{new string('y', UserInput.QuoteLimit)}'... (205 characters)", UserInput.Quote(longer));
        // The issue's 100,000-character key: 200 of its characters, 2 quotes and "... (100000 characters)" (23): 225.
        Assert.Equal(225, UserInput.Quote(new string('k', 100_000)).Length);
    }

    [Fact]
    public void Quote_ShowsControlCharacters_NulIncluded_AndEscapesItsOwnQuote()
    {
        // Each control character becomes visible text: a NUL cannot end a C string early, a newline cannot break the line.
        Assert.Equal(@"'calibrated\0x'", UserInput.Quote("calibrated\0x"));
        Assert.Equal(@"'a\r\n b\n\nc'", UserInput.Quote("a\r\n b\n\nc"));
        Assert.Equal(@"'tab\there'", UserInput.Quote("tab\there"));
        Assert.Equal(@"'\u001B[31mred'", UserInput.Quote("\u001b[31mred")); // ESC: a terminal colour code shown, not obeyed
        Assert.Equal(@"'\u007F \u0085'", UserInput.Quote("\u007f \u0085")); // DEL and NEL (C1)
        Assert.Equal(@"'line\u2028sep'", UserInput.Quote("line\u2028sep")); // Unicode's line separator
        Assert.Equal(@"'abc\u202Efed'", UserInput.Quote("abc\u202efed")); // right-to-left override (a format character)
        Assert.Equal(@"'lone \uD800'", UserInput.Quote("lone \ud800")); // half of a surrogate pair
        Assert.Equal(@"'it\'s a\\b'", UserInput.Quote(@"it's a\b"));
        Assert.Equal("'caf\u00e9 \U0001F600'", UserInput.Quote("caf\u00e9 \U0001F600")); // printable text, astral included, is kept
    }

    [Fact]
    public void Quote_NeverCutsACharacterInTwo()
    {
        // 199 'a' then an astral character (two UTF-16 units at 199 and 200): cutting at 200 would split it, so it goes whole.
        string text = new string('a', UserInput.QuoteLimit - 1) + "\U0001F600" + "tail";
        Assert.Equal($"'{new string('a', UserInput.QuoteLimit - 1)}'... ({text.Length} characters)", UserInput.Quote(text));
    }

    [Fact]
    public void OneLine_ShowsJsonTextBoundedWithoutQuotes_AndMessage_ABoundedForeignText()
    {
        using var document = JsonDocument.Parse("{\n\t\"a\": \"x\",\r\n  \"b\": [1,\n 2]\n}");
        Assert.Equal("{ \"a\": \"x\", \"b\": [1, 2] }", UserInput.OneLine(document.RootElement));
        Assert.Equal("\"x\"", UserInput.OneLine(document.RootElement.GetProperty("a")));
        Assert.Equal(@"out of memory\non node 7", UserInput.Message("out of memory\non node 7"));
        Assert.Equal(new string('m', UserInput.QuoteLimit) + "... (300 characters)", UserInput.Message(new string('m', 300)));
        Assert.Equal(new string('l', UserInput.LineLimit) + "... (2001 characters)", UserInput.Line(new string('l', UserInput.LineLimit + 1)));
    }

    [Fact]
    public void Quote_ALoneSurrogateFollowedByText_IsEscaped_AndTheTextKept()
    {
        // A high surrogate whose next character is not a low one is half a character: shown as \uD800, 'x' kept.
        Assert.Equal(@"'\uD800x'", UserInput.Quote("\ud800x"));
        Assert.Equal(@"'\uDC00x'", UserInput.Quote("\udc00x")); // a low surrogate first is as lone
    }

    [Fact]
    public void QuoteMessageAndLine_WithoutAText_AreRefusedNamingTheArgument()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => UserInput.Quote(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => UserInput.Message(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => UserInput.Line(null!)).ParamName);
    }

    [Fact]
    public void ParseJson_AllowsCommentsAndTrailingCommas()
    {
        using var document = UserInput.ParseJson("{ // the seed\n \"seed\": 7, /* and the slots */ \"slots\": [1, 2,], }", "--config c.json");
        Assert.Equal(7, document.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("slots").GetArrayLength());
    }

    [Fact]
    public void ParseJson_InvalidJson_NamesTheLineAndPositionCountedFromOne()
    {
        // Line 2 is ` "seed": x`: a space, the 6 characters of "seed", the colon and a space make 9, so the bad value x
        // is the 10th character of the second line.
        const string Json = "{\n \"seed\": x\n}";
        var error = Assert.Throws<ConfigurationException>(() => UserInput.ParseJson(Json, "--config c.json"));
        Assert.Equal("--config c.json: not valid JSON at line 2, position 10", error.Message);
        error = Assert.Throws<ConfigurationException>(() => UserInput.ParseJson(Json, "--config c.json", expected: "an object of settings"));
        Assert.Equal("--config c.json: not valid JSON at line 2, position 10; expected an object of settings", error.Message);
    }

    [Theory]
    [InlineData("\"\\uD800\"")] // the root string
    [InlineData("[1, \"ok\", \"\\uDFFF\"]")] // an array's item
    [InlineData("{\"a\": {\"b\": \"x\\uD800\"}}")] // a nested object's value
    public void ParseJson_HalfOfASurrogatePairAnywhere_IsRefusedAsInvalidJson(string json)
    {
        var error = Assert.Throws<ConfigurationException>(() => UserInput.ParseJson(json, "--sweep s.json"));
        Assert.Equal(@"--sweep s.json: not valid JSON: a string holds half of a surrogate pair (a \uD800-\uDFFF escape without its other half)", error.Message);
    }
}
