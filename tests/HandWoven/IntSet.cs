using Stm.Abi;

namespace Stm.HandWoven;

/// <summary>A set of ints, as the intset benchmarks of the STM literature use it.</summary>
public interface IIntSet
{
    bool Contains(int value);

    bool Add(int value);

    bool Remove(int value);
}

/// <summary>A node of the woven sorted list; <see cref="Value"/> is initonly, so reading it needs no barrier.</summary>
public sealed class Node(int value, Node? next)
{
    public long Header = Barriers.NewHeader();
    public readonly int Value = value;
    public Node? Next = next;
}

/// <summary>A sorted linked list whose operations are [Atomic] methods, woven by hand.</summary>
public sealed class HandWovenIntSet : IIntSet
{
    private static readonly TransactionSite s_containsSite = new();
    private static readonly TransactionSite s_addSite = new();
    private static readonly TransactionSite s_removeSite = new();

    private readonly Node _head = new(int.MinValue, new Node(int.MaxValue, null));

    public bool Contains(int value)
    {
        var body = new Operation(_head, value, OperationKind.Contains);
        Region.Run(ref body, s_containsSite);
        return body.Result;
    }

    public bool Add(int value)
    {
        var body = new Operation(_head, value, OperationKind.Add);
        Region.Run(ref body, s_addSite);
        return body.Result;
    }

    public bool Remove(int value)
    {
        var body = new Operation(_head, value, OperationKind.Remove);
        Region.Run(ref body, s_removeSite);
        return body.Result;
    }

    private enum OperationKind
    {
        Contains,
        Add,
        Remove,
    }

    private struct Operation(Node head, int value, OperationKind kind) : IRegionBody
    {
        public bool Result;

        public void Run(TxDescriptor tx)
        {
            Node previous = head;
            Node current = Barriers.ReadField(tx, previous, ref previous.Header, ref previous.Next)!;
            while (current.Value < value)
            {
                previous = current;
                current = Barriers.ReadField(tx, current, ref current.Header, ref current.Next)!;
            }
            bool found = current.Value == value;
            switch (kind)
            {
                case OperationKind.Add when !found:
                    Barriers.WriteField(tx, previous, ref previous.Header, ref previous.Next, new Node(value, current));
                    Result = true;
                    break;
                case OperationKind.Remove when found:
                    var next = Barriers.ReadField(tx, current, ref current.Header, ref current.Next);
                    Barriers.WriteField(tx, previous, ref previous.Header, ref previous.Next, next);
                    Result = true;
                    break;
                default:
                    Result = kind == OperationKind.Contains && found;
                    break;
            }
        }
    }
}

/// <summary>The same sorted list as legacy code writes it: one lock around every operation.</summary>
public sealed class LockedIntSet : IIntSet
{
    private sealed class PlainNode(int value, PlainNode? next)
    {
        public readonly int Value = value;
        public PlainNode? Next = next;
    }

    private readonly PlainNode _head = new(int.MinValue, new PlainNode(int.MaxValue, null));
    private readonly Lock _lock = new();

    public bool Contains(int value)
    {
        lock (_lock)
            return Find(value).Current.Value == value;
    }

    public bool Add(int value)
    {
        lock (_lock)
        {
            var (previous, current) = Find(value);
            if (current.Value == value)
                return false;
            previous.Next = new PlainNode(value, current);
            return true;
        }
    }

    public bool Remove(int value)
    {
        lock (_lock)
        {
            var (previous, current) = Find(value);
            if (current.Value != value)
                return false;
            previous.Next = current.Next;
            return true;
        }
    }

    private (PlainNode Previous, PlainNode Current) Find(int value)
    {
        PlainNode previous = _head;
        PlainNode current = previous.Next!;
        while (current.Value < value)
        {
            previous = current;
            current = current.Next!;
        }
        return (previous, current);
    }
}
