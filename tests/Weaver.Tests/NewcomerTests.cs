namespace Stm.Weaver.Tests;

/// <summary>
/// What a newcomer does with the packages: `dotnet pack` into a folder, a fresh console project that
/// references Stm.Fody from it (with FodyWeavers.xml) builds and its unsynchronized counter comes out
/// exact; `dotnet tool install --tool-path` from it gives a working stmweave.
/// </summary>
public sealed class NewcomerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "stmweave-newcomer-" + Guid.NewGuid().ToString("N"));
    private readonly string _feed;
    private readonly Dictionary<string, string> _isolatedPackages;

    public NewcomerTests()
    {
        _feed = Path.Combine(_root, "feed");
        // A package cache of its own, so a repacked 0.1.0 is never served stale from the user's cache.
        _isolatedPackages = new() { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };
        string repository = Repository.Root;
        string configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        foreach (string project in new[] { "Weaver/Package/Stm.Fody.Package.csproj", "Cli/Stm.Weave.Tool.csproj" })
            Dotnet(repository, "pack", Path.Combine(repository, project), "-c", configuration, "--no-build", "-o", _feed);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_fresh_project_referencing_the_Stm_Fody_package_is_woven_at_build_and_loses_no_update()
    {
        string project = Path.Combine(_root, "Newcomer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Newcomer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Stm.Fody" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "FodyWeavers.xml"), "<Weavers><Stm /></Weavers>");
        File.Copy(Path.Combine(Repository.Root, "tests/FodySmoke/Program.cs"), Path.Combine(project, "Program.cs"));
        WriteNuGetConfig(project);

        Dotnet(project, "build", "-c", "Release");
        var (exitCode, stdout, stderr) = DotnetProcess.Run(Path.Combine(project, "bin/Release/net10.0/Newcomer.dll"), ["1000000"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal("counter=2000000 static=2000000 woven=True", stdout.Trim());
    }

    [Fact]
    public void The_Stm_Fody_package_ships_the_runtime_where_the_add_in_looks_for_it()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed, "Stm.Fody.0.1.0.nupkg"));
        string runtimeFolder = global::ModuleWeaver.RuntimeFramework;

        Assert.Contains(package.Entries, e => e.FullName == $"lib/{runtimeFolder}/Stm.dll");
        Assert.Contains(package.Entries, e => e.FullName == "weaver/Stm.Fody.dll");
    }

    [Fact]
    public void The_tool_installs_from_the_package_and_weaves_an_app()
    {
        string tools = Path.Combine(_root, "tools");
        WriteNuGetConfig(_root);
        Dotnet(_root, "tool", "install", "--tool-path", tools, "--add-source", _feed, "Stm.Weave.Tool");

        var (exitCode, stdout, stderr) = DotnetProcess.Program(Path.Combine(tools, "stmweave"), ["--version"], _root);
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("0.1.0", stdout.Trim(), StringComparison.Ordinal);

        // It weaves: an app folder copied beside the tests, woven into an output folder, runs exact.
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        foreach (string file in new[] { "CounterApp.dll", "CounterApp.deps.json", "CounterApp.runtimeconfig.json", "Workloads.dll" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(app, file));
        var woven = DotnetProcess.Program(Path.Combine(tools, "stmweave"), [Path.Combine(app, "CounterApp.dll"), Path.Combine(app, "Workloads.dll"), "-o", Path.Combine(_root, "woven")], _root);
        Assert.True(woven.ExitCode == 0, woven.Stderr);
        var run = DotnetProcess.Run(Path.Combine(_root, "woven", "CounterApp.dll"), ["500000"]);
        Assert.Equal("counter=1000000 static=2000000 histogram=1000000 alone=500000", run.Stdout.Trim());
    }

    /// <summary>The fresh feed first, the user's package cache as a source of Fody, then the usual registry.</summary>
    private void WriteNuGetConfig(string folder) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="stmweave" value="{_feed}" />
                <add key="cache" value="{Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")}" />
              </packageSources>
            </configuration>
            """);

    private void Dotnet(string workingDirectory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = DotnetProcess.Program("dotnet", arguments, workingDirectory, _isolatedPackages);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr}");
    }
}
