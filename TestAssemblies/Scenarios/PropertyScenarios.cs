namespace Scenarios;

/// <summary>Properties (auto, computed, init-only, required), indexers and events.</summary>
public static class PropertyScenarios
{
    private sealed class Product
    {
        private int discount;
        private string? cachedLabel;

        public static int Created { get; set; }

        public Product() { Created++; }

        public string Name { get; init; } = "unnamed";

        public required string Sku { get; init; }

        public int Price { get; set; }

        public int Quantity { get; private set; }

        public int Total => Price * Quantity * (100 - Discount) / 100;

        public int Discount
        {
            get => discount;
            set => discount = Math.Clamp(value, 0, 50);
        }

        public string Label => cachedLabel ??= Name + "#" + Sku;

        public void Buy(int n) => Quantity += n;
    }

    public static string AutoComputedAndInitProperties()
    {
        Product.Created = 0;
        var a = new Product { Sku = "A1", Name = "apple", Price = 30 };
        var b = new Product { Sku = "B2", Price = 7 };
        a.Buy(3);
        a.Buy(1);
        b.Buy(10);
        a.Discount = 80;
        b.Discount = -3;
        b.Price++;
        string la = a.Label;
        return Invariant($"{a.Name},{a.Quantity},{a.Discount},{a.Total};{b.Name},{b.Price},{b.Discount},{b.Total};{la},{ReferenceEquals(la, a.Label)},{Product.Created}");
    }

    private sealed class Grid
    {
        private readonly int[] cells = new int[12];
        private readonly Dictionary<string, int> named = new();

        public int Width { get; } = 4;

        public int this[int x, int y]
        {
            get => cells[y * Width + x];
            set => cells[y * Width + x] = value;
        }

        public int this[string key]
        {
            get => named.TryGetValue(key, out var v) ? v : -1;
            set => named[key] = value;
        }

        public ref int Cell(int i) => ref cells[i];

        public int Sum()
        {
            int s = 0;
            foreach (var c in cells)
                s += c;
            return s;
        }
    }

    private sealed class RefList
    {
        private readonly long[] items = new long[4];

        public ref long this[int i] => ref items[i];

        public string Dump() => Fmt.Join(items);
    }

    public static string Indexers()
    {
        var g = new Grid();
        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 4; x++)
                g[x, y] = x + y * 10;
        }
        g[1, 1] += 100;
        g["a"] = 5;
        g["a"]++;
        g.Cell(11) = -1;
        var r = new RefList();
        r[2] = 7;
        r[2] *= 3;
        ref long slot = ref r[0];
        slot = 42;
        return Invariant($"{g[1, 1]},{g[3, 2]},{g["a"]},{g["zz"]},{g.Sum()};{r.Dump()}");
    }

    private sealed class Button
    {
        private readonly List<EventHandler<string>> handlers = new();

        public event Action<int>? Clicked;

        public event EventHandler<string> Named
        {
            add => handlers.Add(value);
            remove => handlers.Remove(value);
        }

        public int Raise(int v)
        {
            Clicked?.Invoke(v);
            foreach (var h in handlers.ToArray())
                h(this, "n" + v.ToString(CultureInfo.InvariantCulture));
            return handlers.Count;
        }
    }

    private sealed class Listener
    {
        public int Sum;
        public string Names = "";

        public void OnClick(int v) => Sum += v;

        public void OnNamed(object? sender, string n) => Names += n;
    }

    private static int ticks;

    private static event Action? Tick;

    public static string Events()
    {
        ticks = 0;
        Tick = null;
        var button = new Button();
        var l1 = new Listener();
        var l2 = new Listener();
        button.Clicked += l1.OnClick;
        button.Clicked += l2.OnClick;
        button.Clicked += l1.OnClick;
        button.Named += l1.OnNamed;
        int count = button.Raise(1);
        button.Clicked -= l1.OnClick;
        button.Named -= l1.OnNamed;
        button.Named += l2.OnNamed;
        count += button.Raise(10);
        button.Clicked -= l2.OnClick;
        button.Clicked -= l1.OnClick;
        count += button.Raise(100);
        Tick += () => ticks++;
        Tick += () => ticks += 10;
        Tick?.Invoke();
        return Invariant($"{l1.Sum},{l2.Sum},{l1.Names},{l2.Names},{count},{ticks}");
    }
}
