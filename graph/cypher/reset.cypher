// Delete every relationship, in batches, before the nodes (see reset_nodes.cypher): a
// hub's DETACH DELETE takes all its relationships into one transaction, and a node named
// in thousands of documents overran the 1.4 GiB transaction memory pool of a 2 GB heap.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
