// Take back what one document stated about relationships (`stated`: start, type and end
// joined by $sep, in step with `stated_evidence`). A relationship no document states
// any more is deleted.
MATCH (d:Document {id: $document})
UNWIND range(0, size(coalesce(d.stated, [])) - 1) AS i
WITH split(d.stated[i], $sep) AS key,
     size([e IN split(d.stated_evidence[i], $sep)[1..] WHERE e <> '']) AS passages
MATCH (:Node {id: key[0]})-[r]->(:Node {id: key[2]})
WHERE type(r) = key[1]
SET r.doc_count = coalesce(r.doc_count, 1) - 1,
    r.evidence_count = coalesce(r.evidence_count, 0) - passages,
    r.evidence = [e IN coalesce(r.evidence, []) WHERE NOT e STARTS WITH $passage_prefix]
WITH r
WHERE r.doc_count <= 0
DELETE r
