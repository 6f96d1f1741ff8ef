// What each document stated (to take it back exactly when it changes) and its records'
// fingerprint. Per document, so their size does not grow with the corpus.
UNWIND $documents AS doc
MATCH (d:Document {id: doc.id})
SET d.records_sha256 = doc.records_sha256,
    d.contributes = doc.contributes,
    d.contributed_aliases = doc.contributed_aliases,
    d.contributed_evidence = doc.contributed_evidence,
    d.stated = doc.stated,
    d.stated_evidence = doc.stated_evidence
