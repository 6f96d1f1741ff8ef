// Forget the cached query plans, after a load that wrote documents. The server holds
// re-planning off for 5 minutes while the graph grows (graph/server.py, for the loader's
// own statements); without this, queries kept plans made for the graph as it was before
// the load (a scan chosen on a small graph took 50-110 ms at 100x the seeds instead of
// 4-9 ms until the interval passed).
CALL db.clearQueryCaches()
