// Documents written by a kg before evidence samples (they lack their claims): such a
// graph cannot take documents back exactly, and must be reset and loaded again.
MATCH (d:Document)
WHERE d.contributes IS NOT NULL AND d.contributed_evidence IS NULL
RETURN count(d) AS earlier
