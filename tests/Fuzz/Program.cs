using Stm.Fuzz;
using Stm.Fuzz.Execution;

if (args is ["runner"])
    return RunnerHost.Serve();
FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(FuzzOptions.Usage);
    return 2;
}
var campaign = new Campaign(options, Console.Out);
var summary = options.Replay is { } file ? campaign.Replay(file) : campaign.Run();
Console.WriteLine(summary);
return summary.Findings == 0 ? 0 : 1;
