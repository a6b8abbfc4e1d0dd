"""`planqa docs show --outline`: the outline the chunks' heading paths carry, in reading order."""

from assistant.cli import section_outline


def test_outline_from_heading_paths():
    paths = ["", "一、回顾", "一、回顾 › （一）经济", "一、回顾 › （一）经济", "一、回顾 › （二）民生",
             "二、安排 › （一）产业 › 1.制造业", "二、安排"]
    assert section_outline(paths) == [(1, "一、回顾"), (2, "（一）经济"), (2, "（二）民生"), (1, "二、安排"),
                                       (2, "（一）产业"), (3, "1.制造业")]
    assert section_outline(["", ""]) == []
