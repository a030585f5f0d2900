using EdgeMine.Reporting;

namespace EdgeMine.Tests.Report;

/// <summary>Text from elsewhere (another run's files, a user's path) is shown as written in report.md, as report.html shows it.</summary>
public sealed class MarkdownRendererTests
{
    private const string Hostile = "<script>alert(1)</script> [x](http://evil.example) ![i](http://evil.example/i.png) **b** `c` a|b\nline & ~~s~~ \\";

    [Fact]
    public void Verbatim_EscapesEveryMarkOfHtmlAndInlineMarkdown()
    {
        // By hand: < > & as entities, \ ` * _ [ ] | ~ behind a backslash, the line break a space; the rest as it is.
        Assert.Equal(
            @"&lt;script&gt;alert(1)&lt;/script&gt; \[x\](http://evil.example) !\[i\](http://evil.example/i.png) \*\*b\*\* \`c\` a\|b line &amp; \~\~s\~\~ \\",
            MarkdownRenderer.Verbatim(Hostile));
        Assert.Equal("holds", MarkdownRenderer.Verbatim("holds"));
        Assert.Equal("paper-literal (/tmp/run.1)", MarkdownRenderer.Verbatim("paper-literal (/tmp/run.1)"));
    }

    [Fact]
    public void VerbatimColumnsAndParts_AreEscaped_TheRunsOwnTextIsNot()
    {
        var document = new Document("t",
        [
            new MixedParagraph([("ours **kept** ", false), (Hostile, true)]),
            new Table(["claim", "outcome: <b>"], [["DRLO < RLO", Hostile]], VerbatimColumns: new HashSet<int> { 1 }),
        ]);

        string md = MarkdownRenderer.Render(document, Path.GetTempPath());
        string html = HtmlRenderer.Render(document);

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", md, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(http", md); // no link or image: every bracket is escaped
        Assert.Contains("ours **kept** &lt;script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("| DRLO < RLO | &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\]", md, StringComparison.Ordinal);
        Assert.Contains("| claim | outcome: &lt;b&gt; |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("ours **kept** &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
