// Shared by the multithreaded test programs (linked into Locks and Objects).

/// <summary>Runs a body on several threads that start together (a ready count they spin on) and waits for all.</summary>
internal static class Crew
{
    private sealed class StartLine(int expected)
    {
        private int _ready;

        public void ArriveAndWait()
        {
            Interlocked.Increment(ref _ready);
            while (Volatile.Read(ref _ready) < expected)
            {
            }
        }
    }

    public static void Run(int threads, Action<int> body)
    {
        var start = new StartLine(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                start.ArriveAndWait();
                body(index);
            });
        }
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();
    }
}
