"""Resolution: jurisdiction, （以下简称） definitions, places in names, short forms."""

from __future__ import annotations

import pytest

from ingest.kinds import Label
from ingest.lexicon import load_lexicon
from ingest.read import SourceText, normalise
from ingest.resolve import definitions, jurisdiction, place_chain, places_in
from ingest.structure import parse


@pytest.mark.parametrize(
    ("head", "province", "city", "county", "central"),
    [
        ("黑龙江省人民政府办公厅\n2016年1月13日\n", "黑龙江省", None, None, False),
        ("哈尔滨市人民政府办公厅\n2021年7月15日\n", "黑龙江省", "哈尔滨市", None, False),
        (
            "北京市人民政府关于印发《x规划》的通知\n京政发〔2022〕10号\n",
            "北京市",
            "北京市",
            None,
            False,
        ),
        ("北京市大兴区人民政府\n2024年3月25日\n", "北京市", "北京市", "大兴区", False),
        (
            "中共柳河县委 柳河县人民政府\n关于支持重点产业加快发展的实施意见\n",
            "吉林省",
            "通化市",
            "柳河县",
            False,
        ),
        ("国务院关于加快推进农业机械化的指导意见\n国发〔2018〕42号\n", None, None, None, True),
    ],
)
def test_jurisdiction(
    head: str, province: str | None, city: str | None, county: str | None, central: bool
) -> None:
    where = jurisdiction(parse(normalise(head + "正文。\n"), load_lexicon()), load_lexicon())
    assert (where.province, where.city, where.county, where.central) == (
        province,
        city,
        county,
        central,
    )


def test_place_chain_resolves_shared_names_inside_the_chain() -> None:
    # A shared name's canonical form carries its city: one step covers both.
    assert place_chain("北京市朝阳区人民政府", load_lexicon()) == ["北京市朝阳区"]
    assert place_chain("长春市朝阳区人民政府", load_lexicon()) == ["长春市朝阳区"]
    assert place_chain("北京市大兴区人民政府", load_lexicon()) == ["北京市", "大兴区"]


def test_definitions_map_a_short_form_to_the_name_before_it() -> None:
    text = "支持中国第一汽车集团有限公司（以下简称一汽集团）加快发展。"
    src = SourceText("d", "d.txt", text, "0", "utf-8")
    assert definitions(src, load_lexicon()) == {
        "一汽集团": ("中国第一汽车集团有限公司", Label.ENTERPRISE)
    }


def test_definitions_in_traditional_script() -> None:
    # The pre-pass reads 簡稱 lines too: a repost in traditional script defines its forms.
    text = "第一行。\n支持中國第一汽車集團有限公司（以下簡稱“一汽集團”）加快發展。\n"
    src = SourceText("d", "d.txt", text, "0", "utf-8")
    assert definitions(src, load_lexicon()) == {
        "一汽集团": ("中国第一汽车集团有限公司", Label.ENTERPRISE)
    }


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("哈尔滨工业大学", ["哈尔滨市"]),
        ("大庆市天木工业大麻开发股份有限公司", ["大庆市"]),
        ("中国第一汽车集团有限公司", ["中国"]),
        ("飞鹤乳业", []),
    ],
)
def test_places_in_names(name: str, places: list[str]) -> None:
    assert places_in(load_lexicon(), name) == places
