// name: targets
// description: >-
//   Numeric targets (到2018年…销售收入超过530亿元) with their subject, optionally filtered by
//   industry (the subject, its industry, or the industry of its plan) or plan title. A
//   series (产量逐年增加至2万台、3万台和5万台) is one row per year with its position; a range
//   (每年举办2至4场国际性赛事) has value_min and the object counted. Baselines (2017年产量约
//   1.2万台) are the state a plan starts from and are returned only with baselines=true.
// params:
//   - {name: industry, type: string, required: false, description: "words of an industry or cluster name, e.g. 石墨"}
//   - {name: plan, type: string, required: false, description: "words of a plan title, e.g. 汉麻"}
//   - {name: baselines, type: boolean, required: false, default: false, description: "also return baselines (marked in the baseline column)"}
// columns: [subject, metric, value, unit, year, evidence, value_min, object, series, baseline]
// example: {industry: 石墨}
CALL () {
  // With an industry, start from the subjects and plans it names (few) rather than from
  // every target; the filter below still decides.
  MATCH (subject)-[:HAS_TARGET]->(t:Target) WHERE $industry IS NULL
  RETURN subject, t
  UNION
  MATCH (subject:Plan) WHERE $industry IS NOT NULL AND subject.name CONTAINS $industry
  MATCH (subject)-[:HAS_TARGET]->(t:Target)
  RETURN subject, t
  UNION
  MATCH (subject:Cluster) WHERE $industry IS NOT NULL AND subject.name CONTAINS $industry
  MATCH (subject)-[:HAS_TARGET]->(t:Target)
  RETURN subject, t
  UNION
  MATCH (i:Industry) WHERE $industry IS NOT NULL AND i.name CONTAINS $industry
  MATCH (subject)-[:HAS_TARGET]->(t:Target)
  WHERE subject = i OR (subject)-[:IN_INDUSTRY]->(i)
  RETURN subject, t
  UNION
  MATCH (i:Industry) WHERE $industry IS NOT NULL AND i.name CONTAINS $industry
  MATCH (pl:Plan)-[:CONCERNS]->(i)
  MATCH (t:Target {plan: pl.title})
  MATCH (subject)-[:HAS_TARGET]->(t)
  RETURN subject, t
}
OPTIONAL MATCH (subject)-[:IN_INDUSTRY]->(si:Industry)
OPTIONAL MATCH (pl:Plan {title: t.plan})-[:CONCERNS]->(pi:Industry)
WITH subject, t, [subject.name, si.name, pi.name] AS related
WHERE ($industry IS NULL OR any(x IN related WHERE x CONTAINS $industry))
  AND ($plan IS NULL OR t.plan CONTAINS $plan)
  AND ($baselines OR t.baseline IS NULL)
CALL (t) {
  UNWIND coalesce(t.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN subject.name AS subject, t.metric AS metric, t.value AS value, t.unit AS unit,
       t.year AS year, evidence, t.value_min AS value_min, t.object AS object,
       t.series AS series, coalesce(t.baseline, false) AS baseline
ORDER BY year, subject, metric, value
SKIP $offset LIMIT $limit
