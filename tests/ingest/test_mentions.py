"""Mention finders, one table of cases per finder family (no database)."""

from __future__ import annotations

import pytest

from ingest.kinds import Label
from ingest.lexicon import load_lexicon
from ingest.mentions import MentionContext, find_mentions
from ingest.read import normalise

HLJ = {"province": "黑龙江省"}
BJ = {"province": "北京市", "city": "北京市"}
BAOTOU = {"province": "内蒙古自治区", "city": "包头市"}
LIUHE = {"province": "吉林省", "city": "通化市", "county": "柳河县"}
FUJIAN = {"province": "福建省"}


def found(text: str, **where: object) -> set[tuple[str, str, str]]:
    ctx = MentionContext(load_lexicon(), **where)  # type: ignore[arg-type]
    work = normalise(text).text
    return {(m.surface, str(m.label), m.name) for m in find_mentions(ctx, work, 0)}


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        # a leading 省 distributes over a list of stems
        ("由省发改委、工信委、商务厅牵头。", HLJ, {"黑龙江省工业和信息化委员会", "黑龙江省商务厅"}),
        # a municipality's bare 市
        ("主责单位：市规划自然资源委，市统计局", BJ, {"北京市统计局"}),
        # a district government, resolved by jurisdiction (two 朝阳区 exist)
        ("主责单位：朝阳区政府，门头沟区政府", BJ, {"北京市朝阳区人民政府"}),
        # bare 县 and 自治区 prefixes
        ("县商务局负责新建项目。", LIUHE, {"柳河县商务局"}),
        ("自治区政务服务局牵头", BAOTOU, {"内蒙古自治区政务服务局"}),
        # a bracketed body inside the list keeps the prefix going
        (
            "（责任单位：省发改委（数据管理局）、工信厅、交通运输厅按职责分工负责）",
            FUJIAN,
            {"福建省数据管理局", "福建省工业和信息化厅", "福建省交通运输厅"},
        ),
        # central bodies by their short forms
        ("（农业农村部、工业和信息化部等负责）", {}, {"农业农村部", "工业和信息化部"}),
        # the jurisdiction's party committee by its bare form
        ("贯彻党中央、国务院决策部署和市委、市政府工作要求。", BJ, {"中共北京市委员会"}),
        (
            "结果上报市委、市政府。学习天津市委、市政府经验。",
            BAOTOU,
            {"中共包头市委员会", "中共天津市委员会"},
        ),
        # a zone's management committee
        ("各旗、县、区人民政府，稀土高新区管委会，市直有关部门：", BAOTOU, {"稀土高新区管委会"}),
        # a body whose words are cue words elsewhere (重点), opened by a place
        ("成立柳河县重点产业工作领导小组，统筹协调。", LIUHE, {"柳河县重点产业工作领导小组"}),
        # a signature block whose line breaks were lost: two bodies, not one
        ("山西省财政厅山西省审计厅", {"province": "山西省"}, {"山西省财政厅", "山西省审计厅"}),
    ],
)
def test_departments(text: str, where: dict[str, str], expected: set[str]) -> None:
    names = {n for _s, label, n in found(text, **where) if label == Label.DEPARTMENT}
    assert expected <= names
    assert not any(n.count("厅") + n.count("局") > 1 for n in names), names  # no run-ons


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("由商务部门、住建部门按程序审核。", FUJIAN),  # the commerce departments: a kind
        ("副主任由县商务局局长和县工信局局长兼任。", LIUHE),  # 和 + 县工信局, not 和县
        ("（省政府办公厅会同省工业和信息化厅、省发展改革委督查落实）", {"province": "河北省"}),
    ],
)
def test_department_kinds_and_false_prefixes(text: str, where: dict[str, str]) -> None:
    """Neither a kind of department nor two bodies joined by a verb is one body."""
    names = {n for _s, label, n in found(text, **where) if label == Label.DEPARTMENT}
    assert not names & {"商务部", "住房和城乡建设部", "和县工业和信息化局"}, names
    assert not any("会同" in n for n in names), names


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("依托哈尔滨工业大学建设研究院。", "University", "哈尔滨工业大学"),
        ("支持中国第一汽车集团有限公司加快发展。", "Enterprise", "中国第一汽车集团有限公司"),
        ("办好中关村论坛等重大活动。", "Platform", "中关村论坛"),
        ("依托703所燃气轮机产业园。", "ResearchInstitute", "703所"),
        ("重点企业：飞鹤、完达山等乳制品企业。", "Enterprise", "完达山"),
        # a company per province, by head + place + tail
        ("（责任单位：省能源局，国网黑龙江电力）", "Enterprise", "国网黑龙江省电力公司"),
    ],
)
def test_organisations(text: str, label: str, name: str) -> None:
    assert any(lb == label and n == name for _s, lb, n in found(text, **HLJ))


