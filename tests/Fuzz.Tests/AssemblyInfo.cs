// The tests start runner processes of their own: one test at a time keeps the 2-core machines' time bounds honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
