// name: department-tasks
// description: >-
//   The tasks a department leads or assists, with the plan and the source sentence. The
//   department is found by full name, by any alias (省发改委), or by the full-text index.
// params:
//   - {name: department, type: string, required: true, description: "a department's name or short form, e.g. 省发改委", fulltext: true}
// columns: [task, role, plan, evidence]
// example: {department: 省发改委}
CALL () {
  MATCH (n:Department) WHERE n.name = $department OR $department IN n.aliases
  RETURN n, 1000.0 AS score
  UNION
  WITH $department_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
  WITH node AS n, score WHERE n:Department
  RETURN n, score
}
WITH n ORDER BY score DESC LIMIT 1
MATCH (n)-[r:LEADS|ASSISTS]->(t:Task)
OPTIONAL MATCH (p:Plan)-[:HAS_TASK]->(t)
CALL (r) {
  UNWIND coalesce(r.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN t.text AS task, CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'assist' END AS role,
       p.title AS plan, evidence
ORDER BY role DESC, plan, task
SKIP $offset LIMIT $limit
