// Take back a document's own Passage nodes and every relationship on them (its ids start
// with $passage_prefix; the passage_id index finds them by that prefix). They are not
// in the Document's claim lists: no other document can state them.
MATCH (p:Passage)
WHERE p.id STARTS WITH $passage_prefix
DETACH DELETE p
