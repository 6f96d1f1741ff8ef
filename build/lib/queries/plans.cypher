// name: plans
// description: Every plan with the document that publishes it, its issuer, date and period.
// params: []
// columns: [plan, document, issued_by, issued_on, period]
// example: {}
MATCH (d:Document)-[:PUBLISHES]->(p:Plan)
OPTIONAL MATCH (d)-[:ISSUED_BY]->(issuer)
RETURN p.title AS plan, d.title AS document, issuer.name AS issued_by,
       d.issued_on AS issued_on, p.period AS period
ORDER BY issued_on, plan
SKIP $offset LIMIT $limit
