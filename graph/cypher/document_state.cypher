// The fingerprint of a document's records as last loaded (null when never loaded).
OPTIONAL MATCH (d:Document {id: $document})
RETURN d.records_sha256 AS records_sha256
