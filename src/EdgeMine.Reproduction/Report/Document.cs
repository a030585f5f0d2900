namespace EdgeMine.Reporting;

/// <summary>A block of the report's document model, rendered to Markdown and to HTML by their renderers.</summary>
internal abstract record Block;

internal sealed record Heading(int Level, string Text) : Block;

internal sealed record Paragraph(string Text) : Block;

/// <summary>A bullet list; each item starts with a strong part (an outcome, a name).</summary>
internal sealed record Bullets(IReadOnlyList<(string Strong, string Text)> Items) : Block;

internal sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

internal sealed record FigureBlock(Figure Figure) : Block;

/// <summary>The report: a title and its blocks.</summary>
internal sealed record Document(string Title, IReadOnlyList<Block> Blocks);
