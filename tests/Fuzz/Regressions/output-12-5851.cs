// stmweave fuzz finding: output (aborts): line 1: expected "Section4 -4889749390880361513", got "Section4 -5958146341333410291"
// seed=12 index=5851 families=all
// Reduced by hand (the reducer's result of 139 lines, run in fresh runners, showed the string
// "1-0" built as "ST0"): a woven call in an interpolated string's hole began a new transaction,
// whose start point saved the DefaultInterpolatedStringHandler; its attempt then built the string,
// which gave the handler's rented array back to the ArrayPool, and aborted. The restart restored
// the handler and went on writing into an array the pool had lent again. No start point now lies
// where a handler is open (OpenStringHandlers): the frame is pinned there instead.
// fuzz: optimize=false abort-period=3
using System;

static class Program
{
    static long s_checksum;
    static int s_round;

    static string Describe<T>(T value) => value.ToString();

    static int Hash(string text)
    {
        int hash = 17;
        foreach (char c in text)
            hash = unchecked(hash * 31 + c);
        return hash;
    }

    static void Main()
    {
        for (s_round = 0; s_round < 20; s_round++)
        {
            string text = $"round-{(Describe(s_round).Length switch { 1 => -s_round, _ => s_round * 2 })}";
            s_checksum += Hash(text);
            string other = $"[{new string('x', s_round % 5)}]";
            s_checksum += Hash(other);
        }
        Console.WriteLine($"checksum {s_checksum}");
    }
}
