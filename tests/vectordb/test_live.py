"""The live snapshot over a hand-made store: a new process starts from the saved snapshot and reads only the
documents changed since; a running process updates for the changed documents alone; both rank like a rebuild."""

import pytest

from vectordb import live
from vectordb.lexical import LexicalIndex
from vectordb.live import LiveCache

TEXT = {"a": ["地区生产总值增长6%", "推进乡村振兴"], "b": ["城镇居民人均可支配收入增长", "乡村振兴战略"],
        "c": ["PM2.5浓度下降", "高标准农田建设"]}


class Store:
    """The registry (live versions, generation) and the collection reads LiveCache makes; counts whole reads."""

    def __init__(self):
        self.live: dict[str, str] = {}
        self.texts: dict[tuple[str, str], list[str]] = {}
        self.whole_reads = 0
        self.doc_reads: list[str] = []
        self.registry_reads = 0
        self.registry = self
        self.collection = self

    def put(self, doc: str, sha: str, texts: list[str]) -> None:
        self.live[doc] = sha
        self.texts[(doc, sha)] = texts

    def generation(self) -> str:
        return repr(sorted(self.live.items()))

    def live_chunks(self) -> dict[str, tuple[str, int]]:
        self.registry_reads += 1
        return {d: (sha, len(self.texts[(d, sha)])) for d, sha in self.live.items()}

    def records(self, docs) -> tuple[list, list, list]:
        ids, metas, texts = [], [], []
        for (d, sha), ts in self.texts.items():
            if d in docs:
                for n, t in enumerate(ts):
                    ids.append(f"{d}:{sha}:{n}")
                    metas.append({"doc_id": d, "sha": sha, "name": f"{d}.txt", "title": d, "section": "一、总体要求",
                                  "index": n, "start": 0, "end": len(t)})
                    texts.append(t)
        return ids, metas, texts

    def get(self, ids=None, where=None, include=None, limit=None, offset=0):
        if ids is not None:
            docs = sorted({i.split(":")[0] for i in ids})
            self.doc_reads += docs
            got = self.records(set(docs))
            keep = [n for n, i in enumerate(got[0]) if i in set(ids)]
            ids, metas, texts = ([col[n] for n in keep] for col in got)
        elif where is None:
            self.whole_reads += 1
            ids, metas, texts = self.records(set(self.live))
            ids, metas, texts = ids[offset:offset + limit], metas[offset:offset + limit], texts[offset:offset + limit]
        else:
            docs = where["doc_id"]["$in"]
            self.doc_reads += docs
            ids, metas, texts = self.records(set(docs))
        return {"ids": ids, "metadatas": metas, "documents": texts}


def rebuilt(store: Store) -> LexicalIndex:
    ids, metas, texts = store.records(set(store.live))
    keep = [n for n, m in enumerate(metas) if store.live[m["doc_id"]] == m["sha"]]
    return LexicalIndex([ids[n] for n in keep], [f"一、总体要求\n{texts[n]}" for n in keep])


def same_ranking(table, store: Store) -> None:
    fresh = rebuilt(store)
    for q in ("乡村振兴", "增长", "农田 建设", "PM2.5"):
        assert {i: round(s, 5) for i, s in table.lexical.search(q, 10)} == \
               {i: round(s, 5) for i, s in fresh.search(q, 10)}, q


@pytest.fixture
def store():
    s = Store()
    s.put("a", "1", TEXT["a"])
    s.put("b", "1", TEXT["b"])
    return s


def test_a_new_process_starts_from_the_snapshot(store, tmp_path, monkeypatch):
    first = LiveCache(tmp_path).get(store)
    assert store.whole_reads == 1 and set(first.by_doc) == {"a", "b"}
    # another process's ingest: b changes, c arrives
    store.put("b", "2", ["城镇居民收入增长7%", "乡村振兴"])
    store.put("c", "1", TEXT["c"])
    monkeypatch.setattr(live, "RESAVE_SHARE", 1.0)  # this small change is not saved again
    table = LiveCache(tmp_path).get(store)
    assert store.whole_reads == 1 and sorted(store.doc_reads) == ["b", "c"]
    assert table.versions == store.live and table.by_doc["b"] == ["b:2:0", "b:2:1"]
    assert set(table.rows) == {"a:1:0", "a:1:1", "b:2:0", "b:2:1", "c:1:0", "c:1:1"}
    same_ranking(table, store)
    # a large change is saved: the next process reads nothing at all
    monkeypatch.setattr(live, "RESAVE_SHARE", 0.05)
    store.doc_reads.clear()
    LiveCache(tmp_path).get(store)
    assert sorted(store.doc_reads) == ["b", "c"]
    store.doc_reads.clear()
    again = LiveCache(tmp_path).get(store)
    assert store.doc_reads == [] and store.whole_reads == 1
    same_ranking(again, store)
    assert [p.name for p in tmp_path.iterdir()] == [again.key]


def test_a_snapshot_of_the_current_generation_needs_no_read_at_all(store, tmp_path):
    first = LiveCache(tmp_path).get(store)
    reads = store.registry_reads
    again = LiveCache(tmp_path).get(store)
    assert store.registry_reads == reads and store.whole_reads == 1 and store.doc_reads == []
    assert again.rows == first.rows and again.generation == store.generation()


def test_a_running_process_updates_for_the_changed_documents(store, tmp_path):
    cache = LiveCache(tmp_path)
    cache.get(store)
    store.put("c", "1", TEXT["c"])
    del store.live["a"]
    table = cache.get(store)
    assert store.whole_reads == 1 and store.doc_reads == ["c"]
    assert set(table.by_doc) == {"b", "c"} and not any(r.startswith("a:") for r in table.rows)
    same_ranking(table, store)
    assert cache.get(store) is table  # nothing changed: the same table


def test_a_damaged_snapshot_falls_back_to_reading_the_store(store, tmp_path):
    table = LiveCache(tmp_path).get(store)
    (tmp_path / table.key / "rows.json").write_text("{", encoding="utf-8")
    again = LiveCache(tmp_path).get(store)
    assert store.whole_reads == 2 and set(again.rows) == set(table.rows)
