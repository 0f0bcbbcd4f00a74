// stmweave fuzz finding: exception (default): a woven method does not compile: Program::Int32
// Helper0(Int32, Int32): System.InvalidProgramException: Common Language Runtime detected an invalid program.
// seed=8 index=162, reduced by hand: a method (or a type initializer) whose last block is a
// finally: a lock around a throw. Its handler runs to the end of the body (Cecil gives it no end),
// so the frame's handler and exit, appended after it, fell inside that finally (also the type
// initializer guard's finally). Code appended after the end now closes such handlers first
// (BodyEditor.AppendAfterEnd).
// fuzz: optimize=true abort-period=3
using System;

static class Failing
{
    public static int Value = 1;

    static Failing()
    {
        lock (Program.s_gate)
        {
            throw new InvalidOperationException("the type initializer fails");
        }
    }
}

static class Program
{
    internal static readonly object s_gate = new object();
    static int s_total;

    static int Fail(int code)
    {
        lock (s_gate)
        {
            throw new ArgumentException("fail " + code);
        }
    }

    static void Count(int n)
    {
        for (int i = 0; i < n; i++)
        {
            try
            {
                s_total += Fail(i);
            }
            catch (ArgumentException e)
            {
                s_total += e.Message.Length;
            }
        }
    }

    public static void Main()
    {
        Count(20);
        Console.WriteLine("total " + s_total);
        try
        {
            Console.WriteLine(Failing.Value);
        }
        catch (TypeInitializationException e)
        {
            Console.WriteLine(e.GetType().Name + ": " + e.InnerException?.Message);
        }
    }
}
