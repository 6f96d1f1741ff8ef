// name: exposure
// description: >-
//   An organisation's policy exposure, one row per fact, ordered by document date: the
//   plans that support it (依托, 支持 …) or name it, the tasks and whole plans it leads or
//   assists, the projects it undertakes, the targets of its industries and of the clusters
//   of its places, and its co-participants (a stated collaboration, the same task, the
//   same project). Each row has the document, its date and the evidence sentence. The
//   organisation is found by name, alias (哈工大) or the full-text index.
// params:
//   - {name: organization, type: string, required: true, description: "an enterprise, university, institute or department, e.g. 哈工大机器人集团", fulltext: true}
// columns: [organization, kind, item, detail, document, issued_on, evidence]
// example: {organization: 哈工大机器人集团}
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
  MATCH (pl:Plan)-[r:SUPPORTS]->(n)
  RETURN 'supported by plan' AS kind, pl.title AS item, r.how AS detail, r.evidence AS ids
  UNION ALL
  MATCH (n)-[r:LEADS|ASSISTS]->(t:Task)
  OPTIONAL MATCH (pl:Plan)-[:HAS_TASK]->(t)
  RETURN CASE type(r) WHEN 'LEADS' THEN 'leads task' ELSE 'assists task' END AS kind,
         t.text AS item, pl.title AS detail, r.evidence AS ids
  UNION ALL
  MATCH (n)-[r:LEADS|ASSISTS]->(pl:Plan)
  RETURN CASE type(r) WHEN 'LEADS' THEN 'leads plan' ELSE 'assists plan' END AS kind,
         pl.title AS item, null AS detail, r.evidence AS ids
  UNION ALL
  MATCH (n)-[r:UNDERTAKES]->(p:Project)
  RETURN 'undertakes project' AS kind, p.name AS item, p.status AS detail, r.evidence AS ids
  UNION ALL
  MATCH (n)-[:ACTIVE_IN]->(i:Industry)-[:HAS_TARGET]->(t:Target)
  WHERE t.baseline IS NULL
  RETURN DISTINCT 'target of its industry' AS kind, t.name AS item,
         i.name + coalesce(' · ' + toString(t.year), '') AS detail, t.evidence AS ids
  UNION ALL
  MATCH (n)-[:ACTIVE_IN]->(:Industry)<-[:IN_INDUSTRY]-(c:Cluster)-[:HAS_TARGET]->(t:Target)
  WHERE t.baseline IS NULL
  RETURN DISTINCT 'target of its industry' AS kind, t.name AS item,
         c.name + coalesce(' · ' + toString(t.year), '') AS detail, t.evidence AS ids
  UNION ALL
  MATCH (n)-[:LOCATED_IN]->(:Place)<-[:LOCATED_IN]-(c:Cluster)-[:HAS_TARGET]->(t:Target)
  WHERE t.baseline IS NULL
  RETURN DISTINCT 'target of its place' AS kind, t.name AS item,
         c.name + coalesce(' · ' + toString(t.year), '') AS detail, t.evidence AS ids
  UNION ALL
  MATCH (n)-[r:COLLABORATES_WITH]-(o)
  RETURN 'co-participant' AS kind, o.name AS item, '已有合作' AS detail, r.evidence AS ids
  UNION ALL
  MATCH (n)-[:LEADS|ASSISTS]->(t:Task)<-[r:LEADS|ASSISTS]-(o:Organization)
  WHERE o <> n
  RETURN 'co-participant' AS kind, o.name AS item, '同一任务: ' + coalesce(t.name, '') AS detail,
         r.evidence AS ids
  UNION ALL
  MATCH (n)-[:UNDERTAKES]->(p:Project)<-[r:UNDERTAKES]-(o)
  WHERE o <> n
  RETURN 'co-participant' AS kind, o.name AS item, '同一项目: ' + p.name AS detail,
         r.evidence AS ids
  UNION ALL
  MATCH (s:Passage)-[:MENTIONS]->(n)
  WITH s ORDER BY s.id
  WITH s.doc AS doc, collect(s.id) AS ids
  MATCH (d:Document {id: 'Document:' + doc})
  RETURN 'named in document' AS kind, d.title AS item, null AS detail, ids[..2] AS ids
}
CALL (ids) {
  UNWIND coalesce(ids, [])[..2] AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
OPTIONAL MATCH (d:Document {id: 'Document:' + evidence[0].doc})
RETURN n.name AS organization, kind, item, detail, d.title AS document,
       d.issued_on AS issued_on, evidence
ORDER BY issued_on, document, kind, item
SKIP $offset LIMIT $limit
