// name: compare
// description: >-
//   How documents plan one industry, side by side across provinces and years: its
//   targets (metric, value, unit, year) and its lead departments (with the number of
//   tasks they lead), each with the document, its issuer, province and date. The
//   industry matches an industry or cluster the target or task concerns, or the title of
//   the plan stating it (充电基础设施 finds two provinces' charging plans). places keeps
//   only documents whose province, city or issuer names one of the given places
//   (comma-separated, e.g. 福建,湖南). Baselines are left out.
// params:
//   - {name: industry, type: string, required: true, description: "words of an industry, cluster or plan title, e.g. 充电基础设施", fulltext: true}
//   - {name: places, type: string, required: false, description: "comma-separated provinces or cities, e.g. 福建,湖南"}
// columns: [province, document, issuer, issued_on, kind, metric, value, unit, year, department, tasks, evidence]
// example: {industry: 充电基础设施}
CALL () {
  // The industries and clusters the words name. Two or more ideographs: the full-text
  // index (CJK bigrams) holds every name and alias that contains them, and CONTAINS keeps
  // the exact ones; any other words are read against every industry and cluster.
  WITH $industry_ft AS ft
  WHERE size($industry) >= 2 AND all(ch IN split($industry, '') WHERE '一' <= ch <= '鿿')
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node
  WITH node AS c
  WHERE (c:Industry OR c:Cluster)
    AND (c.name CONTAINS $industry OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $industry))
  RETURN c
  UNION
  WITH 1 AS one
  WHERE NOT (size($industry) >= 2 AND all(ch IN split($industry, '') WHERE '一' <= ch <= '鿿'))
  MATCH (c:Industry|Cluster)
  WHERE c.name CONTAINS $industry OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $industry)
  RETURN c
}
WITH collect(c) AS named
CALL (named) {
  // The plans about the industry: by title (plans are few), or by an industry they concern.
  CALL (named) {
    MATCH (pl:Plan) WHERE pl.title CONTAINS $industry
    RETURN pl
    UNION
    UNWIND named AS i
    MATCH (pl:Plan)-[:CONCERNS]->(i:Industry)
    WHERE i.name CONTAINS $industry
    RETURN pl
  }
  RETURN collect(pl) AS plans
}
CALL (named, plans) {
  // Every branch starts from those industries, clusters and plans, not from every
  // target, plan or task of the graph.
  UNWIND named + plans AS h
  MATCH (h)-[:HAS_TARGET]->(t:Target)
  WHERE t.baseline IS NULL
  RETURN 'target' AS kind, t.metric AS metric, t.value AS value, t.unit AS unit,
         t.year AS year, null AS department, null AS tasks, t.evidence AS ids
  UNION ALL
  UNWIND plans AS pl
  CALL (pl) {
    // from the plan: its own leads and its tasks' (not every LEADS of the graph)
    MATCH (u)-[r:LEADS]->(pl)
    RETURN u, r
    UNION ALL
    MATCH (pl)-[:HAS_TASK]->(:Task)<-[r:LEADS]-(u)
    RETURN u, r
  }
  WITH u, pl, r ORDER BY r.evidence[0]
  WITH u, pl, collect(r) AS rs
  RETURN 'lead' AS kind, null AS metric, null AS value, null AS unit, null AS year,
         u.name AS department, size(rs) AS tasks, rs[0].evidence AS ids
  UNION ALL
  UNWIND named AS c
  MATCH (t:Task)-[:CONCERNS]->(c)
  MATCH (u)-[r:LEADS]->(t)
  WITH u, split(t.id, ':')[1] AS doc, r ORDER BY r.evidence[0]
  WITH u, doc, collect(DISTINCT r) AS rs
  RETURN 'lead' AS kind, null AS metric, null AS value, null AS unit, null AS year,
         u.name AS department, size(rs) AS tasks, rs[0].evidence AS ids
}
CALL (ids) {
  UNWIND coalesce(ids, [])[..1] AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
WITH kind, metric, value, unit, year, department, tasks, evidence
MATCH (d:Document {id: 'Document:' + evidence[0].doc})
WITH d, kind, metric, value, unit, year, department, tasks, evidence,
     [x IN split(replace(coalesce($places, ''), '、', ','), ',') WHERE trim(x) <> '' | trim(x)] AS wanted
WHERE size(wanted) = 0
   OR any(w IN wanted WHERE coalesce(d.province, '') CONTAINS w OR coalesce(d.city, '') CONTAINS w
                         OR coalesce(d.issuer, '') CONTAINS w)
RETURN coalesce(d.province, '') AS province, d.title AS document, d.issuer AS issuer,
       d.issued_on AS issued_on, kind, metric, value, unit, year, department, tasks, evidence
ORDER BY province, issued_on, document, kind DESC, metric, year, department
SKIP $offset LIMIT $limit
