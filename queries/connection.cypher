// name: connection
// description: >-
//   How two organisations or departments are connected through the plans: the shortest
//   paths between them (at most 4 hops) over stated policy relationships — leading or
//   assisting the same task, a task of a plan that supports the other, the same project,
//   a stated collaboration, a plan supporting both — and, after them, paths through a
//   shared industry or cluster. Every hop carries its evidence sentence. At most 5
//   stated and 3 shared-context paths; the search is breadth-first (allShortestPaths)
//   and bounded by the query timeout.
// params:
//   - {name: organization, type: string, required: true, description: "one side, e.g. 哈工大机器人集团", fulltext: true}
//   - {name: other, type: string, required: true, description: "the other side, e.g. 黑龙江省工业和信息化委员会", fulltext: true}
// columns: [organization, other, strength, length, hops]
// example: {organization: 哈工大机器人集团, other: 哈尔滨工业大学}
CALL () {
  // An exact name by the name index, an exact alias among the full-text hits.
  MATCH (n:Node {name: $organization}) WHERE n:Organization
  RETURN n AS a, 1000.0 AS score
  UNION
  WITH $organization_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  WITH node, score WHERE node:Organization
  RETURN node AS a, CASE WHEN $organization IN node.aliases THEN 1000.0 ELSE score END AS score
}
WITH a ORDER BY score DESC LIMIT 1
CALL () {
  // An exact name by the name index, an exact alias among the full-text hits.
  MATCH (n:Node {name: $other}) WHERE n:Organization
  RETURN n AS b, 1000.0 AS score
  UNION
  WITH $other_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  WITH node, score WHERE node:Organization
  RETURN node AS b, CASE WHEN $other IN node.aliases THEN 1000.0 ELSE score END AS score
}
WITH a, b ORDER BY score DESC LIMIT 1
WITH a, b WHERE a <> b
CALL (a, b) {
  MATCH p = allShortestPaths(
    (a)-[:LEADS|ASSISTS|HAS_TASK|SUPPORTS|UNDERTAKES|COLLABORATES_WITH|INCLUDES*..4]-(b))
  RETURN p, 'stated' AS strength
  LIMIT 5
  UNION
  MATCH p = allShortestPaths((a)-[:ACTIVE_IN|IN_INDUSTRY|CONCERNS*..4]-(b))
  RETURN p, 'shared context' AS strength
  LIMIT 3
}
CALL (p) {
  UNWIND range(0, length(p) - 1) AS i
  WITH i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
  CALL (r) {
    UNWIND coalesce(r.evidence, [])[..2] AS pid
    MATCH (s:Passage {id: pid})
    RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
  }
  WITH i, x, r, y, evidence ORDER BY i
  RETURN collect({
    from: coalesce(x.name, x.id),
    from_type: [l IN labels(x) WHERE NOT l IN ['Node', 'Organization']][0],
    rel: type(r),
    direction: CASE WHEN startNode(r) = x THEN 'forward' ELSE 'backward' END,
    to: coalesce(y.name, y.id),
    to_type: [l IN labels(y) WHERE NOT l IN ['Node', 'Organization']][0],
    evidence: evidence
  }) AS hops
}
RETURN a.name AS organization, b.name AS other, strength, length(p) AS length, hops
ORDER BY strength DESC, length
SKIP $offset LIMIT $limit
