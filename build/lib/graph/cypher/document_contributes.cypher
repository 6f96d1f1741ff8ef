// Remember which nodes each document touched (for replacing it later) and what it was.
UNWIND $documents AS doc
MATCH (d:Document {id: doc.id})
SET d.contributes = doc.node_ids, d.records_sha256 = doc.records_sha256
