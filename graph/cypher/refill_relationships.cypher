// The relationships' counterpart of refill_nodes.cypher.
UNWIND $claims AS claim
WITH claim, split(claim, $sep) AS key
MATCH (:Node {id: key[0]})-[r]->(:Node {id: key[2]})
WHERE type(r) = key[1] AND size(r.evidence) < $k AND size(r.evidence) < r.evidence_count
MATCH (x:Document)
WHERE NOT x.id IN $group AND claim IN x.stated
WITH r, x, head([j IN range(0, size(x.stated) - 1) WHERE x.stated[j] = claim]) AS j
UNWIND [e IN split(x.stated_evidence[j], $sep)[1..] WHERE e <> ''] AS e
WITH r, e ORDER BY e
WITH r, collect(e)[..$k] AS sample
SET r.evidence = sample
