"""Typed use of lists, dicts, sets and tuples: `mypy --strict` checks it (tests/tests/it.rs)."""

import collections_general as cg


def collections() -> int:
    words: list[str] = cg.words("a b c")
    counts: dict[str, int] = cg.word_counts("a a b")
    unique: set[str] = cg.unique(("x", "y", "x"))
    names, values = cg.labelled()
    nested_total = cg.sum_nested([[1, 2], cg.nested(2)[0]])
    post = cg.Post("title")
    post.tags = ["a", "b"]
    post.meta = {"k": "v"}
    grid = cg.grid(2)
    return (
        len(words)
        + counts["a"]
        + len(unique)
        + len(names)
        + len(values)
        + nested_total
        + post.tag_count()
        + grid[(0, 0)]
        + len(cg.sorted(iter(words)))
        + (cg.lookup(counts, "z") or 0)
    )
