// name: collaborators
// description: >-
//   Who an organisation works with: stated collaborations (X与Y合作/共建/联合) and
//   organisations undertaking the same project, each with the source sentence.
// params:
//   - {name: organization, type: string, required: true, description: "an organisation's name or short form, e.g. 哈工大", fulltext: true}
// columns: [name, type, via, evidence]
// example: {organization: 哈尔滨工业大学}
CALL () {
  // An exact name by the name index, an exact alias among the full-text hits (a list
  // property has no index: `$organization IN n.aliases` over every node grew with the graph).
  MATCH (n:Node {name: $organization}) WHERE n:Organization
  RETURN n, 1000.0 AS score
  UNION
  WITH $organization_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  WITH node AS n, score WHERE n:Organization
  RETURN n, CASE WHEN $organization IN n.aliases THEN 1000.0 ELSE score END AS score
}
WITH n ORDER BY score DESC LIMIT 1
CALL (n) {
  MATCH (n)-[r:COLLABORATES_WITH]-(o)
  RETURN o, '合作' AS via, r.evidence AS ids
  UNION
  MATCH (n)-[:UNDERTAKES]->(p:Project)<-[r:UNDERTAKES]-(o)
  WHERE o <> n
  RETURN o, '共同项目: ' + p.name AS via, r.evidence AS ids
}
CALL (ids) {
  UNWIND coalesce(ids, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN o.name AS name, [l IN labels(o) WHERE NOT l IN ['Node', 'Organization']][0] AS type,
       via, evidence
ORDER BY name, via
SKIP $offset LIMIT $limit
