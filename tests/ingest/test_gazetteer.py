"""The gazetteer finds every listed word, overlapping ones too, by start and longest first."""

from ingest.gazetteer import Gazetteer


def test_overlapping_words_by_start_then_longest() -> None:
    g = Gazetteer({"哈尔滨": 1, "哈尔滨市": 2, "尔滨": 3, "市政府": 4, "政府": 5})
    hits = g.find("哈尔滨市政府")
    assert hits == [
        (0, 4, "哈尔滨市", 2),
        (0, 3, "哈尔滨", 1),
        (1, 3, "尔滨", 3),
        (3, 6, "市政府", 4),
        (4, 6, "政府", 5),
    ]


def test_offsets_are_string_indices_past_the_basic_plane() -> None:
    # A character outside the BMP before the word: offsets count characters, not bytes.
    assert Gazetteer({"中心": 0}).find("𠀀创新中心") == [(3, 5, "中心", 0)]


def test_empty_gazetteer_and_text() -> None:
    assert Gazetteer({}).find("任何文字") == []
    assert Gazetteer({"中心": 0}).find("") == []
    assert len(Gazetteer({"": 1, "中心": 0})) == 1
