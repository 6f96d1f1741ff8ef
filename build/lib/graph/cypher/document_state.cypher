// The fingerprints of documents' records as last loaded (absent when never loaded).
UNWIND $documents AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.records_sha256 AS records_sha256
