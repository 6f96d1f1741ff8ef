// Remember which nodes a document touched (for replacing it later) and what it was.
MATCH (d:Document {id: $document})
SET d.contributes = $node_ids, d.records_sha256 = $records_sha256
