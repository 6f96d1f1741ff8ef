// Delete every node, in batches, once reset.cypher has removed the relationships
// (constraints and indexes stay).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
