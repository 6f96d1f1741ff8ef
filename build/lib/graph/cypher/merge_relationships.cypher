// Write one relationship type (rows of one or more documents). `{type}` is filled from
// the fixed list of the graph model's relationship types (never from input). Both ends
// must exist: the caller compares `written` with the number of rows and fails the
// transaction if they differ. Lists stay sorted and duplicate-free.
UNWIND $rows AS row
MATCH (a:Node {id: row.start})
MATCH (b:Node {id: row.end})
MERGE (a)-[r:{type}]->(b)
SET r += row.properties
SET r.evidence = reduce(acc = coalesce(r.evidence, []), e IN row.evidence |
      CASE WHEN e IN acc THEN acc ELSE [x IN acc WHERE x < e] + e + [x IN acc WHERE x > e] END),
    r.docs = CASE WHEN row.doc IN coalesce(r.docs, []) THEN r.docs
      ELSE [x IN coalesce(r.docs, []) WHERE x < row.doc] + row.doc
           + [x IN coalesce(r.docs, []) WHERE x > row.doc] END
RETURN count(r) AS written
