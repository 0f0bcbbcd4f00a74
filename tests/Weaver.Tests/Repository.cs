namespace Stm.Weaver.Tests;

/// <summary>Where the repository is, and the shared folder beside it (the corpus; absent on a user's fresh clone).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/corpus</c> beside the repository, or null when it is not there.</summary>
    public static string? SharedCorpus
    {
        get
        {
            string corpus = Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));
            return File.Exists(Path.Combine(corpus, "build.sh")) ? corpus : null;
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Stm.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Stm.sln above {AppContext.BaseDirectory}.");
    }
}
