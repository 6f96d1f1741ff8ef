"""Industries named in running text by the national vocabulary (no database)."""

from __future__ import annotations

from ingest.industries import find_industries
from ingest.lexicon import load_lexicon
from ingest.mentions import MentionContext, find_mentions
from ingest.read import normalise


def industries(text: str) -> set[str]:
    lx = load_lexicon()
    work = normalise(text).text
    names = find_mentions(MentionContext(lx, "黑龙江省"), work, 0)
    return {i.name for i in find_industries(lx, work, 0, names)}


def test_distinctive_names_count_alone_short_ones_need_a_tail_or_a_list() -> None:
    assert {"新能源汽车", "人工智能"} <= industries("推动新能源汽车和人工智能融合发展。")
    assert industries("加强钢铁质量管理。") == set()  # 钢铁 alone is a material
    assert "钢铁" in industries("推进钢铁行业节能降碳。")
    got = industries("支持电力、热力、钢铁、建材、石化、化工、纺织等行业企业实施改造。")
    assert {"钢铁", "建材", "石化", "化工", "纺织"} <= got


def test_traditional_script_and_other_forms_name_the_same_industry() -> None:
    assert industries("積極發展抽水蓄能、新型儲能。") == {"新型储能"}
    assert industries("建设大型风电光伏基地。") == {"风电", "太阳能"}


def test_an_industry_inside_a_name_belongs_to_the_name() -> None:
    assert "石墨" not in industries("发挥黑龙江省石墨产业技术创新战略联盟作用。")
    assert "石墨" in industries("壮大石墨产业。")
