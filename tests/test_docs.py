"""Docs that cannot drift: the README's CLI and settings tables, the schema and the
record docs are compared with the code they describe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from ingest.batch import extract_paths
from ingest.kinds import Label, Rel
from ingest.records import Evidence, NodeRecord, RelationshipRecord
from kg.cli import app
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
RECORDS_MD = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")
MODEL_MD = (ROOT / "docs" / "graph-model.md").read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    nxt = re.search(r"^#{1,3} ", text[start + len(heading) :], re.M)
    return text[start : start + len(heading) + (nxt.start() if nxt else len(text))]


def _commands() -> dict[str, Any]:
    """Every command of the typer app (typer carries its own click: duck-typed)."""
    root: Any = typer.main.get_command(app)
    out: dict[str, Any] = {}
    for name, cmd in root.commands.items():
        if hasattr(cmd, "commands"):
            out.update({f"kg {name} {sub}": c for sub, c in cmd.commands.items()})
        else:
            out[f"kg {name}"] = cmd
    return out


def _cli_rows() -> dict[str, str]:
    rows = {}
    for line in _section(README, "## Command line").splitlines():
        m = re.match(r"\| `(kg [a-z0-9-]+(?: [a-z0-9-]+)?)(?=[ `])[^|]*", line)
        if m:
            name = m.group(1)
            name = " ".join(w for w in name.split() if w == w.lower() and not w.isupper())
            rows[name] = line
    return rows


def test_readme_lists_every_command_and_no_other() -> None:
    commands, rows = _commands(), _cli_rows()
    # A row names "kg neo4j logs" or "kg extract"; strip argument words (PATH, NAME …).
    documented = {
        next((c for c in commands if row_name == c or row_name.startswith(c + " ")), row_name)
        for row_name in rows
    }
    assert documented == set(commands)


def test_readme_rows_name_every_option() -> None:
    rows = _cli_rows()
    for name, cmd in _commands().items():
        row = next(r for n, r in rows.items() if n == name or n.startswith(name + " "))
        for param in cmd.params:
            if param.param_type_name != "option" or param.name == "help":
                continue
            forms = [*param.opts, *param.secondary_opts]
            assert any(re.search(rf"{re.escape(f)}\b", row) for f in forms), (
                f"`{name}` row lacks {forms[-1]}"
            )


def test_readme_settings_table_matches_the_settings_class() -> None:
    table = _section(README, "### Settings")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    fields = {f.alias for f in Settings.model_fields.values() if f.alias}
    assert documented == fields


def test_schema_has_a_uniqueness_constraint_per_label() -> None:
    schema = (ROOT / "graph" / "schema.cypher").read_text(encoding="utf-8")
    constrained = set(re.findall(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", schema))
    assert {str(label) for label in Label} <= constrained
    assert constrained - {str(label) for label in Label} <= {"Node", "Organization"}


def test_graph_model_doc_names_every_label_and_relationship() -> None:
    for label in Label:
        assert re.search(rf"\b{label}\b", MODEL_MD), label
    for rel in Rel:
        assert re.search(rf"\b{rel}\b", MODEL_MD), rel


def test_records_doc_names_every_record_field() -> None:
    table = _section(RECORDS_MD, "| field | meaning |")
    for model in (NodeRecord, RelationshipRecord, Evidence):
        for field in model.model_fields:
            assert f"`{field}`" in table, f"{model.__name__}.{field}"


def test_every_property_the_extractor_writes_is_documented() -> None:
    """Run the extractor on the seeds and our documents; every node property it writes
    is named in docs/records.md and in docs/graph-model.md for that label."""
    run = extract_paths([ROOT / "seeds", *sorted((ROOT / "tests" / "data").glob("*.txt"))])
    seen: dict[str, set[str]] = {}
    for _src, records in run.documents():
        for rec in records:
            if isinstance(rec, NodeRecord):
                seen.setdefault(rec.label, set()).update(rec.properties)
    props_cell = next(line for line in RECORDS_MD.splitlines() if line.startswith("| `properties`"))
    for label, props in seen.items():
        model_row = next(
            line for line in MODEL_MD.splitlines() if line.startswith("| ") and label in line
        )
        label_part = re.search(rf"{label} `([^`]*)`", props_cell)
        for prop in props:
            assert label_part and prop in label_part.group(1), f"records.md: {label}.{prop}"
            assert prop in model_row, f"graph-model.md: {label}.{prop}"
