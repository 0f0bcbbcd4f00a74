using System.Text;

namespace Stm.Fuzz.Generation;

/// <summary>C# text with indentation, written line by line.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line) => _text.Append(' ', 4 * _indent).Append(line).Append('\n');

    /// <summary>A label, one level out (where C# style puts labels).</summary>
    public void Label(string label) => _text.Append(' ', 4 * Math.Max(0, _indent - 1)).Append(label).Append(":;\n");

    public void Open(string? header = null)
    {
        if (header is not null)
            Line(header);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Writes <paramref name="header"/> { <paramref name="body"/> }.</summary>
    public void Block(string header, Action body, string suffix = "")
    {
        Open(header);
        body();
        Close(suffix);
    }

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation.</summary>
    public void Lines(string text)
    {
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Line(line);
    }

    public void Append(SourceWriter other) => Lines(other.ToString());

    public override string ToString() => _text.ToString();
}
