// name: department-tasks
// description: >-
//   The tasks a department or any other unit (an enterprise, a university, a utility
//   named in a 牵头单位 cell) leads or assists, and the whole plans it leads, with the
//   plan and the source sentence. The unit is found by full name, by any alias
//   (省发改委), or by the full-text index. scope is 'plan' for a whole plan, else 'task'.
// params:
//   - {name: department, type: string, required: true, description: "a department's or other unit's name or short form, e.g. 省发改委", fulltext: true}
// columns: [task, role, plan, evidence, scope, unit]
// example: {department: 省发改委}
CALL () {
  // An exact name by the name index, an exact alias among the full-text hits (a list
  // property has no index: `$department IN n.aliases` over every node grew with the graph).
  MATCH (n:Node {name: $department}) WHERE n:Organization
  RETURN n, CASE WHEN n:Department THEN 1001.0 ELSE 1000.0 END AS score
  UNION
  WITH $department_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  WITH node AS n, score WHERE n:Organization
  WITH n, CASE WHEN NOT $department IN n.aliases THEN score
               WHEN n:Department THEN 1001.0 ELSE 1000.0 END AS score
  WHERE score >= 1000.0 OR EXISTS { (n)-[:LEADS|ASSISTS]->() }
  RETURN n, score
}
WITH n ORDER BY score DESC LIMIT 1
CALL (n) {
  MATCH (n)-[r:LEADS|ASSISTS]->(t:Task)
  OPTIONAL MATCH (p:Plan)-[:HAS_TASK]->(t)
  RETURN r, t.text AS task, p.title AS plan, 'task' AS scope
  UNION
  MATCH (n)-[r:LEADS|ASSISTS]->(p:Plan)
  RETURN r, null AS task, p.title AS plan, 'plan' AS scope
}
CALL (r) {
  UNWIND coalesce(r.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN task, CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'assist' END AS role,
       plan, evidence, scope, n.name AS unit
ORDER BY scope, role DESC, plan, task
SKIP $offset LIMIT $limit
