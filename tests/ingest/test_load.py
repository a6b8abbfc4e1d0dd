import pytest

from ingest.load import LoadError, load


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16"),
])
def test_chinese_text_in_common_encodings(tmp_path, encoding, expected):
    text = "冀州区国民经济和社会发展第十四个五年规划。到2025年,地区生产总值年均增长6%以上。\n"
    f = tmp_path / "doc.txt"
    f.write_bytes(text.encode(encoding))
    loaded = load(f)
    assert loaded.text == text
    assert loaded.encoding == expected


def test_utf16_without_bom(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_bytes("规划纲要 2035 远景目标\n".encode("utf-16-le"))
    assert load(f).text == "规划纲要 2035 远景目标\n"


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (bytes(range(256)) * 20, "binary"),
])
def test_bad_files_get_a_clear_reason(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load(f)


def test_unsupported_and_missing(tmp_path):
    f = tmp_path / "slides.pptx"
    f.write_bytes(b"PK")
    with pytest.raises(LoadError, match="unsupported file type .pptx"):
        load(f)
    with pytest.raises(LoadError, match="cannot read"):
        load(tmp_path / "missing.txt")
