// name: search
// description: >-
//   Full-text search (CJK-aware) over the names and aliases of every entity.
// params:
//   - {name: q, type: string, required: true, description: "words to look for, e.g. 石墨", fulltext: true}
// columns: [name, type, score]
// example: {q: 石墨}
WITH $q_ft AS ft WHERE ft <> ''
  CALL db.index.fulltext.queryNodes('entity_names', ft) YIELD node, score
RETURN node.name AS name,
       [l IN labels(node) WHERE NOT l IN ['Node', 'Organization']][0] AS type,
       score
ORDER BY score DESC, name
SKIP $offset LIMIT $limit
