namespace Scenarios;

/// <summary>
/// async/await, run synchronously on the calling thread: completed ValueTasks, Task.CompletedTask, a
/// completed custom awaitable, and an awaitable that reports "not completed" and then runs the
/// continuation inline, so the state machines really suspend and resume (no thread pool, no threads).
/// </summary>
public static class AsyncScenarios
{
    private sealed class InlineYield : INotifyCompletion
    {
        public int Suspensions;

        public InlineYield GetAwaiter() => this;

        public bool IsCompleted => false;

        public void OnCompleted(Action continuation)
        {
            Suspensions++;
            continuation();
        }

        public void GetResult()
        {
        }
    }

    private readonly struct Ready<T>
    {
        private readonly T value;

        public Ready(T value) { this.value = value; }

        public ReadyAwaiter<T> GetAwaiter() => new(value);
    }

    private readonly struct ReadyAwaiter<T> : INotifyCompletion
    {
        private readonly T value;

        public ReadyAwaiter(T value) { this.value = value; }

        public bool IsCompleted => true;

        public T GetResult() => value;

        public void OnCompleted(Action continuation) => continuation();
    }

    private static async ValueTask<int> SumCompletedAsync(int n)
    {
        int s = 0;
        for (int i = 1; i <= n; i++)
        {
            s += await new ValueTask<int>(i);
            s += await new Ready<int>(i * 10);
        }
        await Task.CompletedTask;
        return s;
    }

    public static string CompletedAwaits()
    {
        int a = SumCompletedAsync(5).GetAwaiter().GetResult();
        ValueTask<int> vt = SumCompletedAsync(3);
        bool done = vt.IsCompletedSuccessfully;
        int b = vt.Result;
        return Invariant($"{a},{b},{done}");
    }

    private sealed class Progress
    {
        public int Steps;
        public string Trace = "";
    }

    private static async Task<int> WorkAsync(Progress p, InlineYield y, int n)
    {
        int local = 0;
        for (int i = 0; i < n; i++)
        {
            p.Steps++;
            local += i;
            await y;
            p.Trace += i.ToString(CultureInfo.InvariantCulture);
        }
        return local * 2;
    }

    public static string SuspendingAwaits()
    {
        var p = new Progress();
        var y = new InlineYield();
        Task<int> t = WorkAsync(p, y, 4);
        int r = t.GetAwaiter().GetResult();
        ValueTask<int> again = new(WorkAsync(p, y, 2));
        int r2 = again.GetAwaiter().GetResult();
        return Invariant($"{r},{r2},{p.Steps},{p.Trace},{y.Suspensions},{t.IsCompletedSuccessfully}");
    }

    private static async ValueTask<int> FailingAsync(Progress p, InlineYield y, int failAt)
    {
        try
        {
            int i = 0;
            while (true)
            {
                await y;
                p.Steps++;
                if (i == failAt)
                    throw new InvalidOperationException("fail@" + i.ToString(CultureInfo.InvariantCulture));
                i++;
            }
        }
        finally
        {
            p.Trace += "F";
        }
    }

    public static string AsyncExceptionsAndFinally()
    {
        var p = new Progress();
        var y = new InlineYield();
        string first;
        try
        {
            FailingAsync(p, y, 2).GetAwaiter().GetResult();
            first = "none";
        }
        catch (InvalidOperationException e)
        {
            first = e.Message;
        }

        async ValueTask<string> CatchInside()
        {
            try
            {
                await FailingAsync(p, y, 1);
                return "no";
            }
            catch (InvalidOperationException e) when (e.Message.EndsWith('1'))
            {
                await y;
                p.Trace += "C";
                return "caught " + e.Message;
            }
        }

        string second = CatchInside().GetAwaiter().GetResult();
        return Invariant($"{first},{second},{p.Steps},{p.Trace},{y.Suspensions}");
    }

    private static async Task<int> DepthAsync(InlineYield y, int depth)
    {
        if (depth == 0)
        {
            await y;
            return 1;
        }
        int below = await DepthAsync(y, depth - 1);
        await y;
        return below * 2 + depth;
    }

    public static string AsyncChainsAndLambdas()
    {
        var y = new InlineYield();
        int d = DepthAsync(y, 4).GetAwaiter().GetResult();
        int captured = 0;
        Func<int, ValueTask<int>> lambda = async x =>
        {
            await y;
            captured += x;
            return captured;
        };
        int l1 = lambda(3).GetAwaiter().GetResult();
        int l2 = lambda(4).GetAwaiter().GetResult();
        int nothingCalls = 0;

        async Task Nothing()
        {
            await y;
            nothingCalls++;
            await Task.CompletedTask;
        }

        async Task<int> AwaitAll()
        {
            await Nothing();
            await Nothing();
            return await DepthAsync(y, 1) + await new ValueTask<int>(100);
        }

        int all = AwaitAll().GetAwaiter().GetResult();
        return Invariant($"{d},{l1},{l2},{captured},{nothingCalls},{all},{y.Suspensions}");
    }
}
