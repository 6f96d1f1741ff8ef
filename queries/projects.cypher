// name: projects
// description: >-
//   Projects with the organisations that undertake them, their industry and plan,
//   optionally filtered by industry, organisation (name or alias) or city.
// params:
//   - {name: industry, type: string, required: false, description: "words of an industry name, e.g. 营养配方食品"}
//   - {name: organization, type: string, required: false, description: "an organisation's name or short form"}
//   - {name: city, type: string, required: false, description: "a city or county, e.g. 大庆"}
// columns: [project, organizations, industry, plan, evidence]
// example: {industry: 营养配方食品}
CALL () {
  // With an industry, start from the industries it names (few) rather than from every
  // project; the filter below still decides (on the project's first industry, as before).
  MATCH (i:Industry) WHERE $industry IS NOT NULL AND i.name CONTAINS $industry
  MATCH (pr:Project)-[:IN_INDUSTRY]->(i)
  RETURN pr
  UNION
  MATCH (pr:Project) WHERE $industry IS NULL
  RETURN pr
}
OPTIONAL MATCH (o)-[:UNDERTAKES]->(pr)
OPTIONAL MATCH (pr)-[:IN_INDUSTRY]->(i:Industry)
OPTIONAL MATCH (pl:Plan)-[inc:INCLUDES]->(pr)
WITH pr, o, i, pl, inc ORDER BY o.name, i.name, pl.title
WITH pr, collect(DISTINCT o) AS orgs, head(collect(DISTINCT i.name)) AS industry,
     head(collect(DISTINCT pl.title)) AS plan, head(collect(inc)) AS inc
WHERE ($industry IS NULL OR industry CONTAINS $industry)
  AND ($organization IS NULL OR any(o IN orgs WHERE o.name CONTAINS $organization
        OR $organization IN o.aliases) OR pr.name CONTAINS $organization)
  AND ($city IS NULL OR EXISTS {
        MATCH (pr)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(c:Place) WHERE c.name CONTAINS $city
      } OR any(o IN orgs WHERE EXISTS {
        MATCH (o)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(c:Place) WHERE c.name CONTAINS $city
      }))
CALL (pr) {
  UNWIND coalesce(pr.evidence, []) AS pid
  MATCH (s:Passage {id: pid})
  RETURN collect({doc: s.doc, start: s.start, end: s.end, text: s.text}) AS evidence
}
RETURN pr.name AS project, [o IN orgs | o.name] AS organizations, industry, plan, evidence
ORDER BY project
SKIP $offset LIMIT $limit
