using System.Text.Json.Nodes;

namespace Stm.Weave.Tool;

/// <summary>The woven app's folder: the rest of the app copied beside it, Stm.dll placed and registered in the apps' deps.json.</summary>
public static class AppFolder
{
    /// <summary>Copies the folder of each input (once each) into <paramref name="outputFolder"/>; the inputs are then woven over their copies.</summary>
    public static void CopyFolders(IEnumerable<string> inputs, string outputFolder)
    {
        string destination = Path.GetFullPath(outputFolder);
        var folders = inputs.Where(File.Exists).Select(input => Path.GetDirectoryName(Path.GetFullPath(input))!).Distinct(StringComparer.Ordinal);
        foreach (string source in folders.Where(folder => !string.Equals(folder, destination, StringComparison.Ordinal)))
        {
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith(".stmweave-", StringComparison.Ordinal))
                    continue;
                string target = Path.Combine(destination, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    /// <summary>
    /// Places Stm.dll beside the woven assembly and lists it in every app's deps.json in that folder
    /// (the woven assembly's own, and an app's that uses a woven library), so <c>dotnet app.dll</c>
    /// and test hosts load it.
    /// </summary>
    public static void AddRuntime(string wovenAssembly, string runtime)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(wovenAssembly))!;
        string placed = Path.Combine(folder, "Stm.dll");
        if (!string.Equals(Path.GetFullPath(runtime), placed, StringComparison.Ordinal))
            File.Copy(runtime, placed, overwrite: true);
        foreach (string deps in Directory.GetFiles(folder, "*.deps.json"))
            RegisterInDeps(deps, typeof(Stm.Atomic).Assembly.GetName().Version!);
    }

    private static void RegisterInDeps(string depsPath, Version version)
    {
        var root = JsonNode.Parse(File.ReadAllText(depsPath))!.AsObject();
        string key = $"Stm/{version.ToString(3)}";
        string tfm = root["runtimeTarget"]?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{depsPath} has no runtimeTarget.");
        var target = root["targets"]![tfm]!.AsObject();
        string app = Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(depsPath));
        var appEntry = target.FirstOrDefault(pair => pair.Key.StartsWith(app + "/", StringComparison.Ordinal)).Value?.AsObject();
        if (appEntry is not null)
        {
            var dependencies = appEntry["dependencies"]?.AsObject() ?? (JsonObject)(appEntry["dependencies"] = new JsonObject());
            dependencies["Stm"] = version.ToString(3);
        }
        target[key] = new JsonObject
        {
            ["runtime"] = new JsonObject { ["Stm.dll"] = new JsonObject { ["assemblyVersion"] = version.ToString(4), ["fileVersion"] = version.ToString(4) } },
        };
        var libraries = root["libraries"]!.AsObject();
        libraries[key] = new JsonObject { ["type"] = "project", ["serviceable"] = false, ["sha512"] = "" };
        string staged = depsPath + ".stmweave";
        File.WriteAllText(staged, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(staged, depsPath, overwrite: true);
    }
}