@pytest.mark.parametrize(
    ("text", "where", "name"),
    [
        # a region that is no division makes a name (not a Place)
        ("积极推进京津冀国家技术创新中心建设。", BJ, "京津冀国家技术创新中心"),
        # a bare district form that jieba knows as a name vouches in its own city
        ("58.加快怀柔科学城重大科技基础设施建设。", BJ, "怀柔科学城"),
        # closing quotes typed as ASCII; a place inside a quoted 云 name
        ('22.建设“包头文化云",拓宽公共文化服务。', BAOTOU, "包头文化云"),
        ('3.全面提升“12345"政务热线服务水平。', BAOTOU, "12345政务热线"),
        # a national platform: 国家/全国, a long core with a verb in it, a one-of-a-kind suffix
        ("稳妥扩大全国碳排放权交易市场覆盖范围。", {}, "全国碳排放权交易市场"),
        ("支持两市共同牵头组建国家钒钛产业联盟。", HLJ, "国家钒钛产业联盟"),
        # a suffix written only after names takes an ordinary core
        ("编制完成良乡大学城产业发展规划。", BJ, "良乡大学城"),
        ("提升未来科学城技术创新能力。", BJ, "未来科学城"),
        # a quoted phrase right before a name's words is part of it
        ("圆满完成两届“一带一路”高峰论坛服务保障。", BJ, "“一带一路”高峰论坛"),
        # a system's name: a run of ordinary words opened by a place or 自治区, after 全省
        (
            "67．建设包头市电子政务外网安全监测平台，提高水平。",
            BAOTOU,
            "包头市电子政务外网安全监测平台",
        ),
        (
            "积极对接自治区政府统一协同办公业务平台，推动互通。",
            BAOTOU,
            "自治区政府统一协同办公业务平台",
        ),
        (
            "升级完善全省充换电设施智能服务管理平台，接入设施。",
            FUJIAN,
            "充换电设施智能服务管理平台",
        ),
        # a dash between two names joins them; between single characters it is a formula
        ("抓好天津滨海-中关村科技园建设。", BJ, "天津滨海-中关村科技园"),
        # 园 after names (a park of a science city), not in ordinary words (公园)
        ("抓好中关村通州园、网安园建设。", BJ, "中关村通州园"),
        # a list joins like with like: a platform-like name next to a platform
        ("加快金盏国际合作服务区、中关村门头沟园区建设。", BJ, "金盏国际合作服务区"),
        # 与 inside a name that a ministry opens
        (
            "通过农业农村部农机购置与应用补贴产品自主投档平台进行投档。",
            {"province": "青海省"},
            "农业农村部农机购置与应用补贴产品自主投档平台",
        ),
    ],
)
def test_platforms(text: str, where: dict[str, str], name: str) -> None:
    assert any(lb == "Platform" and n == name for _s, lb, n in found(text, **where))


@pytest.mark.parametrize(
    "text",
    [
        "鼓励龙头企业、重点企业做大做强。",  # generic heads
        "推动高水平大学和研究型大学建设。",
        "支持数据公司发展。",  # a short core of ordinary words
        "推动30所左右高校持续开展。",  # a count, not an institute
        "构建北京电网交直流混联新格局。",  # 局 inside an ordinary word
        "依据《国务院办公厅关于加快发展的意见》执行。",  # names inside a cited title
        "打造“食品安全云”“研发设计云”。",  # a kind of service, no place or name in it
        "着力建设“四个中心”和一核两极四基地。",  # slogans that count kinds
        "推广“企业+合作社+基地”模式。",  # a formula
        "构建车-桩-网-平台协同体系。",
        "建设潮白河国家森林公园，统筹中关村各分园发展。",  # a park; every branch park
        "支持电力、热力、钢铁、建材、石化、化工等行业企业实施改造。",  # industries
        "培育高端装备制造、智能家居、新能源汽车、再生资源精深加工等骨干企业。",
        "赋能头部企业、链主等创新企业融合发展。",
        "于10日内将补贴发放至消费者个人银行账户。",
        "推动唐钢两家大型钢铁集团重组。",  # a count
        "发展适老手机银行服务。",  # a kind of service
        "做好广大未就业大学毕业生就业，办好老年大学。",
        "实现万兆入园。",
        "录入“工作平台”中的模块。",  # a quoted kind
        "定期举办钒钛产业峰会。",  # a description before a named suffix
        "设立国家现代农业示范区。",  # a designation the centre awards to many
        "依托全省公共服务平台，加强服务。",  # a scope word and ordinary words: a kind
    ],
)
def test_generic_phrases_are_not_names(text: str) -> None:
    labels = {lb for _s, lb, _n in found(text, **HLJ)}
    assert not labels & {"Enterprise", "University", "ResearchInstitute", "Department", "Platform"}


