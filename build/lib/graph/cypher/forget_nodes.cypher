// Take back what one document stated about nodes: evidence, aliases, its claim. A node
// no other document mentions is deleted (with any relationship left on it).
MATCH (d:Document {id: $document})
UNWIND d.contributes AS nid
MATCH (n:Node {id: nid})
WITH n, [a IN coalesce(n.alias_sources, []) WHERE NOT a STARTS WITH $alias_prefix] AS sources
WITH n, sources,
     reduce(acc = [], a IN [s IN sources | split(s, $sep)[1]] |
       CASE WHEN a IN acc THEN acc ELSE [x IN acc WHERE x < a] + a + [x IN acc WHERE x > a] END
     ) AS aliases
SET n.docs = [x IN n.docs WHERE x <> $doc],
    n.evidence = [e IN coalesce(n.evidence, []) WHERE NOT e STARTS WITH $passage_prefix],
    n.alias_sources = sources,
    n.aliases = aliases,
    n.alias_text = reduce(s = '', a IN aliases | s + ' ' + a)
WITH n
WHERE size(n.docs) = 0
DETACH DELETE n
