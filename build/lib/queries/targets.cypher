// name: targets
// description: >-
//   Numeric targets (到2018年…销售收入超过530亿元) with their subject, optionally filtered by
//   industry (the subject, its industry, or the industry of its plan) or plan title.
// params:
//   - {name: industry, type: string, required: false, description: "words of an industry or cluster name, e.g. 石墨"}
//   - {name: plan, type: string, required: false, description: "words of a plan title, e.g. 汉麻"}
// columns: [subject, metric, value, unit, year, evidence]
// example: {industry: 石墨}
MATCH (subject)-[:HAS_TARGET]->(t:Target)
OPTIONAL MATCH (subject)-[:IN_INDUSTRY]->(si:Industry)
OPTIONAL MATCH (pl:Plan {title: t.plan})-[:CONCERNS]->(pi:Industry)
WITH subject, t, [subject.name, si.name, pi.name] AS related
WHERE ($industry IS NULL OR any(x IN related WHERE x CONTAINS $industry))
  AND ($plan IS NULL OR t.plan CONTAINS $plan)
CALL (t) {
  UNWIND coalesce(t.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN subject.name AS subject, t.metric AS metric, t.value AS value, t.unit AS unit,
       t.year AS year, evidence
ORDER BY year, subject, metric, value
SKIP $offset LIMIT $limit
