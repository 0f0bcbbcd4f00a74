using Stm.Abi;

namespace Stm.HandWoven;

/// <summary>The operations both banks offer, so tests and benchmarks drive them alike.</summary>
public interface IBank
{
    int Count { get; }

    void Transfer(int from, int to, long amount);

    long Total();
}

/// <summary>A woven class: the weaver adds <see cref="Header"/> and initializes it in the constructor.</summary>
public sealed class Account(long balance)
{
    public long Header = Barriers.NewHeader();
    public long Balance = balance;
}

/// <summary>A bank whose Transfer and Total are [Atomic] methods, woven by hand.</summary>
public sealed class HandWovenBank : IBank
{
    private static readonly TransactionSite s_transferSite = new();
    private static readonly TransactionSite s_totalSite = new();
    private static readonly TransactionSite s_auditSite = new();

    private readonly Account[] _accounts;

    public HandWovenBank(int accounts, long initialBalance)
    {
        _accounts = new Account[accounts];
        for (int i = 0; i < accounts; i++)
            _accounts[i] = new Account(initialBalance);
    }

    public int Count => _accounts.Length;

    public void Transfer(int from, int to, long amount)
    {
        var body = new TransferBody(_accounts, from, to, amount);
        Region.Run(ref body, s_transferSite);
    }

    public long Total()
    {
        var body = new TotalBody(_accounts, check: null);
        Region.Run(ref body, s_totalSite);
        return body.Sum;
    }

    /// <summary>Sums all balances in one transaction and calls <paramref name="check"/> with the sum before it commits (opacity probe).</summary>
    public long Audit(Action<long> check)
    {
        var body = new TotalBody(_accounts, check);
        Region.Run(ref body, s_auditSite);
        return body.Sum;
    }

    private readonly struct TransferBody(Account[] accounts, int from, int to, long amount) : IRegionBody
    {
        public void Run(TxDescriptor tx)
        {
            var source = Barriers.ReadElement(tx, accounts, from);
            var target = Barriers.ReadElement(tx, accounts, to);
            long sourceBalance = Barriers.ReadField(tx, source, ref source.Header, ref source.Balance);
            Barriers.WriteField(tx, source, ref source.Header, ref source.Balance, sourceBalance - amount);
            long targetBalance = Barriers.ReadField(tx, target, ref target.Header, ref target.Balance);
            Barriers.WriteField(tx, target, ref target.Header, ref target.Balance, targetBalance + amount);
        }
    }

    private struct TotalBody(Account[] accounts, Action<long>? check) : IRegionBody
    {
        public long Sum;

        public void Run(TxDescriptor tx)
        {
            long sum = 0;
            for (int i = 0; i < accounts.Length; i++)
            {
                var account = Barriers.ReadElement(tx, accounts, i);
                sum += Barriers.ReadField(tx, account, ref account.Header, ref account.Balance);
            }
            check?.Invoke(sum);
            Sum = sum;
        }
    }
}

/// <summary>The same bank as legacy code writes it: one coarse lock around every operation.</summary>
public sealed class LockedBank : IBank
{
    private sealed class PlainAccount(long balance)
    {
        public long Balance = balance;
    }

    private readonly PlainAccount[] _accounts;
    private readonly Lock _lock = new();

    public LockedBank(int accounts, long initialBalance)
    {
        _accounts = new PlainAccount[accounts];
        for (int i = 0; i < accounts; i++)
            _accounts[i] = new PlainAccount(initialBalance);
    }

    public int Count => _accounts.Length;

    public void Transfer(int from, int to, long amount)
    {
        lock (_lock)
        {
            _accounts[from].Balance -= amount;
            _accounts[to].Balance += amount;
        }
    }

    public long Total()
    {
        lock (_lock)
        {
            long sum = 0;
            foreach (var account in _accounts)
                sum += account.Balance;
            return sum;
        }
    }
}
