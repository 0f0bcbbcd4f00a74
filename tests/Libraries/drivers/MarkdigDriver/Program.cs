using Markdig;

// Renders the same set of Markdown documents from two threads at once through one shared
// pipeline (Markdig's pipelines and its static default pipeline are shared, thread-safe objects),
// then once more on the main thread, and prints a digest of the HTML. The woven program must print
// exactly what the original prints.
// Arguments: [rounds] (4).
const int Documents = 24;
int Rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4;

var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
string[] sources = [.. Enumerable.Range(0, Documents).Select(Document)];

string[][] perThread = [new string[Documents], new string[Documents]];
var threads = new Thread[2];
for (int t = 0; t < threads.Length; t++)
{
    int id = t;
    threads[t] = new Thread(() =>
    {
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < Documents; k++)
            {
                int i = id == 0 ? k : Documents - 1 - k;   // the threads walk the documents in opposite orders
                perThread[id][i] = Markdown.ToHtml(sources[i], pipeline) + Markdown.ToHtml(sources[i]);
            }
        }
    });
}
foreach (var thread in threads)
    thread.Start();
foreach (var thread in threads)
    thread.Join();

string[] alone = [.. sources.Select(s => Markdown.ToHtml(s, pipeline) + Markdown.ToHtml(s))];
bool agree = Enumerable.Range(0, Documents).All(i => perThread[0][i] == alone[i] && perThread[1][i] == alone[i]);
string all = string.Concat(alone);
Console.WriteLine($"documents={Documents} rounds={Rounds} threads=2 html-chars={all.Length} digest={Digest(all):x16} threads-agree={agree}");

static string Document(int i) => $$"""
    # Document {{i}}

    Some *emphasis*, **strong text**, `code {{i}}` and a [link](https://example.org/{{i}}).

    - item one of {{i}}
    - item two with ~~strike~~
      1. nested {{i * 7}}
      2. nested {{i * 11}}

    | a | b | c |
    |---|:-:|--:|
    | {{i}} | {{i + 1}} | {{i * i}} |
    | x | y | z |

    > a quote, line {{i}}
    > with a second line

    ```csharp
    int x = {{i}};
    Console.WriteLine(x);
    ```

    Term {{i}}
    :   definition {{i}}

    - [ ] task {{i}}
    - [x] done {{i}}

    Footnote reference[^{{i}}].

    [^{{i}}]: the footnote of {{i}}.
    """;

static ulong Digest(string text)
{
    ulong hash = 14695981039346656037UL;   // FNV-1a
    foreach (char c in text)
    {
        hash ^= c;
        hash *= 1099511628211UL;
    }
    return hash;
}
