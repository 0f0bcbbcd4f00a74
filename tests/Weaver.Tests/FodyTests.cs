namespace Stm.Weaver.Tests;

/// <summary>tests/FodySmoke is built by real Fody with the Stm.Fody add-in; its woven program runs here.</summary>
public sealed class FodyTests
{
    [Fact]
    public void A_project_woven_by_Fody_at_build_time_loses_no_update()
    {
        var (exitCode, stdout, stderr) = DotnetProcess.Run(Path.Combine(AppContext.BaseDirectory, "FodySmoke.dll"), ["2000000"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal("counter=4000000 static=4000000 woven=True", stdout.Trim());
    }
}
