// name: lead-departments
// description: >-
//   Departments (and other units) that lead or assist tasks about a topic. The topic
//   matches a cluster or industry the task concerns (by name or alias, e.g. 石墨 finds
//   the 鸡西-鹤岗石墨新材料产业集群 tasks) or the words of the task itself.
// params:
//   - {name: topic, type: string, required: true, description: "cluster, industry or task words, e.g. 石墨"}
// columns: [department, role, task, plan, evidence]
// example: {topic: 石墨}
MATCH (t:Task)
WHERE t.text CONTAINS $topic OR t.section CONTAINS $topic
   OR EXISTS {
     MATCH (t)-[:CONCERNS]->(c:Cluster|Industry)
     WHERE c.name CONTAINS $topic OR any(a IN c.aliases WHERE a CONTAINS $topic)
   }
MATCH (unit)-[r:LEADS|ASSISTS]->(t)
OPTIONAL MATCH (p:Plan)-[:HAS_TASK]->(t)
CALL (r) {
  UNWIND coalesce(r.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN unit.name AS department,
       CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'assist' END AS role,
       t.text AS task, p.title AS plan, evidence
ORDER BY role DESC, department, task
SKIP $offset LIMIT $limit
