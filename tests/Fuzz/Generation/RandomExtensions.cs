namespace Stm.Fuzz.Generation;

internal static class RandomExtensions
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An item chosen with the given weights.</summary>
    public static T Weighted<T>(this Random random, IReadOnlyList<(int Weight, T Item)> items)
    {
        int total = items.Sum(i => i.Weight);
        int roll = random.Next(total);
        foreach (var (weight, item) in items)
        {
            if (roll < weight)
                return item;
            roll -= weight;
        }
        throw new InvalidOperationException("no weights");
    }
}
