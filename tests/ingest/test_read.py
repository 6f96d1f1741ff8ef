"""Reading: encodings, line endings, the offset map, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.read import ReadError, normalise, read_source

TEXT = "黑龙江省发展和改革委员会（以下简称省发改委）牵头，—推进哈尔滨－大庆产业集群。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.replace("\n", "\r\n").encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # UTF-16 saved without a byte order mark
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decodes_utf8_bom_gbk_and_crlf(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    src = read_source(path)
    assert src.encoding == encoding
    assert "省发改委" in src.text
    assert not src.text.startswith("\ufeff")


def test_normalised_copy_maps_back_to_the_original() -> None:
    original = "（一）哈尔滨－大庆\r\n生物医药\u3000集群：ＡＢＣ—１２"
    norm = normalise(original)
    assert norm.text == "(一)哈尔滨-大庆\n生物医药 集群:ABC-12"
    for i in range(len(norm.text)):
        s, e = norm.span(i, i + 1)
        assert e > s
    start = norm.text.index("哈尔滨-大庆")
    s, e = norm.span(start, start + len("哈尔滨-大庆"))
    assert original[s:e] == "哈尔滨－大庆"
    s, e = norm.span(norm.text.index("ABC"), norm.text.index("ABC") + 3)
    assert original[s:e] == "ＡＢＣ"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (b"\xff\xfe\xfd" * 100 + b"\x81", "undecodable"),
        (b"just some english text, no chinese", "no Chinese text"),
    ],
)
def test_bad_files_get_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_source(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("黑龙江省" * 1000, encoding="utf-8")
    with pytest.raises(ReadError, match="larger than the limit"):
        read_source(path, max_bytes=1000)


def test_unreadable_files_and_folders_are_failures_not_tracebacks() -> None:
    """One bad file or folder never sinks the batch: the good document still comes out,
    and each bad one gets a line naming it. Root ignores file modes, so as root the run
    drops to the nobody user (setpriv, util-linux)."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        folder.chmod(0o755)
        good = folder / "good.txt"
        good.write_text(
            "黑龙江省人民政府办公厅\n2016年1月13日\n\n一、总体思路\n支持哈尔滨工业大学发展。\n",
            encoding="utf-8",
        )
        good.chmod(0o644)
        locked = folder / "locked.txt"
        locked.write_text("内容。", encoding="utf-8")
        locked.chmod(0)
        sub = folder / "sub"
        sub.mkdir()
        (sub / "inner.txt").write_text("内容。", encoding="utf-8")
        sub.chmod(0)
        command = [sys.executable, "-m", "kg.cli", "extract", str(folder), "-o", os.devnull]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        for path in (folder / "sub", folder / "locked.txt"):
            path.chmod(0o755)
        shutil.rmtree(folder)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "locked.txt: cannot read" in result.stderr
    assert "sub: cannot read" in result.stderr
    assert "from 1 documents" in result.stderr
