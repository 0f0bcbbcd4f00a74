using System.Globalization;
using System.Text.RegularExpressions;

namespace Stm.Fuzz.Pipeline;

/// <summary>
/// A program saved as a .cs file (a reduced finding, a regression): its source, with a comment
/// line recording how it is compiled and run, <c>// fuzz: optimize=true abort-period=7</c>.
/// </summary>
internal sealed partial record ProgramFile(string Source, bool Optimize, int AbortPeriod)
{
    public const int DefaultAbortPeriod = 5;

    public static ProgramFile Read(string path) => Parse(File.ReadAllText(path));

    public static ProgramFile Parse(string text)
    {
        var options = OptionsLine().Match(text);
        bool optimize = !options.Success || options.Groups["optimize"].Value == "true";
        int period = options.Success ? int.Parse(options.Groups["period"].Value, CultureInfo.InvariantCulture) : DefaultAbortPeriod;
        return new ProgramFile(text, optimize, period);
    }

    /// <summary>The file's text: <paramref name="comments"/> as comment lines, the options line, the source.</summary>
    public string Format(IEnumerable<string> comments)
    {
        var lines = comments.SelectMany(c => c.Split('\n')).Select(line => "// " + line).ToList();
        lines.Add($"// fuzz: optimize={(Optimize ? "true" : "false")} abort-period={AbortPeriod.ToString(CultureInfo.InvariantCulture)}");
        return string.Join('\n', lines) + "\n" + Source.TrimStart();
    }

    [GeneratedRegex(@"^// fuzz: optimize=(?<optimize>true|false) abort-period=(?<period>\d+)", RegexOptions.Multiline)]
    private static partial Regex OptionsLine();
}