@pytest.mark.parametrize(
    ("text", "where", "places"),
    [
        ("在唐山建设LNG应急调峰保障工程。", {}, {"唐山市"}),
        ("推进通州、顺义发展。", BJ, {"北京市通州区", "顺义区"}),
        ("对新建和改扩建用煤项目实行替代。", BJ, set()),  # 新建 is not 新建区
        ("加大社区消防车配备。", HLJ, set()),  # 大社区 inside 加大社区
        ("石油焦作为燃料。", {}, set()),  # 焦作 across two words
        ("获得中国专利奖和河北省专利奖的企业。", {"province": "河北省"}, set()),  # awards
        ("对河北省奖励资金予以配套。", {"province": "河北省"}, {"河北省"}),
        ("支持海口、三亚、屯昌、文昌等市县。", {"province": "海南省"}, {"屯昌县", "文昌市"}),
    ],
)
def test_places(text: str, where: dict[str, str], places: set[str]) -> None:
    found_places = {n for _s, lb, n in found(text, **where) if lb == "Place"}
    assert places <= found_places
    if not places:
        assert not found_places


def test_traditional_script_is_read_through_the_simplified_working_copy() -> None:
    names = {n for _s, _lb, n in found("國家發展改革委、生態環境部要加強統籌協調。")}
    assert {"国家发展和改革委员会", "生态环境部"} <= names


def test_a_list_typed_by_its_project_tail() -> None:
    text = (
        "全力推进单工位精密打磨系列工业机器人、微创腹腔镜手术机器人、"
        "哈尔滨云计算中心等项目建设。推进以旧换新、车网互动等项目。"
    )
    got = {(n, lb) for _s, lb, n in found(text, **HLJ)}
    assert ("单工位精密打磨系列工业机器人", "Project") in got
    assert ("微创腹腔镜手术机器人", "Project") in got
    assert ("哈尔滨云计算中心", "Platform") in got  # keeps its own type
    assert not {n for n, lb in got if lb == "Project"} & {"以旧换新", "车网互动"}


def test_a_project_list_types_its_items_and_one_item_lists_count() -> None:
    text = (
        "加快实施轨道交通101线一期、地铁22号线、温潮减河等重大项目。"
        "加快承平高速等项目建设。加快首都医科大学新校区、儿童医院新院区等项目规划建设。"
    )
    projects = {n for _s, lb, n in found(text, **BJ) if lb == "Project"}
    # 温潮减河 names nothing built by itself: its list-mates type it
    assert {
        "地铁22号线",
        "温潮减河",
        "承平高速",
        "首都医科大学新校区",
        "儿童医院新院区",
    } <= projects


def test_verbs_before_a_project_are_not_its_name() -> None:
    """有序推进 (an adverb jieba tags as a noun, then a verb) before a list's first item;
    结合 before a name with a project suffix."""
    text = (
        "有序推进旭阳炼化一体化、富海石化多元化原料制烯烃等重点项目。"
        "结合国家电网特高压输电通道的规划建设，新建500千伏电力通道。"
    )
    projects = {n for _s, lb, n in found(text, **BJ) if lb == "Project"}
    assert {"旭阳炼化一体化", "富海石化多元化原料制烯烃"} <= projects
    assert not {n for n in projects if n.startswith(("有序", "推进", "结合"))}


def test_a_count_of_projects_is_not_a_project() -> None:
    text = "每年组织实施10项重大科技攻关项目。加快建设地铁22号线、新国展二期项目。"
    projects = {n for _s, lb, n in found(text, **BJ) if lb == "Project"}
    assert not {n for n in projects if n.startswith("10项")}
    assert "新国展二期项目" in projects  # digits and numerals that are no count still name


def test_a_suffix_inside_a_longer_word_ends_no_name() -> None:
    """中心地带, 中心城区: a central area, not a centre (suffix_continuations.tsv)."""
    text = "地处环渤海湾中心地带，强化与北京中心城区联系。"
    names = {n for _s, _lb, n in found(text, **BJ)}
    assert not names & {"渤海湾中心", "环渤海湾中心", "北京中心"}
    assert "首都医科大学" in {n for _s, _lb, n in found("支持首都医科大学建设。", **BJ)}


def test_every_bare_stem_of_a_central_list_is_national() -> None:
    """In the State Council's documents a bare stem names the national body wherever it
    stands in a list, not only when it is the first one."""
    text = "（工业和信息化部、发展改革委、农业农村部、商务部、国资委等负责）"
    names = {n for _s, lb, n in found(text, central=True) if lb == "Department"}
    assert {"国家发展和改革委员会", "国务院国有资产监督管理委员会", "商务部"} <= names
