using BenchmarkDotNet.Running;
using Stm.Benchmarks;

if (args is ["demo", .. var demoArgs])
    return Demo.Run(demoArgs);
if (args is ["locks", .. var lockArgs])
    return LockComparison.Run(lockArgs);

BenchmarkSwitcher.FromAssembly(typeof(Demo).Assembly).Run(args);
return 0;
