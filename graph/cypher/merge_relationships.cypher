// Write one relationship type of one document. `{type}` is filled from the fixed list of
// the graph model's relationship types (never from input). Both ends must exist: the
// caller compares `written` with the number of rows and fails the transaction if not.
UNWIND $rows AS row
MATCH (a:Node {id: row.start})
MATCH (b:Node {id: row.end})
MERGE (a)-[r:{type}]->(b)
SET r += row.properties
WITH r, row
CALL (r, row) {
  UNWIND coalesce(r.evidence, []) + row.evidence AS e
  WITH DISTINCT e ORDER BY e
  RETURN collect(e) AS evidence
}
CALL (r) {
  UNWIND coalesce(r.docs, []) + [$doc] AS d
  WITH DISTINCT d ORDER BY d
  RETURN collect(d) AS docs
}
SET r.evidence = evidence, r.docs = docs
RETURN count(r) AS written
