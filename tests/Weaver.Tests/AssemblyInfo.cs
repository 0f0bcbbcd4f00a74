// Each test runs woven code in runner processes; one at a time, so the concurrency tests get both cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
