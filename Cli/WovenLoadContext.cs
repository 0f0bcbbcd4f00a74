using System.Reflection;
using System.Runtime.Loader;

namespace Stm.Weave.Tool;

/// <summary>
/// One assembly per load context, so an original and its woven copy (same name) load side by side.
/// Stm and the framework come from the default context: the woven copy uses this process's runtime.
/// </summary>
internal sealed class WovenLoadContext(string mainPath) : AssemblyLoadContext(Path.GetFileName(Path.GetDirectoryName(mainPath)) + "/" + Path.GetFileName(mainPath))
{
    private readonly AssemblyDependencyResolver _resolver = new(mainPath);

    public static Assembly Load(string path)
    {
        string fullPath = Path.GetFullPath(path);
        return new WovenLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == "Stm")
            return null;
        string? path = _resolver.ResolveAssemblyToPath(name);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
