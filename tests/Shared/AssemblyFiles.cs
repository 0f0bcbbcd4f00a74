namespace Stm.Testing;

internal static class AssemblyFiles
{
    /// <summary>Copies an assembly and, when there is one, its PDB.</summary>
    public static void CopyWithSymbols(string source, string target)
    {
        File.Copy(source, target, overwrite: true);
        string symbols = Path.ChangeExtension(source, ".pdb");
        if (File.Exists(symbols))
            File.Copy(symbols, Path.ChangeExtension(target, ".pdb"), overwrite: true);
    }
}
