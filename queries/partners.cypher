// name: partners
// description: >-
//   Candidate partner enterprises for an enterprise (or for an industry), strongest
//   evidence first. Stated ties, which a plan writes down, rank above any amount of
//   shared context: an existing collaboration 10, each shared project 6 (for an
//   industry: each project in it 6). Shared context, which only makes a tie plausible:
//   each university or institute behind both (a collaboration, or named in the same
//   sentence) 2, each shared industry 1, a shared cluster 1, the same city 1 (for an
//   industry: active in it 2, a university or institute behind the enterprise 2,
//   supported by a plan 1). strength says which kind a candidate has; each reason comes
//   with its source sentences.
// params:
//   - {name: organization, type: string, required: false, description: "an enterprise's name or short form, e.g. 哈工大机器人集团", fulltext: true}
//   - {name: industry, type: string, required: false, description: "words of an industry or cluster name, e.g. 机器人"}
// one_of: [organization, industry]
// columns: [partner, type, score, reasons, strength]
// example: {organization: 哈工大机器人集团}
CALL () {
  OPTIONAL CALL () {
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
  RETURN n
}
CALL (n) {
  // -- partners of an organisation ------------------------------------------------------
  WITH n WHERE n IS NOT NULL
  MATCH (n)-[r:COLLABORATES_WITH]-(c:Enterprise)
  RETURN c, 10 AS points, '已有合作: ' + n.name + ' — ' + c.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NOT NULL
  MATCH (n)-[:UNDERTAKES]->(p:Project)<-[r:UNDERTAKES]-(c:Enterprise)
  WHERE c <> n
  RETURN c, 6 AS points, '共同项目: ' + p.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NOT NULL
  // walked from n (not every university against every enterprise)
  CALL (n) {
    MATCH (n)-[:COLLABORATES_WITH]-(u:University|ResearchInstitute) RETURN u
    UNION
    MATCH (n)<-[:MENTIONS]-(:Passage)-[:MENTIONS]->(u:University|ResearchInstitute) RETURN u
  }
  CALL (u) {
    MATCH (u)-[:COLLABORATES_WITH]-(c:Enterprise) RETURN c
    UNION
    MATCH (u)<-[:MENTIONS]-(:Passage)-[:MENTIONS]->(c:Enterprise) RETURN c
  }
  WITH n, u, c WHERE c <> n
  OPTIONAL MATCH (c)<-[:MENTIONS]-(s:Passage)-[:MENTIONS]->(u)
  WITH c, u, s ORDER BY s.id
  WITH c, u, collect(s.id)[..2] AS ids
  RETURN c, 2 AS points, '同一高校/院所: ' + u.name AS reason, ids
  UNION ALL
  WITH n WHERE n IS NOT NULL
  MATCH (n)-[:ACTIVE_IN]->(i:Industry)<-[r:ACTIVE_IN]-(c:Enterprise)
  WHERE c <> n
  RETURN c, 1 AS points, '同一产业: ' + i.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NOT NULL
  MATCH (n)-[:ACTIVE_IN]->(i:Industry)<-[:IN_INDUSTRY]-(cl:Cluster)
  MATCH (c:Enterprise)-[r:ACTIVE_IN]->(i)
  WHERE c <> n
  RETURN c, 1 AS points, '同一产业集群: ' + cl.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NOT NULL
  MATCH (n)-[:LOCATED_IN]->(pl:Place)<-[r:LOCATED_IN]-(c:Enterprise)
  WHERE c <> n AND pl.level <> 'country' AND pl.level <> 'province'
  RETURN c, 1 AS points, '同城: ' + pl.name AS reason, r.evidence AS ids
  UNION ALL
  // -- enterprises of an industry -------------------------------------------------------
  WITH n WHERE n IS NULL AND $industry IS NOT NULL
  MATCH (c:Enterprise)-[r:ACTIVE_IN]->(i:Industry)
  WHERE i.name CONTAINS $industry OR any(a IN i.aliases WHERE a CONTAINS $industry)
     OR EXISTS { MATCH (i)<-[:IN_INDUSTRY]-(cl:Cluster) WHERE cl.name CONTAINS $industry }
  RETURN c, 2 AS points, '活跃于产业: ' + i.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NULL AND $industry IS NOT NULL
  MATCH (c:Enterprise)-[r:UNDERTAKES]->(p:Project)-[:IN_INDUSTRY]->(i:Industry)
  WHERE i.name CONTAINS $industry OR any(a IN i.aliases WHERE a CONTAINS $industry)
  RETURN c, 6 AS points, '承担项目: ' + p.name AS reason, r.evidence AS ids
  UNION ALL
  WITH n WHERE n IS NULL AND $industry IS NOT NULL
  MATCH (c:Enterprise)-[:ACTIVE_IN]->(i:Industry)
  WHERE i.name CONTAINS $industry OR any(a IN i.aliases WHERE a CONTAINS $industry)
  MATCH (c)<-[:MENTIONS]-(s:Passage)-[:MENTIONS]->(u:University|ResearchInstitute)
  WITH c, u, s ORDER BY s.id
  WITH c, u, collect(s.id)[..2] AS ids
  RETURN c, 2 AS points, '依托高校/院所: ' + u.name AS reason, ids
  UNION ALL
  WITH n WHERE n IS NULL AND $industry IS NOT NULL
  MATCH (c:Enterprise)-[:ACTIVE_IN]->(i:Industry)
  WHERE i.name CONTAINS $industry OR any(a IN i.aliases WHERE a CONTAINS $industry)
  MATCH (pl:Plan)-[r:SUPPORTS]->(c)
  RETURN c, 1 AS points, '获规划支持: ' + pl.title AS reason, r.evidence AS ids
}
WITH c, reason, points, ids ORDER BY points DESC, ids[0]
WITH c, reason, max(points) AS points, head(collect(ids)) AS ids
CALL (ids) {
  UNWIND coalesce(ids, [])[..2] AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
WITH c, reason, points, evidence ORDER BY points DESC, reason
WITH c, sum(points) AS score,
     sum(CASE WHEN points >= 6 THEN points ELSE 0 END) AS stated,
     collect({reason: reason, points: points, evidence: evidence}) AS reasons
RETURN c.name AS partner, 'Enterprise' AS type, score, reasons,
       CASE WHEN stated > 0 THEN 'stated' ELSE 'shared context' END AS strength
ORDER BY stated DESC, score DESC, partner
SKIP $offset LIMIT $limit
