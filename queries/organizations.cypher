// name: organizations
// description: >-
//   Organisations, optionally filtered by the industry they are active in, their type
//   (Enterprise, University, ResearchInstitute, Platform, Department) and their city.
// params:
//   - {name: industry, type: string, required: false, description: "words of an industry or cluster name, e.g. 机器人"}
//   - {name: type, type: string, required: false, description: "Enterprise, University, ResearchInstitute, Platform or Department"}
//   - {name: city, type: string, required: false, description: "a city or county, e.g. 哈尔滨"}
// columns: [name, type, city, industries]
// example: {industry: 机器人, type: Enterprise}
CALL () {
  // With an industry, start from the industries and clusters it names (few) rather than
  // from every organisation (a scan that grows with the graph).
  MATCH (i:Industry) WHERE $industry IS NOT NULL AND i.name CONTAINS $industry
  MATCH (o:Organization)-[:ACTIVE_IN]->(i)
  RETURN o
  UNION
  MATCH (c:Cluster) WHERE $industry IS NOT NULL AND c.name CONTAINS $industry
  MATCH (o:Organization)-[:ACTIVE_IN]->(:Industry)<-[:IN_INDUSTRY]-(c)
  RETURN o
  UNION
  MATCH (o:Organization) WHERE $industry IS NULL
  RETURN o
}
WITH o WHERE $type IS NULL OR $type IN labels(o)
OPTIONAL MATCH (o)-[:ACTIVE_IN]->(i:Industry)
WITH o, i ORDER BY i.name
WITH o, collect(DISTINCT i.name) AS industries
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place:Place)
WITH o, industries, place ORDER BY place.name
WITH o, industries, collect(DISTINCT place.name) AS places
WHERE $city IS NULL OR any(name IN places WHERE name CONTAINS $city)
   OR EXISTS {
     MATCH (o)-[:LOCATED_IN]->(:Place)-[:PART_OF*1..3]->(up:Place) WHERE up.name CONTAINS $city
   }
RETURN o.name AS name,
       [l IN labels(o) WHERE NOT l IN ['Node', 'Organization']][0] AS type,
       head([p IN places WHERE p <> '中国']) AS city,
       industries
ORDER BY type, name
SKIP $offset LIMIT $limit
