namespace EdgeMine.Reporting;

/// <summary>A block of the report's document model, rendered to Markdown and to HTML by their renderers.</summary>
internal abstract record Block;

internal sealed record Heading(int Level, string Text) : Block;

internal sealed record Paragraph(string Text) : Block;

/// <summary>
/// A paragraph of this run's text and text from elsewhere (<c>Verbatim</c>: another run's files, a user's path), which
/// both renderers show as written, never as markup: HTML escapes every part, Markdown escapes the verbatim ones.
/// </summary>
internal sealed record MixedParagraph(IReadOnlyList<(string Text, bool Verbatim)> Parts) : Block;

/// <summary>A bullet list; each item starts with a strong part (an outcome, a name).</summary>
internal sealed record Bullets(IReadOnlyList<(string Strong, string Text)> Items) : Block;

/// <summary>A table; the columns in <c>VerbatimColumns</c> (header and cells) hold text from elsewhere, shown as written (see <see cref="MixedParagraph"/>).</summary>
internal sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int>? VerbatimColumns = null) : Block;

internal sealed record FigureBlock(Figure Figure) : Block;

/// <summary>The report: a title and its blocks.</summary>
internal sealed record Document(string Title, IReadOnlyList<Block> Blocks);
