"""A bounded, thread-safe store that drops the least recently used entry first: what each process
keeps between requests (the list cards, cms/templatetags/card_tags.py; the querysets' SQL,
cms/compiled.py) without growing past a known size."""

import threading
from collections import OrderedDict


class LRUStore:
    """At most ``size`` entries; reading one makes it the most recently used."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key, value):
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()

    def __len__(self):
        return len(self._entries)
