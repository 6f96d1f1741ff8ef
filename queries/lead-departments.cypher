// name: lead-departments
// description: >-
//   Departments (and other units) that lead or assist tasks about a topic, and those that
//   lead or assist a whole plan about it (全省X产业由省发展改革委牵头; 办公室设在省科技厅).
//   The topic matches a cluster or industry the task or plan concerns (by name or alias,
//   e.g. 石墨 finds the 鸡西-鹤岗石墨新材料产业集群 tasks), the words of the task, or the
//   plan's title. scope is 'plan' for a whole plan (task is then empty), else 'task'.
// params:
//   - {name: topic, type: string, required: true, description: "cluster, industry or task words, e.g. 石墨"}
// columns: [department, role, task, plan, evidence, scope]
// example: {topic: 石墨}
CALL () {
  MATCH (t:Task)
  WHERE t.text CONTAINS $topic OR t.section CONTAINS $topic
     OR EXISTS {
       MATCH (t)-[:CONCERNS]->(c:Cluster|Industry)
       WHERE c.name CONTAINS $topic OR any(a IN c.aliases WHERE a CONTAINS $topic)
     }
  MATCH (unit)-[r:LEADS|ASSISTS]->(t)
  OPTIONAL MATCH (p:Plan)-[:HAS_TASK]->(t)
  RETURN unit, r, t.text AS task, p.title AS plan, 'task' AS scope
  UNION
  MATCH (p:Plan)
  WHERE p.title CONTAINS $topic
     OR EXISTS {
       MATCH (p)-[:CONCERNS]->(i:Industry)
       WHERE i.name CONTAINS $topic OR any(a IN i.aliases WHERE a CONTAINS $topic)
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
