// Write one label's nodes (rows of one or more documents). `{label}` is filled from the
// fixed list of the graph model's labels (never from input); the rest are parameters.
// Lists stay sorted and duplicate-free (insertion into a sorted list), so loading the
// same records again leaves every list exactly as it was. The caller sends one row per
// node (the rows of several documents merged): two rows of one node in one statement
// would each read the node's old lists, and the last would win.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n:{label}
SET n.name = row.name
SET n += row.properties
WITH n, row,
     reduce(acc = coalesce(n.alias_sources, []), a IN row.alias_sources |
       CASE WHEN a IN acc THEN acc ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END
     ) AS alias_sources
WITH n, row, alias_sources,
     reduce(acc = [], a IN [s IN alias_sources | split(s, $sep)[1]] |
       CASE WHEN a IN acc THEN acc ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END
     ) AS aliases
SET n.evidence = reduce(acc = coalesce(n.evidence, []), e IN row.evidence |
      CASE WHEN e IN acc THEN acc ELSE [x IN acc WHERE x < e] + e + [x IN acc WHERE x > e] END),
    n.docs = reduce(acc = coalesce(n.docs, []), d IN row.docs |
      CASE WHEN d IN acc THEN acc ELSE [x IN acc WHERE x < d] + d + [x IN acc WHERE x > d] END),
    n.alias_sources = alias_sources,
    n.aliases = aliases,
    n.alias_text = reduce(s = '', a IN aliases | s + ' ' + a)
RETURN count(n) AS written
