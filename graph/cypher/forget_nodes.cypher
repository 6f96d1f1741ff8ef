// Take back what one document stated about nodes: evidence, aliases, its claim. A node
// no other document mentions is deleted (with any relationship left on it).
MATCH (d:Document {id: $document})
UNWIND d.contributes AS nid
MATCH (n:Node {id: nid})
SET n.docs = [x IN n.docs WHERE x <> $doc],
    n.evidence = [e IN coalesce(n.evidence, []) WHERE NOT e STARTS WITH $passage_prefix],
    n.alias_sources = [a IN coalesce(n.alias_sources, []) WHERE NOT a STARTS WITH $alias_prefix]
WITH n
CALL (n) {
  UNWIND n.alias_sources AS source
  WITH DISTINCT split(source, $sep)[1] AS alias
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET n.aliases = aliases, n.alias_text = reduce(s = '', a IN aliases | s + ' ' + a)
WITH n
WHERE size(n.docs) = 0
DETACH DELETE n
