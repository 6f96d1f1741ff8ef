// Write one label's nodes of one document. `{label}` is filled from the fixed list of
// the graph model's labels (never from input); everything else is a parameter.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n:{label}
SET n.name = row.name
SET n += row.properties
WITH n, row
CALL (n, row) {
  UNWIND coalesce(n.evidence, []) + row.evidence AS e
  WITH DISTINCT e ORDER BY e
  RETURN collect(e) AS evidence
}
CALL (n, row) {
  UNWIND coalesce(n.alias_sources, []) + row.alias_sources AS a
  WITH DISTINCT a ORDER BY a
  RETURN collect(a) AS alias_sources
}
CALL (n) {
  UNWIND coalesce(n.docs, []) + [$doc] AS d
  WITH DISTINCT d ORDER BY d
  RETURN collect(d) AS docs
}
CALL (alias_sources) {
  UNWIND alias_sources AS source
  WITH DISTINCT split(source, $sep)[1] AS alias
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET n.evidence = evidence, n.alias_sources = alias_sources, n.docs = docs,
    n.aliases = aliases, n.alias_text = reduce(s = '', a IN aliases | s + ' ' + a)
RETURN count(n) AS written
