using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Stm.Benchmarks;

/// <summary>
/// Settings for a noisy 2-core VM: a few warmups, a fixed number of measured iterations, the median
/// next to the mean, allocations, and ratios computed within a <see cref="BenchmarkCategoryAttribute"/>.
/// The job is marked as the default one, so a job named on the command line (<c>--job dry</c>)
/// replaces it rather than running next to it.
/// </summary>
public abstract class NoisyVmConfig : ManualConfig
{
    protected NoisyVmConfig(Job job)
    {
        AddJob(job.AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}

/// <summary>Nanosecond-scale operations: BenchmarkDotNet picks many invocations per iteration.</summary>
public sealed class MicrobenchmarkConfig() : NoisyVmConfig(Job.Default.WithWarmupCount(5).WithIterationCount(15));

/// <summary>
/// Microsecond-scale single invocations (the class sets <c>[InvocationCount(1)]</c>), so many
/// iterations. No forced GC between them: nothing is allocated, and a full collection would only
/// evict the benchmark's objects from the cache before the measured loop.
/// </summary>
public sealed class SingleInvocationMicrobenchmarkConfig() : NoisyVmConfig(Job.Default.WithWarmupCount(20).WithIterationCount(100).WithGcForce(false));

/// <summary>One whole-program run per iteration (the class sets <c>[InvocationCount(1)]</c>).</summary>
public sealed class WholeProgramConfig() : NoisyVmConfig(Job.Default.WithWarmupCount(3).WithIterationCount(15));

/// <summary>
/// Runs the benchmark process with tiered compilation off, whatever the job. For single-invocation
/// microbenchmarks: with one call per iteration and milliseconds in all, the tiered JIT never
/// promotes the measured loops or the runtime's commit path past tier 0 (measured: 5 ns per plain
/// store), so everything is compiled fully optimized at once instead (without dynamic PGO).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class TieredCompilationOffAttribute()
    : JobMutatorConfigBaseAttribute(Job.Default.WithEnvironmentVariable("DOTNET_TieredCompilation", "0"));
