using System.Globalization;
using System.Net;
using System.Text;

namespace EdgeMine.Reporting;

/// <summary>
/// Renders a <see cref="Document"/> as one self-contained HTML page: figures embedded as PNG data URIs, inline CSS, no
/// scripts, no external resources. Outcome words (holds, does not hold, ...) are coloured.
/// </summary>
internal static class HtmlRenderer
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}" +
        "table{border-collapse:collapse;margin:1em 0;font-size:0.85em}th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}" +
        "th{background:#f2f2f2}tr:nth-child(even) td{background:#fafafa}figure{margin:1.5em 0}img{max-width:100%;height:auto;border:1px solid #eee}" +
        "figcaption{font-size:0.9em;color:#555}h2{border-bottom:1px solid #ddd;padding-bottom:0.2em;margin-top:2em}" +
        ".holds{color:#1a7f37}.does-not-hold{color:#c62828}.not-evaluated{color:#8a6d00}.indistinguishable{color:#666}";

    public static string Render(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(document.Title)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append(CultureInfo.InvariantCulture, $"<h{h.Level}>").Append(E(h.Text)).Append(CultureInfo.InvariantCulture, $"</h{h.Level}>\n");
                    break;
                case Paragraph p:
                    html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case MixedParagraph m:
                    html.Append("<p>").Append(E(string.Concat(m.Parts.Select(part => part.Text)))).Append("</p>\n");
                    break;
                case Bullets b:
                    html.Append("<ul>\n");
                    foreach (var (strong, text) in b.Items)
                    {
                        string css = OutcomeClass(strong.TrimEnd(':'));
                        html.Append("<li><strong").Append(css).Append('>').Append(E(strong)).Append("</strong> ").Append(E(text)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case Table t:
                    html.Append("<table>\n<thead><tr>");
                    foreach (string header in t.Headers)
                    {
                        html.Append("<th>").Append(E(header)).Append("</th>");
                    }

                    html.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (string cell in row)
                        {
                            html.Append("<td").Append(OutcomeClass(cell)).Append('>').Append(E(cell)).Append("</td>");
                        }

                        html.Append("</tr>\n");
                    }

                    html.Append("</tbody>\n</table>\n");
                    break;
                case FigureBlock f:
                    string data = Convert.ToBase64String(File.ReadAllBytes(f.Figure.PngPath));
                    html.Append("<figure><img alt=\"").Append(E(f.Figure.Caption)).Append("\" width=\"").Append(Plots.Width.ToString(CultureInfo.InvariantCulture))
                        .Append("\" src=\"data:image/png;base64,").Append(data).Append("\">");
                    html.Append("<figcaption>").Append(E(f.Figure.Caption)).Append(" (files: ").Append(E(Path.GetFileName(f.Figure.PngPath))).Append(", ")
                        .Append(E(Path.GetFileName(f.Figure.SvgPath))).Append(")</figcaption></figure>\n");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(document), block, "unknown block");
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    // The CSS class of an outcome text ("holds", "does not hold (partial)", ...), or nothing for other text.
    private static string OutcomeClass(string text) => text.Replace(" (partial)", "", StringComparison.Ordinal) switch
    {
        "holds" => " class=\"holds\"",
        "does not hold" => " class=\"does-not-hold\"",
        "not evaluated" => " class=\"not-evaluated\"",
        "indistinguishable" => " class=\"indistinguishable\"",
        _ => "",
    };
}
