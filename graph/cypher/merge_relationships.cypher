// Write one relationship type (one row per relationship, the rows of several documents
// merged by the caller). `{type}` is filled from the fixed list of the graph model's
// relationship types (never from input). Both ends must exist: the caller compares
// `written` with the number of rows and fails the transaction if they differ. As for
// nodes: counts are added and `evidence` keeps the $k smallest passage ids.
UNWIND $rows AS row
MATCH (a:Node {id: row.start})
MATCH (b:Node {id: row.end})
MERGE (a)-[r:{type}]->(b)
SET r += row.properties
SET r.evidence = reduce(acc = coalesce(r.evidence, []), e IN row.evidence |
      CASE WHEN e IN acc THEN acc ELSE [x IN acc WHERE x < e] + e + [x IN acc WHERE x > e] END
    )[..$k],
    r.evidence_count = coalesce(r.evidence_count, 0) + row.evidence_count,
    r.doc_count = coalesce(r.doc_count, 0) + row.doc_count
RETURN count(r) AS written
