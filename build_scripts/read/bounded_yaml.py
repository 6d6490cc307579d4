"""YAML as every file of ``sources/`` is read: PyYAML's safe loader, bounded.

A sidecar, ``issuers.yml`` or ``themes.yml`` is a few hundred lines of keys and lists. What no
such file needs is refused with a ``yaml.YAMLError`` that names the line, before it can cost
time or memory: aliases (``*name``, with which 351 bytes expand to gigabytes), nesting deeper
than ``MAX_DEPTH`` (PyYAML composes recursively) and files over ``MAX_BYTES``.
"""

from __future__ import annotations

import yaml
from yaml.composer import ComposerError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32


class BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream):
        size = len(stream.encode("utf-8")) if isinstance(stream, str) else len(stream)
        if size > MAX_BYTES:
            raise yaml.YAMLError(f"the file is {size / 2**20:.1f} MB; a YAML file of sources/ may hold at "
                                 f"most {MAX_BYTES // 2**20} MB")
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not allowed here; write the value out",
                                self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep; a sidecar, issuers.yml "
                                    "or themes.yml needs two or three", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(text: str, loader: type[BoundedLoader] = BoundedLoader) -> yaml.Node | None:
    """The node tree of ``text``. Raises yaml.YAMLError."""
    return yaml.compose(text, Loader=loader)


def load(text: str, loader: type[BoundedLoader] = BoundedLoader):
    """The data of ``text``. Raises yaml.YAMLError."""
    return yaml.load(text, Loader=loader)
