// Which of these ids have no node (to name the culprit of a failed relationship write).
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
WITH id, n
WHERE n IS NULL
RETURN collect(id) AS missing
