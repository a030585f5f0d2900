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
                case Bullets b:
                    foreach (var (strong, text) in b.Items)
                    {
                        md.Append("- **").Append(strong).Append("** ").Append(text).Append('\n');
                    }

                    md.Append('\n');
                    break;
                case Table t:
                    md.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n");
                    md.Append('|').Append(string.Concat(t.Headers.Select(_ => "---|"))).Append('\n');
                    foreach (var row in t.Rows)
                    {
                        md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
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
}
