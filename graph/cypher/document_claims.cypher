// The nodes and relationships these documents stated when last loaded (no row for a
// document never loaded: it has nothing to take back).
UNWIND $documents AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, coalesce(d.contributes, []) AS contributes, coalesce(d.stated, []) AS stated
