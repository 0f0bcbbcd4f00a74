// stmweave finding: exception (default): a woven method does not compile: BadImageFormatException
// Found woven in two JavaScript parsers (tests/Libraries: Acornima and Esprima, their Rewrite(in
// NodeList<Statement>) overrides) and reduced by hand: a frame homes the `in` parameter of a virtual
// method (type T& modreq(InAttribute)) in a local, and the restart path read its shadow through
// Restore<T&> (a byref as a type argument): the modifier hid the byref from the check.
// fuzz: optimize=true abort-period=3
using System;

struct Pair
{
    public int A, B;
}

class Adder
{
    public static int s_total;

    static int Twice(int x)
    {
        s_total += x;
        return x * 2;
    }

    public virtual int Sum(in Pair pair)
    {
        int a = Twice(pair.A);
        return a + Twice(pair.B);
    }
}

static class Program
{
    static void Main()
    {
        var pair = new Pair { A = 3, B = 4 };
        Console.WriteLine(new Adder().Sum(in pair));
        Console.WriteLine(Adder.s_total);
    }
}
