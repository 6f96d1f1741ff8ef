// name: targets
// description: >-
//   Numeric targets (到2018年…销售收入超过530亿元) with their subject, optionally filtered by
//   industry (the subject, its industry, or the industry of its plan) or plan title. A
//   series (产量逐年增加至2万台、3万台和5万台) is one row per year with its position; a range
//   (每年举办2至4场国际性赛事) has value_min and the object counted. Baselines (2017年产量约
//   1.2万台) are the state a plan starts from and are returned only with baselines=true.
// params:
//   - {name: industry, type: string, required: false, description: "words of an industry or cluster name, e.g. 石墨", fulltext: true}
//   - {name: plan, type: string, required: false, description: "words of a plan title, e.g. 汉麻"}
//   - {name: baselines, type: boolean, required: false, default: false, description: "also return baselines (marked in the baseline column)"}
// columns: [subject, metric, value, unit, year, evidence, value_min, object, series, baseline]
// example: {industry: 石墨}
CALL () {
  // Without an industry: every target (a listing, paged).
  WITH 1 AS one WHERE $industry IS NULL
  MATCH (subject)-[:HAS_TARGET]->(t:Target)
  RETURN subject, t
  UNION
  // With one, start from the plans, clusters and industries it names (few), not from
  // every target; the filter below still decides. Two or more ideographs: the full-text
  // index (CJK bigrams) holds every name that contains them, CONTAINS keeps the exact
  // ones; any other words are read against every plan, cluster and industry.
  CALL () {
    WITH $industry_ft AS ft
    WHERE size($industry) >= 2 AND all(ch IN split($industry, '') WHERE '一' <= ch <= '鿿')
    CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node
    WITH node AS h
    WHERE (h:Plan OR h:Cluster OR h:Industry) AND h.name CONTAINS $industry
    RETURN h
    UNION
    WITH 1 AS one
    WHERE $industry IS NOT NULL
      AND NOT (size($industry) >= 2 AND all(ch IN split($industry, '') WHERE '一' <= ch <= '鿿'))
    MATCH (h:Plan|Cluster|Industry) WHERE h.name CONTAINS $industry
    RETURN h
  }
  CALL (h) {
    MATCH (h)-[:HAS_TARGET]->(t:Target)
    RETURN h AS subject, t
    UNION
    MATCH (subject)-[:IN_INDUSTRY]->(h:Industry)
    MATCH (subject)-[:HAS_TARGET]->(t:Target)
    RETURN subject, t
    UNION
    MATCH (pl:Plan)-[:CONCERNS]->(h:Industry)
    MATCH (t:Target {plan: pl.title})
    MATCH (subject)-[:HAS_TARGET]->(t)
    RETURN subject, t
  }
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
