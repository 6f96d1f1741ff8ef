// name: lead-departments
// description: >-
//   Departments (and other units) that lead or assist tasks about a topic, and those that
//   lead or assist a whole plan about it (全省X产业由省发展改革委牵头; 办公室设在省科技厅).
//   The topic matches a cluster or industry the task or plan concerns (by name or alias,
//   e.g. 石墨 finds the 鸡西-鹤岗石墨新材料产业集群 tasks), the words of the task, or the
//   plan's title. scope is 'plan' for a whole plan (task is then empty), else 'task'.
// params:
//   - {name: topic, type: string, required: true, description: "cluster, industry or task words, e.g. 石墨", fulltext: true}
// columns: [department, role, task, plan, evidence, scope]
// example: {topic: 石墨}
CALL () {
  // The clusters and industries the topic names. Two or more ideographs: the full-text
  // index (CJK bigrams) holds every name and alias that contains them, and CONTAINS keeps
  // the exact ones; any other topic (one character, Latin letters) is read against all.
  WITH $topic_ft AS ft
  WHERE size($topic) >= 2 AND all(ch IN split($topic, '') WHERE '一' <= ch <= '鿿')
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node
  WITH node AS c
  WHERE (c:Cluster OR c:Industry)
    AND (c.name CONTAINS $topic OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $topic))
  RETURN c
  UNION
  WITH 1 AS one
  WHERE NOT (size($topic) >= 2 AND all(ch IN split($topic, '') WHERE '一' <= ch <= '鿿'))
  MATCH (c:Cluster|Industry)
  WHERE c.name CONTAINS $topic OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $topic)
  RETURN c
}
WITH collect(c) AS named
CALL (named) {
  // Tasks about the topic: by their words (the task_text full-text index, the same way),
  // or by a cluster or industry they concern.
  CALL (named) {
    WITH $topic_ft AS ft
    WHERE size($topic) >= 2 AND all(ch IN split($topic, '') WHERE '一' <= ch <= '鿿')
    CALL db.index.fulltext.queryNodes('task_text', ft) YIELD node
    WITH node AS t WHERE t.text CONTAINS $topic OR t.section CONTAINS $topic
    RETURN t
    UNION
    WITH 1 AS one
    WHERE NOT (size($topic) >= 2 AND all(ch IN split($topic, '') WHERE '一' <= ch <= '鿿'))
    MATCH (t:Task) WHERE t.text CONTAINS $topic OR t.section CONTAINS $topic
    RETURN t
    UNION
    UNWIND named AS c
    MATCH (t:Task)-[:CONCERNS]->(c)
    RETURN t
  }
  MATCH (unit)-[r:LEADS|ASSISTS]->(t)
  OPTIONAL MATCH (p:Plan)-[:HAS_TASK]->(t)
  RETURN unit, r, t.text AS task, p.title AS plan, 'task' AS scope
  UNION
  // Whole plans about the topic: by title (plans are few), or by an industry they concern.
  CALL (named) {
    MATCH (p:Plan) WHERE p.title CONTAINS $topic
    RETURN p
    UNION
    UNWIND named AS i
    MATCH (p:Plan)-[:CONCERNS]->(i:Industry)
    RETURN p
  }
  MATCH (unit)-[r:LEADS|ASSISTS]->(p)
  RETURN unit, r, null AS task, p.title AS plan, 'plan' AS scope
}
CALL (r) {
  UNWIND coalesce(r.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN unit.name AS department,
       CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'assist' END AS role,
       task, plan, evidence, scope
ORDER BY scope, role DESC, department, task
SKIP $offset LIMIT $limit
