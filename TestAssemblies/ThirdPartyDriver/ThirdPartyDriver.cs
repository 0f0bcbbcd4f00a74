using System.Globalization;
using QuikGraph;
using QuikGraph.Algorithms;
using QuikGraph.Algorithms.MaximumFlow;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.Search;
using QuikGraph.Algorithms.ShortestPath;

namespace ThirdParty;

/// <summary>
/// Drives QuikGraph from two threads. Each thread builds and analyses graphs of its own, both
/// read one road map built before they start, and both add edges to one shared graph under a
/// lock. The result is deterministic: each thread's report depends only on its own work and is
/// combined in thread order, and the shared graph is summarized by properties that do not depend
/// on the order in which the threads added to it. No timing, no hash codes, invariant culture.
/// </summary>
public static class ThirdPartyDriver
{
    private const int Threads = 2;
    private const int Rounds = 6;

    public static string Run()
    {
        var roads = Roads();
        var shared = new AdjacencyGraph<int, Edge<int>>();
        var gate = new object();
        var reports = new string[Threads];
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int index = t;
            threads[t] = new Thread(() => reports[index] = Work(index, roads, shared, gate));
        }
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();

        var lines = new List<string>();
        for (int t = 0; t < Threads; t++)
            lines.Add($"thread {t}: {reports[t]}");
        lines.Add("shared: " + Summarize(shared));
        return string.Join("\n", lines);
    }

    /// <summary>Where the library was loaded from, and whether it is the woven one (for the tests, not part of <see cref="Run"/>).</summary>
    public static string Library()
    {
        var assembly = typeof(AdjacencyGraph<,>).Assembly;
        bool woven = assembly.GetCustomAttributes(inherit: false).Any(a => a.GetType().FullName == "Stm.Abi.StmWovenAttribute");
        return $"{assembly.Location}|woven={woven}";
    }

    private static string Work(int index, BidirectionalGraph<string, TaggedEdge<string, int>> roads, AdjacencyGraph<int, Edge<int>> shared, object gate)
    {
        var parts = new List<string>();
        var random = new Lcg((uint)(17 + 1000 * index));
        for (int round = 0; round < Rounds; round++)
        {
            parts.Add(Directed(random, 120 + 40 * round, 4));
            parts.Add(Dag(random, 100 + 10 * round));
            parts.Add(Undirected(random, 90 + 30 * round));
            parts.Add(Flow(random, 12 + round));
            AddShared(index, round, shared, gate);
        }
        parts.Add(Route(roads, index == 0 ? "Amsterdam" : "Vienna", index == 0 ? "Vienna" : "Lisbon"));
        parts.Add(Route(roads, index == 0 ? "Lisbon" : "Berlin", index == 0 ? "Warsaw" : "Madrid"));
        return string.Join(" ", parts);
    }

    /// <summary>A random digraph with cycles: components, shortest paths, a search with events, then removals.</summary>
    private static string Directed(Lcg random, int vertices, int degree)
    {
        var graph = new AdjacencyGraph<int, TaggedEdge<int, int>>();
        graph.AddVertexRange(Enumerable.Range(0, vertices));
        for (int i = 0; i < vertices * degree; i++)
            graph.AddEdge(new TaggedEdge<int, int>(random.Next(vertices), random.Next(vertices), 1 + random.Next(99)));

        var components = new Dictionary<int, int>();
        int strong = graph.StronglyConnectedComponents(components);
        int largest = components.GroupBy(pair => pair.Value).Max(group => group.Count());

        var dijkstra = new DijkstraShortestPathAlgorithm<int, TaggedEdge<int, int>>(graph, edge => edge.Tag);
        var predecessors = new VertexPredecessorRecorderObserver<int, TaggedEdge<int, int>>();
        using (predecessors.Attach(dijkstra))
            dijkstra.Compute(0);
        double total = 0;
        int reached = 0;
        foreach (int vertex in graph.Vertices)
        {
            if (dijkstra.TryGetDistance(vertex, out double distance) && distance < double.MaxValue)
            {
                total += distance;
                reached++;
            }
        }
        int longest = 0;
        foreach (int vertex in graph.Vertices)
        {
            if (predecessors.TryGetPath(vertex, out var path))
                longest = Math.Max(longest, path.Count());
        }

        var search = new BreadthFirstSearchAlgorithm<int, TaggedEdge<int, int>>(graph);
        int discovered = 0, treeEdges = 0, nonTree = 0;
        search.DiscoverVertex += _ => discovered++;
        search.TreeEdge += _ => treeEdges++;
        search.NonTreeEdge += _ => nonTree++;
        search.Compute(vertices / 2);

        graph.RemoveVertexIf(vertex => vertex % 7 == 3);
        int removed = graph.RemoveEdgeIf(edge => edge.Tag > 80);
        return Invariant($"D[scc={strong},max={largest},reach={reached},dist={total},path={longest},bfs={discovered}/{treeEdges}/{nonTree},rm={removed},v={graph.VertexCount},e={graph.EdgeCount},dag={graph.IsDirectedAcyclicGraph()}]");
    }

    /// <summary>A random DAG on a bidirectional graph: topological order, sources and sinks, a depth-first search.</summary>
    private static string Dag(Lcg random, int vertices)
    {
        var graph = new BidirectionalGraph<int, Edge<int>>(allowParallelEdges: false);
        graph.AddVertexRange(Enumerable.Range(0, vertices));
        for (int i = 0; i < vertices * 3; i++)
        {
            int a = random.Next(vertices), b = random.Next(vertices);
            if (a != b)
                graph.AddEdge(new Edge<int>(Math.Min(a, b), Math.Max(a, b)));
        }
        var order = graph.TopologicalSort().ToList();
        long weighted = 0;
        for (int i = 0; i < order.Count; i++)
            weighted += (long)(i + 1) * order[i];
        int roots = graph.Roots().Count();
        int sinks = graph.Sinks().Count();

        var search = new DepthFirstSearchAlgorithm<int, Edge<int>>(graph);
        var stamps = new VertexTimeStamperObserver<int>();
        int back = 0, forward = 0;
        search.BackEdge += _ => back++;
        search.ForwardOrCrossEdge += _ => forward++;
        using (stamps.Attach(search))
            search.Compute();
        long finish = stamps.FinishTimes.Sum(pair => (long)pair.Key * pair.Value);
        return Invariant($"T[e={graph.EdgeCount},topo={weighted},roots={roots},sinks={sinks},back={back},fwd={forward},finish={finish}]");
    }

    /// <summary>A random undirected graph: connected components and both minimum spanning trees.</summary>
    private static string Undirected(Lcg random, int vertices)
    {
        var graph = new UndirectedGraph<int, TaggedEdge<int, double>>();
        graph.AddVertexRange(Enumerable.Range(0, vertices));
        for (int i = 0; i < vertices * 2; i++)
        {
            int a = random.Next(vertices), b = random.Next(vertices);
            if (a != b)
                graph.AddEdge(new TaggedEdge<int, double>(a, b, 0.5 + random.Next(1000) / 4.0));
        }
        var components = new Dictionary<int, int>();
        int count = graph.ConnectedComponents(components);
        double kruskal = graph.MinimumSpanningTreeKruskal(edge => edge.Tag).Sum(edge => edge.Tag);
        double prim = graph.MinimumSpanningTreePrim(edge => edge.Tag).Sum(edge => edge.Tag);
        int odd = graph.Vertices.Count(vertex => graph.AdjacentDegree(vertex) % 2 == 1);
        return Invariant($"U[cc={count},kruskal={kruskal},prim={prim},odd={odd}]");
    }

    /// <summary>Edmonds–Karp maximum flow on a random layered network.</summary>
    private static string Flow(Lcg random, int width)
    {
        var graph = new AdjacencyGraph<int, TaggedEdge<int, double>>();
        int source = 0, sink = 1;
        graph.AddVertex(source);
        graph.AddVertex(sink);
        for (int i = 0; i < width; i++)
        {
            int a = 2 + i, b = 2 + width + i;
            graph.AddVertex(a);
            graph.AddVertex(b);
            graph.AddEdge(new TaggedEdge<int, double>(source, a, 1 + random.Next(20)));
            graph.AddEdge(new TaggedEdge<int, double>(b, sink, 1 + random.Next(20)));
        }
        for (int i = 0; i < width * 3; i++)
            graph.AddEdge(new TaggedEdge<int, double>(2 + random.Next(width), 2 + width + random.Next(width), 1 + random.Next(10)));

        EdgeFactory<int, TaggedEdge<int, double>> factory = (from, to) => new TaggedEdge<int, double>(from, to, 0);
        var reversed = new ReversedEdgeAugmentorAlgorithm<int, TaggedEdge<int, double>>(graph, factory);
        reversed.AddReversedEdges();
        double flow = graph.MaximumFlow(edge => edge.Tag, source, sink, out _, factory, reversed);
        reversed.RemoveReversedEdges();
        return Invariant($"F[{flow},e={graph.EdgeCount}]");
    }

    /// <summary>Both threads add to one graph; each adds its own edges, under a lock.</summary>
    private static void AddShared(int index, int round, AdjacencyGraph<int, Edge<int>> shared, object gate)
    {
        for (int i = 0; i < 25; i++)
        {
            int a = (index * 1000) + (round * 25) + i;
            lock (gate)
            {
                shared.AddVerticesAndEdge(new Edge<int>(a, a + 1));
                shared.AddVerticesAndEdge(new Edge<int>(a + 1, i % 5 == 0 ? index * 1000 : a + 2));
                if (i % 4 == 0)
                    shared.RemoveOutEdgeIf(a + 1, edge => edge.Target == a + 2);
            }
        }
    }

    private static string Summarize(AdjacencyGraph<int, Edge<int>> shared)
    {
        var edges = shared.Edges.Select(edge => (edge.Source, edge.Target)).Order().ToList();
        long checksum = 0;
        foreach (var (from, to) in edges)
            checksum = ((checksum * 31) + (from * 7919) + to) % 1_000_000_007;
        int strong = shared.StronglyConnectedComponents(new Dictionary<int, int>());
        int weak = shared.WeaklyConnectedComponents(new Dictionary<int, int>());
        return Invariant($"v={shared.VertexCount} e={shared.EdgeCount} scc={strong} wcc={weak} dag={shared.IsDirectedAcyclicGraph()} checksum={checksum}");
    }

    /// <summary>A road map (distances in km), read by both threads.</summary>
    private static BidirectionalGraph<string, TaggedEdge<string, int>> Roads()
    {
        var roads = new BidirectionalGraph<string, TaggedEdge<string, int>>();
        (string, string, int)[] links =
        [
            ("Amsterdam", "Berlin", 655), ("Amsterdam", "Brussels", 210), ("Brussels", "Paris", 310),
            ("Paris", "Madrid", 1270), ("Madrid", "Lisbon", 625), ("Paris", "Zurich", 610),
            ("Zurich", "Vienna", 740), ("Berlin", "Prague", 350), ("Prague", "Vienna", 330),
            ("Berlin", "Warsaw", 575), ("Vienna", "Budapest", 245), ("Budapest", "Warsaw", 780),
            ("Brussels", "Berlin", 765), ("Zurich", "Madrid", 1540), ("Paris", "Berlin", 1050),
        ];
        foreach (var (from, to, km) in links)
        {
            roads.AddVerticesAndEdge(new TaggedEdge<string, int>(from, to, km));
            roads.AddVerticesAndEdge(new TaggedEdge<string, int>(to, from, km));
        }
        return roads;
    }

    private static string Route(BidirectionalGraph<string, TaggedEdge<string, int>> roads, string from, string to)
    {
        var paths = roads.ShortestPathsDijkstra(edge => edge.Tag, from);
        if (!paths(to, out var path))
            return $"R[{from}-{to}:none]";
        var steps = path.ToList();
        return Invariant($"R[{from}>{string.Join(">", steps.Select(edge => edge.Target))}:{steps.Sum(edge => edge.Tag)}km,in={roads.InDegree(to)}]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fixed pseudo-random sequence, the same on every runtime.</summary>
    private sealed class Lcg(uint seed)
    {
        private uint _state = seed;

        public int Next(int bound)
        {
            _state = (_state * 1664525u) + 1013904223u;
            return (int)((_state >> 8) % (uint)bound);
        }
    }
}
