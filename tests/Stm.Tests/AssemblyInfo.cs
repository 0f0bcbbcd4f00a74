// Concurrency tests measure modes and statistics that are process-wide: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
