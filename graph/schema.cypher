// Schema, created idempotently by `kg schema` and `kg load`. One statement per line
// group, separated by semicolons. Labels here are the graph model's (docs/graph-model.md).
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT industry_id IF NOT EXISTS FOR (n:Industry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT university_id IF NOT EXISTS FOR (n:University) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT research_institute_id IF NOT EXISTS FOR (n:ResearchInstitute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (n:Passage) REQUIRE n.id IS UNIQUE;
// Names and aliases of every entity label, CJK-aware (哈工大 finds 哈尔滨工业大学 through
// its aliases). Full-text indexes take string properties only, so the aliases list is
// mirrored into the string `alias_text`.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Enterprise|University|ResearchInstitute|Platform|Department|Place|Project|Industry|Cluster|Plan)
ON EACH [n.name, n.alias_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX task_text IF NOT EXISTS FOR (n:Task) ON EACH [n.text, n.section]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// Properties the curated queries filter on.
CREATE INDEX node_name IF NOT EXISTS FOR (n:Node) ON (n.name);
CREATE INDEX place_level IF NOT EXISTS FOR (n:Place) ON (n.level);
CREATE INDEX target_year IF NOT EXISTS FOR (n:Target) ON (n.year);
CREATE INDEX passage_doc IF NOT EXISTS FOR (n:Passage) ON (n.doc);
CREATE INDEX document_sha IF NOT EXISTS FOR (n:Document) ON (n.sha256);
CREATE INDEX plan_title IF NOT EXISTS FOR (n:Plan) ON (n.title);
CREATE INDEX target_plan IF NOT EXISTS FOR (n:Target) ON (n.plan);
