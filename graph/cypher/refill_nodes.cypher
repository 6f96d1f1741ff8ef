// After a document's statements are taken back: a node whose evidence sample lost
// passages while other documents still hold more takes the $k smallest of theirs again,
// so the sample never depends on the order of loading. Rare (the document's passages had
// to be among the node's $k smallest), and the only statement that reads other Documents.
UNWIND $ids AS nid
MATCH (n:Node {id: nid})
WHERE size(n.evidence) < $k AND size(n.evidence) < n.evidence_count
MATCH (x:Document)
WHERE NOT x.id IN $group AND nid IN x.contributes
WITH n, x, head([j IN range(0, size(x.contributes) - 1) WHERE x.contributes[j] = nid]) AS j
UNWIND [e IN split(x.contributed_evidence[j], $sep)[1..] WHERE e <> ''] AS e
WITH n, e ORDER BY e
WITH n, collect(e)[..$k] AS sample
SET n.evidence = sample
