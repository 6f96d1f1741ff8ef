// Create the relationships that start at a document's own Passage nodes (MENTIONS), new
// with their passage. `{type}` is filled from the graph model's fixed list of types.
// Their evidence is the passage they start at, so they carry no evidence list or counts.
// The caller compares `written` with the number of rows, as for merge_relationships.
UNWIND $rows AS row
MATCH (a:Passage {id: row.start})
MATCH (b:Node {id: row.end})
CREATE (a)-[r:{type}]->(b)
SET r += row.properties
RETURN count(r) AS written
