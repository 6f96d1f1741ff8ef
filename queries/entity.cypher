// name: entity
// description: >-
//   One entity by name, alias (哈工大) or full-text match: its type, aliases, city and
//   every relationship it has, each with the source sentence.
// params:
//   - {name: name, type: string, required: true, description: "a name or short form, e.g. 哈工大", fulltext: true}
// columns: [name, type, aliases, city, relations]
// example: {name: 哈工大}
CALL () {
  // An exact name by the name index, an exact alias among the full-text hits (a list
  // property has no index: `$name IN n.aliases` over every node grew with the graph).
  MATCH (n:Node {name: $name})
  RETURN n, 1001.0 AS score
  UNION
  WITH $name_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  RETURN node AS n, CASE WHEN $name IN node.aliases THEN 1000.0 ELSE score END AS score
}
WITH n ORDER BY score DESC, n.id LIMIT 1
OPTIONAL MATCH (n)-[:LOCATED_IN]->(place:Place)
WITH n, head(collect(place.name)) AS city
CALL (n) {
  MATCH (n)-[r]-(other)
  WHERE type(r) <> 'MENTIONS' AND NOT other:Passage
  WITH r, other ORDER BY type(r), other.name, other.id, r.evidence[0] LIMIT 200
  CALL (r) {
    UNWIND coalesce(r.evidence, [])[..3] AS pid
    MATCH (s:Passage {id: pid})
    RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
  }
  RETURN collect({
    type: type(r),
    direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
    other: coalesce(other.name, other.id),
    other_type: [l IN labels(other) WHERE NOT l IN ['Node', 'Organization']][0],
    evidence: evidence
  }) AS relations
}
RETURN n.name AS name, [l IN labels(n) WHERE NOT l IN ['Node', 'Organization']][0] AS type,
       coalesce(n.aliases, []) AS aliases, city, relations
SKIP $offset LIMIT $limit
