// Take back what one document stated about relationships: its evidence and its claim
// ($doc in r.docs). A relationship no other document states is deleted.
MATCH (d:Document {id: $document})
UNWIND d.contributes AS nid
MATCH (:Node {id: nid})-[r]-()
WHERE $doc IN r.docs
WITH DISTINCT r
SET r.docs = [x IN r.docs WHERE x <> $doc],
    r.evidence = [e IN r.evidence WHERE NOT e STARTS WITH $passage_prefix]
WITH r
WHERE size(r.docs) = 0
DELETE r
