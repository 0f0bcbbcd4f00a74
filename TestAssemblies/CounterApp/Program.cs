// Two threads increment one counter with no lock; prints the final count.
int increments = args is [var first] ? int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
Console.WriteLine($"counter={Legacy.SharedCounter.IncrementFromThreads(2, increments)}");
