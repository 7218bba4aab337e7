"""The bounded store the card cache and the kept SQL share (cms/lru.py)."""

from cms.lru import LRUStore


def test_the_store_drops_the_least_recently_used():
    store = LRUStore(size=2)
    store.set("a", "A")
    store.set("b", "B")
    assert store.get("a") == "A"  # "b" is now the least recently used
    store.set("c", "C")
    assert store.get("b") is None
    assert (store.get("a"), store.get("c"), len(store)) == ("A", "C", 2)
    store.clear()
    assert len(store) == 0 and store.get("a") is None
