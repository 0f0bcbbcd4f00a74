// Two threads increment counters with no lock; prints the final counts. These are the first
// programs people try: an instance counter in a library (Workloads' SharedCounter), a static
// counter in for/while/do loops of a lambda, a static histogram array (h[i % 16]++), and the
// static counter in a plain static method on one thread.
int increments = args is [var first] ? int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
Console.WriteLine($"counter={Legacy.SharedCounter.IncrementFromThreads(2, increments)} {StaticCounters.FromThreads(2, increments)}");

internal static class StaticCounters
{
    private static long s_counter;
    private static int[] s_histogram = new int[16];

    public static string FromThreads(int threads, int increments)
    {
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                for (int i = 0; i < increments; i++)
                    s_counter++;
                int j = 0;
                while (j < increments)
                {
                    s_histogram[j % 16]++;
                    j++;
                }
                do
                {
                    s_counter++;
                }
                while (--j > 0);
            });
            workers[t].Start();
        }
        foreach (var worker in workers)
            worker.Join();
        long fromThreads = s_counter;
        s_counter = 0;
        CountAlone(increments);
        return $"static={fromThreads} histogram={s_histogram.Sum()} alone={s_counter}";
    }

    private static void CountAlone(int increments)
    {
        for (int i = 0; i < increments; i++)
            s_counter++;
    }
}
