// Take back what one document stated about nodes (its lists on the Document node, in
// step with `contributes`): one document off `doc_count`, its passages off the evidence,
// one off the count of each alias it used. A node no document states any more is
// deleted (with any relationship left on it). Samples left short are refilled next.
MATCH (d:Document {id: $document})
UNWIND range(0, size(coalesce(d.contributes, [])) - 1) AS i
MATCH (n:Node {id: d.contributes[i]})
WITH n,
     [a IN split(d.contributed_aliases[i], $sep)[1..] WHERE a <> ''] AS mine,
     size([e IN split(d.contributed_evidence[i], $sep)[1..] WHERE e <> '']) AS passages,
     coalesce(n.aliases, []) AS old, coalesce(n.alias_counts, []) AS counts
WITH n, passages,
     [j IN range(0, size(old) - 1) WHERE counts[j] > CASE WHEN old[j] IN mine THEN 1 ELSE 0 END
      | [old[j], counts[j] - CASE WHEN old[j] IN mine THEN 1 ELSE 0 END]] AS kept
SET n.aliases = [p IN kept | p[0]],
    n.alias_counts = [p IN kept | p[1]],
    n.alias_text = reduce(s = '', p IN kept | s + ' ' + p[0]),
    n.evidence = [e IN coalesce(n.evidence, []) WHERE NOT e STARTS WITH $passage_prefix],
    n.evidence_count = coalesce(n.evidence_count, 0) - passages,
    n.doc_count = coalesce(n.doc_count, 1) - 1
WITH n
WHERE n.doc_count <= 0
DETACH DELETE n
