"""The lexicon: data files in, one immutable object out, no global jieba state."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from ingest.lexicon import (
    NAME_FREQ,
    PACKAGED,
    LexiconError,
    build,
    load_lexicon,
    named_words,
)
from ingest.mentions import MentionContext, find_mentions

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_is_described_in_the_data_readme() -> None:
    readme = (PACKAGED / "README.md").read_text(encoding="utf-8")
    files = [p.relative_to(PACKAGED).as_posix() for p in PACKAGED.rglob("*") if p.is_file()]
    for name in files:
        if name == "README.md":
            continue
        assert f"`{name}`" in readme, name


def test_every_data_file_has_a_header_comment() -> None:
    for path in PACKAGED.rglob("*"):
        if path.suffix in (".tsv", ".txt"):
            assert path.read_text(encoding="utf-8").startswith("#"), path


def test_places_are_the_generated_division_table() -> None:
    from tools.build_places import OUT
    from tools.build_places import build as build_places

    assert OUT.read_text(encoding="utf-8") == build_places()


@pytest.mark.parametrize(
    ("surface", "city", "province", "expected"),
    [
        ("朝阳区", "北京市", "北京市", "北京市朝阳区"),
        ("朝阳区", "长春市", "吉林省", "长春市朝阳区"),
        ("朝阳区", None, None, None),  # two districts share the name: no guess
        ("吉林", None, None, "吉林省"),  # the province outranks the city of the same form
        ("通州", "北京市", "北京市", "北京市通州区"),  # a bare district form, by jurisdiction
        ("唐山", None, None, "唐山市"),
        ("襄樊市", None, None, "襄阳市"),  # a former name
        ("雄安新区", None, None, "雄安新区"),  # a new area from places_extra.tsv
    ],
)
def test_places_resolve_by_jurisdiction(
    surface: str, city: str | None, province: str | None, expected: str | None
) -> None:
    assert load_lexicon().resolve_place(surface, city, province) == expected


def test_loading_a_lexicon_leaves_jiebas_global_dictionary_alone() -> None:
    jieba.initialize()
    before = dict(jieba.dt.FREQ)
    build([PACKAGED])
    assert before == jieba.dt.FREQ


#: jieba-rs keeps a run of Latin letters and digits joined by - _ . whole (2023-2025,
#: GB50156-2021) where jieba cuts at the joiner: the one known difference.
JOINED_ASCII = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+")


def _bounds(tokens: list[str]) -> set[int]:
    out, pos = set(), 0
    for tok in tokens:
        pos += len(tok)
        out.add(pos)
    return out


def test_segmentation_is_jiebas_on_the_corpus() -> None:
    """The lexicon segments with jieba-rs; jieba's own tokenizer, taught the same names,
    cuts every line of the annotated real documents and the seeds at the same places
    (but inside joined Latin runs)."""
    lx = load_lexicon()
    reference = jieba.Tokenizer()
    reference.initialize()
    for word, tag in named_words(lx.places, lx.departments, lx.stems, lx.organizations):
        reference.add_word(word, freq=NAME_FREQ, tag=tag)
    root = Path(__file__).resolve().parents[2]
    lines = {
        line
        for path in [*(root / "tests/data/real").glob("*.txt"), *(root / "seeds").glob("*.txt")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert len(lines) > 1500
    compared = 0
    for line in sorted(lines):
        ours, theirs = _bounds(lx.cut(line)), _bounds(list(reference.cut(line)))
        joined = {pos for m in JOINED_ASCII.finditer(line) for pos in range(m.start() + 1, m.end())}
        assert ours - joined == theirs - joined, line
        compared += len(ours)
    assert compared > 50_000


def test_an_extra_folder_adds_rows(tmp_path: Path) -> None:
    (tmp_path / "organizations.tsv").write_text(
        "# canonical\ttype\taliases\n星河量子科技有限公司\tEnterprise\t星河量子\n", encoding="utf-8"
    )
    lx = load_lexicon(tmp_path)
    assert lx.organizations["星河量子"] == ("星河量子科技有限公司", "Enterprise")
    found = find_mentions(MentionContext(lx), "支持星河量子做大做强。", 0)
    assert [(m.surface, m.name) for m in found] == [("星河量子", "星河量子科技有限公司")]
    assert "星河量子" not in load_lexicon().organizations


def test_a_bad_data_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "organizations.tsv").write_text("甲公司\tCompany\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape("organizations.tsv")):
        build([PACKAGED, tmp_path])
    with pytest.raises(LexiconError, match="not found"):
        build([PACKAGED, tmp_path / "missing"])
