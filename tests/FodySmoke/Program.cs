// Woven at build time by Stm.Fody: two threads increment counters with no lock, an instance field
// through a method and a static field in the lambda's own loop (the shape that once made the woven
// loop invalid IL). Prints the counts and whether the assembly carries the weaver's marker.
using System.Runtime.CompilerServices;

int increments = args is [var first] ? int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var counter = new Counter();
var threads = new Thread[2];
for (int t = 0; t < threads.Length; t++)
{
    threads[t] = new Thread(() =>
    {
        for (int i = 0; i < increments; i++)
            counter.Increment();
        for (int i = 0; i < increments; i++)
            Counter.Static++;
    });
}
foreach (var thread in threads)
    thread.Start();
foreach (var thread in threads)
    thread.Join();
bool woven = typeof(Counter).Assembly.GetCustomAttributesData().Any(a => a.AttributeType.Name == "StmWovenAttribute");
Console.WriteLine($"counter={counter.Value} static={Counter.Static} woven={woven}");

internal sealed class Counter
{
    public static long Static;

    private long _value;

    public long Value => _value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Increment() => _value++;
}
