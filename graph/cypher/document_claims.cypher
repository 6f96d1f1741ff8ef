// The nodes and relationships these documents stated when last loaded (none if never).
UNWIND $documents AS id
MATCH (d:Document {id: id})
RETURN coalesce(d.contributes, []) AS contributes, coalesce(d.stated, []) AS stated
