"""The lexicon: data files in, one immutable object out, no global jieba state."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from ingest.lexicon import PACKAGED, LexiconError, build, load_lexicon
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
