using Stm.Abi;
using Stm.Core;
using Stm.HandWoven;

namespace Stm.Tests;

public sealed class RollbackTests
{
    [Fact]
    public void Aborted_attempt_restores_field_written_in_place()
    {
        using var _ = StmMode.Force();
        var account = new Account(1000);
        var body = new WriteThenAbortOnce(account);
        Region.Run(ref body);
        Assert.Equal(2, body.Attempts);
        Assert.Equal(1000, body.SeenAtSecondAttempt);
    }

    private struct WriteThenAbortOnce(Account account) : IRegionBody
    {
        public int Attempts;
        public long SeenAtSecondAttempt;

        public void Run(TxDescriptor tx)
        {
            Attempts++;
            long balance = Barriers.ReadField(tx, account, ref account.Header, ref account.Balance);
            if (Attempts == 2)
            {
                SeenAtSecondAttempt = balance;
                return;
            }
            Barriers.WriteField(tx, account, ref account.Header, ref account.Balance, balance - 1);
            tx.Doom(AbortCause.Injected);
        }
    }
}
