namespace Scenarios;

/// <summary>checked arithmetic (overflow caught), unchecked wrapping, compound assignments on narrow fields.</summary>
public static class ArithmeticScenarios
{
    private sealed class Meter
    {
        public int Value;
        public byte Small;
        public long Big;
        public short Short;
        public char Letter = 'a';
        public ulong Unsigned;
        public decimal Money;
        public int Zero = 0;
    }

    public static string CheckedOverflowCaught()
    {
        var m = new Meter();
        var log = new List<string>();
        try
        {
            checked
            {
                m.Value = int.MaxValue - 2;
                for (int i = 0; i < 5; i++)
                    m.Value++;
            }
        }
        catch (OverflowException)
        {
            log.Add("inc@" + m.Value.ToString(CultureInfo.InvariantCulture));
        }
        try
        {
            m.Big = 300;
            m.Small = checked((byte)m.Big);
        }
        catch (OverflowException)
        {
            log.Add("byte:" + m.Small.ToString(CultureInfo.InvariantCulture));
        }
        try
        {
            m.Big = long.MaxValue / 2;
            m.Value = checked((int)m.Big);
        }
        catch (OverflowException)
        {
            log.Add("narrow");
        }
        try
        {
            m.Money = decimal.MaxValue;
            m.Money += 1m;
        }
        catch (OverflowException)
        {
            log.Add("decimal");
        }
        try
        {
            m.Value = int.MinValue;
            int d = -1;
            m.Value /= d;
            log.Add("no-throw");
        }
        catch (ArithmeticException e)
        {
            log.Add(e is OverflowException ? "div-overflow" : "arith");
        }
        try
        {
            m.Value = 10 / m.Zero;
        }
        catch (DivideByZeroException)
        {
            log.Add("div0");
        }
        unchecked
        {
            m.Value = int.MaxValue;
            m.Value += 2;
            m.Small = (byte)(m.Small + 300);
        }
        int product = 1;
        try
        {
            for (int i = 1; i < 20; i++)
                product = checked(product * i);
        }
        catch (OverflowException)
        {
            log.Add("fact@" + product.ToString(CultureInfo.InvariantCulture));
        }
        log.Add(Invariant($"{m.Value},{m.Small},{m.Money == decimal.MaxValue}"));
        return string.Join(";", log);
    }

    public static string CompoundAssignmentsOnNarrowFields()
    {
        var m = new Meter();
        for (int i = 0; i < 4; i++)
        {
            m.Small += 100;
            m.Short -= 20000;
            m.Letter++;
            m.Unsigned = (m.Unsigned << 3) | (uint)i;
            m.Big ^= 0x5A5A_5A5AL << i;
        }
        m.Unsigned >>= 1;
        m.Short %= 1000;
        m.Big >>>= 3;
        m.Value = -17;
        int mod = m.Value % 5;
        int shifted = m.Value >> 2;
        int logical = m.Value >>> 28;
        string overflowed = "";
        try
        {
            checked
            {
                m.Small += 200;
            }
        }
        catch (OverflowException)
        {
            overflowed = "small-overflow";
        }
        return Invariant($"{m.Small},{m.Short},{m.Letter},{m.Unsigned},{m.Big},{mod},{shifted},{logical},{overflowed}");
    }
}
