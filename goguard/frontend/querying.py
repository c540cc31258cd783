"""One tree-sitter query traversal per file for every active rule.

A query costs about a third of a parse whatever it matches (the traversal is the
cost), so the queries of all active rules, and the file queries their analyses use,
are joined into one query, compiled once per process for each set of parts, and
run once per file; matches are handed back to their owners by pattern index.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor

from goguard.frontend.source import GO_LANGUAGE

_CAPTURE = re.compile(r"@([A-Za-z_][\w.\-]*)")


class CombinedQuery:
    def __init__(self, parts: tuple[tuple[str, str], ...]) -> None:
        self.owners: list[tuple[str, int]] = []  # pattern index -> (owner, its own index)
        sources = []
        for i, (owner, source) in enumerate(parts):
            count = Query(GO_LANGUAGE, source).pattern_count
            self.owners.extend((owner, k) for k in range(count))
            sources.append(_CAPTURE.sub(lambda m, i=i: f"@q{i}.{m.group(1)}", source))
        self.query = Query(GO_LANGUAGE, "\n".join(sources)) if sources else None

    def run(self, root: Node) -> dict[str, list[tuple[int, dict[str, list[Node]]]]]:
        """Matches per owner, with capture names as the owner wrote them."""
        out: dict[str, list] = {}
        if self.query is None:
            return out
        for index, caps in QueryCursor(self.query).matches(root):
            owner, own_index = self.owners[index]
            out.setdefault(owner, []).append(
                (own_index, {name.split(".", 1)[1]: nodes for name, nodes in caps.items()}))
        return out


@lru_cache(maxsize=64)
def combined(parts: tuple[tuple[str, str], ...]) -> CombinedQuery:
    return CombinedQuery(parts)
