using System.Text;

namespace EdgeMine.Reporting;

/// <summary>Renders a <see cref="Document"/> as Markdown; figures link to their PNG and SVG files beside it.</summary>
internal static class MarkdownRenderer
{
    /// <param name="document">The report.</param>
    /// <param name="directory">The directory the Markdown file is written to (figure links are relative to it).</param>
    public static string Render(Document document, string directory)
    {
        ArgumentNullException.ThrowIfNull(document);
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case MixedParagraph m:
                    md.Append(string.Concat(m.Parts.Select(part => part.Verbatim ? Verbatim(part.Text) : part.Text))).Append("\n\n");
                    break;
                case Bullets b:
                    foreach (var (strong, text) in b.Items)
                    {
                        md.Append("- **").Append(strong).Append("** ").Append(text).Append('\n');
                    }

                    md.Append('\n');
                    break;
                case Table t:
                    string TableCell(string text, int column) => t.VerbatimColumns?.Contains(column) == true ? Verbatim(text) : Cell(text);
                    md.Append("| ").Append(string.Join(" | ", t.Headers.Select(TableCell))).Append(" |\n");
                    md.Append('|').Append(string.Concat(t.Headers.Select(_ => "---|"))).Append('\n');
                    foreach (var row in t.Rows)
                    {
                        md.Append("| ").Append(string.Join(" | ", row.Select(TableCell))).Append(" |\n");
                    }

                    md.Append('\n');
                    break;
                case FigureBlock f:
                    string png = Path.GetRelativePath(directory, f.Figure.PngPath).Replace('\\', '/');
                    string svg = Path.GetRelativePath(directory, f.Figure.SvgPath).Replace('\\', '/');
                    md.Append("![").Append(f.Figure.Caption).Append("](").Append(png).Append(")\n\n");
                    md.Append('*').Append(f.Figure.Caption).Append("* (").Append(png).Append(", ").Append(svg).Append(")\n\n");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(document), block, "unknown block");
            }
        }

        return md.ToString();

        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Text from elsewhere, within a line, as Markdown that shows it as written, as report.html does: '&lt;', '&gt;' and
    /// '&amp;' become entities (no HTML, no autolink passes), the marks of inline syntax (code, emphasis, links and
    /// images, table cells, strikethrough) and the backslash are escaped with a backslash, and line breaks become spaces
    /// (a line of its own could start a block).
    /// </summary>
    internal static string Verbatim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '\r' or '\n': escaped.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~':
                    escaped.Append('\\').Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
