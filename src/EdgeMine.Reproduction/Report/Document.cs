namespace EdgeMine.Reporting;

/// <summary>A block of the report's document model, rendered to Markdown and to HTML by their renderers.</summary>
public abstract record Block;

public sealed record Heading(int Level, string Text) : Block;

public sealed record Paragraph(string Text) : Block;

/// <summary>A bullet list; each item starts with a strong part (an outcome, a name).</summary>
public sealed record Bullets(IReadOnlyList<(string Strong, string Text)> Items) : Block;

public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

public sealed record FigureBlock(Figure Figure) : Block;

/// <summary>The report: a title and its blocks.</summary>
public sealed record Document(string Title, IReadOnlyList<Block> Blocks);
