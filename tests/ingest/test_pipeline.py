"""Extraction on the seeds and on our own documents of the genre (no Neo4j needed)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.batch import extract_paths
from ingest.evaluate import evaluate, load_gold
from ingest.read import read_source
from ingest.records import NodeRecord, Record, RelationshipRecord

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
SEED_2016 = SEEDS / "000_673f5facfc9806a9.txt"


def records_of(*paths: Path) -> list[Record]:
    run = extract_paths(list(paths))
    records = [r for _src, recs in run.documents() for r in recs]
    assert not run.failures
    return records


@pytest.fixture(scope="module")
def seed_records() -> list[Record]:
    return records_of(SEEDS)


@pytest.fixture(scope="module")
def own_records() -> list[Record]:
    return records_of(*sorted(DATA.glob("*.txt")))


def all_evidence(records: list[Record]) -> Iterator[tuple[str, int, int, str]]:
    for rec in records:
        for ev in rec.evidence:
            yield ev.doc, ev.start, ev.end, ev.text


@pytest.mark.parametrize("which", ["seed_records", "own_records"])
def test_every_evidence_span_indexes_the_original(
    which: str, request: pytest.FixtureRequest
) -> None:
    records = request.getfixturevalue(which)
    texts = {p.stem: read_source(p).text for p in [*SEEDS.glob("*.txt"), *DATA.glob("*.txt")]}
    spans = list(all_evidence(records))
    assert len(spans) > 100
    for doc, start, end, text in spans:
        assert texts[doc][start:end] == text


def test_every_relationship_has_evidence(seed_records: list[Record]) -> None:
    rels = [r for r in seed_records if isinstance(r, RelationshipRecord)]
    missing = [r for r in rels if not r.evidence and r.type != "PART_OF"]
    assert rels and not missing


def test_every_annex_row_of_2016_plan_has_its_lead_and_assisting_units() -> None:
    records = records_of(SEED_2016)
    tasks = {r.id: r for r in records if isinstance(r, NodeRecord) and r.label == "Task"}
    numbered = {r.properties["number"]: r.id for r in tasks.values() if "number" in r.properties}
    assert sorted(int(n) for n in numbered) == list(range(1, 34))
    leads = {r.end for r in records if isinstance(r, RelationshipRecord) and r.type == "LEADS"}
    assists = {r.end for r in records if isinstance(r, RelationshipRecord) and r.type == "ASSISTS"}
    # Row 30 names only generic collectives (省直有关部门, 各市(地)政府); every other row
    # has a named lead, and every row with a named assisting unit gets it.
    for number, task in numbered.items():
        if number != "30":
            assert task in leads, f"row {number} has no lead"
    for number in ("1", "2", "3", "8", "25", "32"):
        assert numbered[number] in assists, f"row {number} has no assisting unit"


def test_graphite_tasks_are_led_by_jixi_and_hegang(seed_records: list[Record]) -> None:
    nodes = {r.id: r for r in seed_records if isinstance(r, NodeRecord)}
    concerns = {
        r.start
        for r in seed_records
        if isinstance(r, RelationshipRecord) and r.type == "CONCERNS" and "石墨" in r.end
    }
    leads = {
        nodes[r.start].name
        for r in seed_records
        if isinstance(r, RelationshipRecord) and r.type == "LEADS" and r.end in concerns
    }
    assert leads == {"鸡西市人民政府", "鹤岗市人民政府"}


def test_short_forms_resolve_to_one_node(seed_records: list[Record]) -> None:
    ids = {r.id: r for r in seed_records if isinstance(r, NodeRecord)}
    assert "哈工大" in ids["University:哈尔滨工业大学"].aliases
    assert "哈药集团" in ids["Enterprise:哈药集团有限公司"].aliases
    assert "省发改委" in ids["Department:黑龙江省发展和改革委员会"].aliases
    assert "Enterprise:哈药集团" not in ids
    assert "Enterprise:蓝谷食品" not in ids  # merged into 黑龙江蓝谷食品有限公司
    assert "蓝谷食品" in ids["Enterprise:黑龙江蓝谷食品有限公司"].aliases


def test_targets_carry_metric_value_unit_year(seed_records: list[Record]) -> None:
    targets = [r for r in seed_records if isinstance(r, NodeRecord) and r.label == "Target"]
    found = {
        (
            t.properties["metric"],
            t.properties["value"],
            t.properties["unit"],
            t.properties.get("year"),
            t.properties.get("comparator"),
        )
        for t in targets
    }
    assert ("销售收入", 530.0, "亿元", 2018, "超过") in found
    assert ("总产值", 110.0, "亿元", 2018, "达到") in found


def test_inline_roles_of_another_province() -> None:
    records = records_of(DATA / "jilin_inline_roles.txt")
    nodes = {r.id: r for r in records if isinstance(r, NodeRecord)}
    roles = {
        (r.type, nodes[r.start].name, nodes[r.end].name)
        for r in records
        if isinstance(r, RelationshipRecord) and r.type in ("LEADS", "ASSISTS")
    }
    assert ("LEADS", "吉林省工业和信息化厅", "壮大整车企业") in roles
    assert ("ASSISTS", "吉林省发展和改革委员会", "壮大整车企业") in roles
    # 责任单位：X、Y，Z is joint responsibility: every unit leads (docs/gold-format.md).
    assert ("LEADS", "吉林省能源局", "推广应用示范") in roles
    assert ("LEADS", "长春市人民政府", "推广应用示范") in roles
    assert not any(name.startswith("黑龙江") for _t, name, _task in roles)


@pytest.mark.parametrize(
    ("records_fixture", "gold_glob", "min_f1", "min_role_recall"),
    [("seed_records", "0*.json", 0.97, 1.0), ("own_records", "[a-z]*.json", 0.95, 0.95)],
)
def test_scores_against_gold(
    records_fixture: str,
    gold_glob: str,
    min_f1: float,
    min_role_recall: float,
    request: pytest.FixtureRequest,
) -> None:
    records = [json.loads(r.model_dump_json()) for r in request.getfixturevalue(records_fixture)]
    gold = [d for p in sorted((DATA / "gold").glob(gold_glob)) for d in load_gold(p)]
    scores = evaluate(records, gold)
    tp = sum(s.tp for k, s in scores.items() if k != "roles")
    fp = sum(s.fp for k, s in scores.items() if k != "roles")
    fn = sum(s.fn for k, s in scores.items() if k != "roles")
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= min_f1, {k: (s.misses, s.false_positives) for k, s in scores.items()}
    assert scores["roles"].recall >= min_role_recall, scores["roles"].misses
    assert scores["roles"].precision >= 0.95, scores["roles"].false_positives


REAL = DATA / "real"
#: Floors for the real development documents (issue 11), set just under the measured
#: totals on 18 documents (all entity types F1 0.887; the six organisation and place
#: types F1 0.921; role recall 0.967, precision 0.941): a change that loses ground fails CI.
REAL_FLOORS = {"entity_f1": 0.875, "six_f1": 0.91, "role_recall": 0.95, "role_precision": 0.93}
SIX = ("Enterprise", "University", "ResearchInstitute", "Department", "Place", "Platform")


@pytest.fixture(scope="module")
def real_records() -> list[Record]:
    return records_of(*sorted(REAL.glob("*.txt")))


def test_real_documents_stay_above_their_floors(real_records: list[Record]) -> None:
    records = [json.loads(r.model_dump_json()) for r in real_records]
    gold = [d for p in sorted((REAL / "gold").glob("*.json")) for d in load_gold(p)]
    assert len(gold) >= 15
    scores = evaluate(records, gold)
    tp = sum(s.tp for k, s in scores.items() if k != "roles")
    fp = sum(s.fp for k, s in scores.items() if k != "roles")
    fn = sum(s.fn for k, s in scores.items() if k != "roles")
    assert 2 * tp / (2 * tp + fp + fn) >= REAL_FLOORS["entity_f1"]
    tp, fp, fn = (sum(getattr(scores[k], f) for k in SIX) for f in ("tp", "fp", "fn"))
    assert 2 * tp / (2 * tp + fp + fn) >= REAL_FLOORS["six_f1"]
    assert scores["roles"].recall >= REAL_FLOORS["role_recall"]
    assert scores["roles"].precision >= REAL_FLOORS["role_precision"]


def run_extract(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", *args], capture_output=True, check=False
    )


def test_cli_output_is_byte_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run_extract(str(SEEDS), "-o", str(a)).returncode == 0
    assert run_extract(str(SEEDS), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    # one process or several: the same bytes in the same order
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_extract(str(SEEDS), str(DATA), "--jobs", "1", "-o", str(one)).returncode == 0
    assert run_extract(str(SEEDS), str(DATA), "--jobs", "2", "-o", str(two)).returncode == 0
    assert one.read_bytes() == two.read_bytes()
    first = json.loads(a.read_text(encoding="utf-8").splitlines()[0])
    assert first["kind"] in ("node", "relationship")


def test_cli_reports_bad_files_and_keeps_the_good(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "good.txt").write_bytes((DATA / "sichuan_key_lists.txt").read_bytes())
    result = run_extract(str(tmp_path))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "Traceback" not in err
    lines = result.stdout.decode("utf-8").splitlines()
    assert any('"五粮液' in line or "宜宾五粮液" in line for line in lines)


def test_collaborations_need_a_connector_and_a_verb_outside_names(tmp_path: Path) -> None:
    doc = tmp_path / "collab.txt"
    doc.write_text(
        "黑龙江省测试产业三年行动计划（2019-2021年）\n\n　　一、重点任务\n"
        "　　（一）依托哈尔滨工程大学与哈尔滨大元锦泰科技股份有限公司，合作开发智能系统。\n"
        "　　（二）发挥哈尔滨医科大学和黑龙江双兰星国家地方联合工程研究中心作用。\n"
        "　　（三）重点企业：飞鹤、完达山等企业。重点项目：飞鹤奶山羊乳品加工项目。\n",
        encoding="utf-8",
    )
    records = records_of(doc)
    collab = {
        (r.start, r.end)
        for r in records
        if isinstance(r, RelationshipRecord) and r.type == "COLLABORATES_WITH"
    }
    assert collab == {("University:哈尔滨工程大学", "Enterprise:哈尔滨大元锦泰科技股份有限公司")}
    undertakes = {
        (r.start, r.end)
        for r in records
        if isinstance(r, RelationshipRecord) and r.type == "UNDERTAKES"
    }
    assert ("Enterprise:飞鹤", "Project:飞鹤奶山羊乳品加工项目") in undertakes


def test_task_texts_do_not_start_with_half_a_heading_number(real_records: list[Record]) -> None:
    """（九）加强… : the task is 加强…, not 九）加强… (the bracket was trimmed, the label kept)."""
    broken = re.compile(r"(?:^| )[一二三四五六七八九十]+[)）]")
    tasks = [r for r in real_records if isinstance(r, NodeRecord) and r.label == "Task"]
    assert tasks
    bad = [t.properties.get("text") for t in tasks if broken.search(str(t.properties.get("text")))]
    assert not bad, bad[:3]


def test_a_pool_reports_bad_files_in_order_and_keeps_the_good(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(
        (DATA / "jilin_inline_roles.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01PK" * 40)
    (tmp_path / "d_good.txt").write_text(
        (SEEDS / "003_ec0b261d45e78342.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    runs = [extract_paths([tmp_path], jobs=jobs) for jobs in (1, 2)]
    outputs = [[(src.doc_id, len(recs)) for src, recs in run.documents()] for run in runs]
    assert outputs[0] == outputs[1]
    assert [doc for doc, _n in outputs[1]] == ["a_good", "d_good"]
    assert [Path(f.path).name for f in runs[1].failures] == ["b_empty.txt", "c_binary.txt"]


def test_ray_gives_the_bytes_of_kg_extract(tmp_path: Path) -> None:
    """`kg extract --ray` on a local Ray cluster of two CPUs: byte-identical records and the
    same failure lines as one process, in the files' order."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted(DATA.glob("*.txt"))[:3]]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "aa_empty.txt").write_bytes(b"")
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    plain, ray = tmp_path / "plain.jsonl", tmp_path / "ray.jsonl"
    one = run_extract(str(folder), "--jobs", "1", "-o", str(plain))
    on_ray = run_extract(str(folder), "--ray", "--jobs", "2", "-o", str(ray))
    assert one.returncode == on_ray.returncode == 2, on_ray.stderr.decode("utf-8")[-2000:]
    assert plain.read_bytes() == ray.read_bytes()
    assert len(plain.read_bytes().splitlines()) > 1000

    def skipped(result: subprocess.CompletedProcess[bytes]) -> list[str]:
        text = result.stderr.decode("utf-8")
        return [ln for ln in text.splitlines() if re.match(r"skipped |\d+ records from", ln)]

    assert skipped(on_ray) == skipped(one)
    assert "aa_empty.txt" in skipped(one)[0] and "zz_binary.txt" in skipped(one)[1]
