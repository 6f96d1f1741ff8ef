// Create a document's own Passage nodes (their ids carry the document's id, so none can
// exist: the document's earlier passages were deleted by forget_passages.cypher first).
// A passage is its own evidence: it carries its text and offsets, no evidence list or
// counts (see docs/graph-model.md). CREATE skips MERGE's look-up and list merging.
UNWIND $rows AS row
CREATE (n:Node:Passage {id: row.id})
SET n.name = row.name
SET n += row.properties
RETURN count(n) AS written
