// Write one relationship type (rows of one or more documents). `{type}` is filled from
// the fixed list of the graph model's relationship types (never from input). Both ends
// must exist: the caller compares `written` with the number of rows and fails the
// transaction if they differ. Lists stay sorted and duplicate-free; one row per
// relationship (the caller merges the rows of several documents).
UNWIND $rows AS row
MATCH (a:Node {id: row.start})
MATCH (b:Node {id: row.end})
MERGE (a)-[r:{type}]->(b)
SET r += row.properties
SET r.evidence = reduce(acc = coalesce(r.evidence, []), e IN row.evidence |
      CASE WHEN e IN acc THEN acc ELSE [x IN acc WHERE x < e] + e + [x IN acc WHERE x > e] END),
    r.docs = reduce(acc = coalesce(r.docs, []), d IN row.docs |
      CASE WHEN d IN acc THEN acc ELSE [x IN acc WHERE x < d] + d + [x IN acc WHERE x > d] END)
RETURN count(r) AS written
