using Stm.Core;

namespace Stm.Tests;

/// <summary>How the undo of object-level calls restores framework objects (docs/abi.md §7), tested on the objects directly.</summary>
public sealed class ObjectUndoTests
{
    [Fact]
    public void A_snapshot_of_a_long_linked_list_is_taken_without_recursion_and_restores_it()
    {
        // A recursive walk of 200,000 nodes would overflow the stack.
        var list = new LinkedList<int>(Enumerable.Range(0, 200_000));
        var snapshot = ObjectSnapshot.Take(list);
        list.RemoveFirst();
        list.AddLast(-1);
        list.Find(1000)!.Value = 7;

        snapshot.Restore();

        Assert.Equal(Enumerable.Range(0, 200_000), list);
        Assert.Equal(199_999, list.Last!.Value);
    }

    public static TheoryData<string> LinkedListMutations() =>
        ["AddFirst", "AddFirstNode", "AddLast", "AddLastNode", "AddBefore", "AddAfter", "Remove", "RemoveFirst", "RemoveLast", "MoveToFront", "RejectedAdd", "FirstOfEmpty"];

    [Theory]
    [MemberData(nameof(LinkedListMutations))]
    public void A_linked_list_inverse_restores_the_links_a_mutation_changed(string mutation)
    {
        var list = new LinkedList<string>(mutation == "FirstOfEmpty" ? [] : ["a", "b", "c", "d"]);
        var detached = new LinkedListNode<string>("x");
        var nodes = AllNodes(list);
        var before = Links(list, nodes);
        var enumerator = list.GetEnumerator();

        var inverses = new List<ObjectInverse>();
        LinkedListNode<string>? Anchor(string value) => list.Find(value);
        void Before(LinkedListNode<string>? anchor, LinkedListAddition addition) => inverses.Add(new LinkedListLinksInverse<string>(list, anchor, addition));
        switch (mutation)
        {
            case "AddFirst" or "FirstOfEmpty": Before(null, LinkedListAddition.First); list.AddFirst("x"); break;
            case "AddFirstNode": Before(null, LinkedListAddition.First); list.AddFirst(detached); break;
            case "AddLast": Before(null, LinkedListAddition.Last); list.AddLast("x"); break;
            case "AddLastNode": Before(null, LinkedListAddition.Last); list.AddLast(detached); break;
            case "AddBefore": Before(Anchor("c"), LinkedListAddition.BeforeAnchor); list.AddBefore(Anchor("c")!, "x"); break;
            case "AddAfter": Before(Anchor("a"), LinkedListAddition.AfterAnchor); list.AddAfter(Anchor("a")!, detached); break;
            case "Remove": Before(Anchor("b"), LinkedListAddition.None); list.Remove(Anchor("b")!); break;
            case "RemoveFirst": Before(list.First, LinkedListAddition.None); list.RemoveFirst(); break;
            case "RemoveLast": Before(list.Last, LinkedListAddition.None); list.RemoveLast(); break;
            case "MoveToFront":
                var node = Anchor("c")!;
                Before(node, LinkedListAddition.None);
                list.Remove(node);
                Before(null, LinkedListAddition.First);
                list.AddFirst(node);
                break;
            case "RejectedAdd":
                Before(null, LinkedListAddition.First);
                Assert.Throws<InvalidOperationException>(() => list.AddFirst(list.Last!));
                break;
        }
        for (int i = inverses.Count - 1; i >= 0; i--)
            inverses[i].Undo();

        Assert.Equal(before, Links(list, nodes));
        Assert.Null(detached.List);
        Assert.Null(detached.Next);
        // The version is back: an enumerator made before the mutation still works.
        while (enumerator.MoveNext())
        {
        }
    }

    [Fact]
    public void Groupings_of_a_built_lookup_are_not_followed_as_sources()
    {
        // Each grouping is chained to the next: followed as LINQ sources, g.Count() would walk every group.
        var groups = Enumerable.Range(0, 100).GroupBy(n => n % 10).ToList();

        Assert.Equal(ObjectKind.Unguarded, ObjectKinds.KindOf(groups[0]));
        Assert.Equal(ObjectKind.Unguarded, ObjectKinds.KindOf(Enumerable.Range(0, 10).ToLookup(n => n % 3)));
        Assert.Equal(ObjectKind.Query, ObjectKinds.KindOf(Enumerable.Range(0, 10).Select(n => n + 1)));
    }

    private static List<LinkedListNode<string>> AllNodes(LinkedList<string> list)
    {
        var nodes = new List<LinkedListNode<string>>();
        for (var node = list.First; node is not null; node = node.Next)
            nodes.Add(node);
        return nodes;
    }

    /// <summary>The list's contents and count, and each original node's list and neighbours.</summary>
    private static string Links(LinkedList<string> list, List<LinkedListNode<string>> nodes) =>
        $"{string.Join(",", list)}#{list.Count}|" + string.Join(";", nodes.Select(n => $"{n.Value}:{n.List == list}:{n.Previous?.Value}:{n.Next?.Value}"));
}
