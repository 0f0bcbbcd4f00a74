using BenchmarkDotNet.Running;
using Stm.Benchmarks;

if (args is ["demo", .. var demoArgs])
    return Demo.Run(demoArgs);

BenchmarkSwitcher.FromAssembly(typeof(Demo).Assembly).Run(args);
return 0;
