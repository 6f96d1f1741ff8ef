// Write one label's nodes (one row per node, the rows of several documents merged by the
// caller). `{label}` is filled from the fixed list of the graph model's labels (never
// from input); the rest are parameters. Nothing here grows with the corpus: counts are
// added, `evidence` keeps the $k smallest passage ids, aliases are the distinct names with
// the number of documents using each (parallel lists, sorted by alias).
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n:{label}
SET n.name = row.name
SET n += row.properties
WITH n, row, coalesce(n.aliases, []) AS old, coalesce(n.alias_counts, []) AS counts
WITH n, row, old, counts,
     reduce(acc = old, a IN row.aliases |
       CASE WHEN a IN acc THEN acc ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END
     ) AS aliases
SET n.aliases = aliases,
    n.alias_counts = [a IN aliases |
        coalesce(head([i IN range(0, size(old) - 1) WHERE old[i] = a | counts[i]]), 0)
      + coalesce(head([i IN range(0, size(row.aliases) - 1) WHERE row.aliases[i] = a
                       | row.alias_counts[i]]), 0)],
    n.alias_text = reduce(s = '', a IN aliases | s + ' ' + a),
    n.evidence = reduce(acc = coalesce(n.evidence, []), e IN row.evidence |
      CASE WHEN e IN acc THEN acc ELSE [x IN acc WHERE x < e] + e + [x IN acc WHERE x > e] END
    )[..$k],
    n.evidence_count = coalesce(n.evidence_count, 0) + row.evidence_count,
    n.doc_count = coalesce(n.doc_count, 0) + row.doc_count
RETURN count(n) AS written
