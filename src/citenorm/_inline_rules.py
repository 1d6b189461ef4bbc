"""Linear-time replacements for the inline rules that scan to the end of a paragraph.

markdown-it's `parseLinkLabel` walks from a `[` to its matching `]`, and the
footnote plugin's `footnote_ref` from `[^` to the next `]` or space; when the
bracket never closes, every `[` of the paragraph walks to its end, so a
paragraph of n brackets costs n² steps (10,000 `[^` took 36 s).  These versions
return what the originals return but remember, per inline state, what one walk
learnt about every bracket it passed, so each position is walked once.  One
difference, on purpose: a note marker in a link's text does not stop the link.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_LABELS = "citenorm-labels"
_REF_STOP = "citenorm-ref-stop"
_STOP = re.compile(r"[ \n\]]")


def _memo(state: StateInline, key: str) -> Any:
    """A per-state memo kept in the state's own cache (whose own keys are ints)."""
    return cast(dict[Any, Any], state.cache).setdefault((key, state.posMax), {})


def parse_link_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """markdown-it's `parseLinkLabel` (the end of the label opened at `start`, or -1),
    in time linear in the paragraph over all calls.

    One walk records, for every plain-text `[` it passes, where it closes (or that
    it never does) and whether a nested link opens inside it; a later walk that
    reaches a known bracket jumps over it.
    """
    memo: dict[int, tuple[int, bool]] = _memo(state, _LABELS)
    if start not in memo:
        _walk(state, start, memo)
    end, nested = memo[start]
    return -1 if disable_nested and nested else end


def _walk(state: StateInline, start: int, memo: dict[int, tuple[int, bool]]) -> None:
    old_pos = state.pos
    stack = [(start, 0)]
    nested = 0  # how many non-text `[` (a nested link's start) the walk has passed
    state.pos = start + 1
    skip = state.md.inline.skipToken
    while stack and state.pos < state.posMax:
        position = state.pos
        marker = state.src[position]
        if marker == "]":
            opened, seen = stack.pop()
            memo[opened] = (position, nested > seen)
            if not stack:
                break
        skip(state)
        if marker != "[":
            continue
        if state.pos != position + 1:
            # A token starting at `[` is a nested link, unless it is a note marker:
            # `[the report[^1]](url)` is a link with a note in its text, as pandoc
            # reads it (markdown-it's footnote plugin reads no link there).
            nested += not state.src.startswith("[^", position)
        elif position in memo:
            end, inner_nested = memo[position]
            nested += inner_nested
            if end < 0:
                break
            state.pos = end
            skip(state)
        else:
            stack.append((position, nested))
    for opened, seen in stack:
        memo[opened] = (-1, nested > seen)
    state.pos = old_pos


def footnote_ref(state: StateInline, silent: bool) -> bool:
    """The footnote plugin's `footnote_ref` with `always_match`: `[^label]`, where
    the end of the label is found once per stretch of text, not once per `[^`."""
    start, maximum, src = state.pos, state.posMax, state.src
    if start + 3 > maximum or src[start] != "[" or src[start + 1] != "^":
        return False
    known: dict[str, int] = _memo(state, _REF_STOP)
    stop = known.get("stop", -1)
    if not known.get("from", 0) <= start + 2 <= stop:
        found = _STOP.search(src, start + 2)
        stop = found.start() if found else len(src)
        known["from"], known["stop"] = start + 2, stop
    if stop >= maximum or src[stop] != "]" or stop == start + 2:
        return False
    if not silent:
        label = src[start + 2 : stop]
        data = _footnote_data(state.env)
        refs, notes = data["refs"], data["list"]
        if refs.get(":" + label, -1) < 0:
            footnote_id = len(notes)
            notes[footnote_id] = {"label": label, "count": 0}
            refs[":" + label] = footnote_id
        else:
            footnote_id = refs[":" + label]
        sub_id = notes[footnote_id]["count"]
        notes[footnote_id]["count"] += 1
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": footnote_id, "subId": sub_id, "label": label}
    state.pos = stop + 1
    return True


def footnote_inline(state: StateInline, silent: bool) -> bool:
    """The footnote plugin's `footnote_inline` (`^[text]`) over `parse_link_label`.

    One difference, on purpose: `^[1]^` is pandoc's superscript of `[1]` (a
    citation number), not an inline note whose text is `1`, as pandoc reads it;
    so is `^[1](#fn1)^`, pandoc's own writing of an HTML note's marker.
    """
    start, maximum = state.pos, state.posMax
    if start + 2 >= maximum or state.src[start] != "^" or state.src[start + 1] != "[":
        return False
    label_start = start + 2
    label_end = parse_link_label(state, start + 1)
    if label_end < 0 or is_superscript(state.src, start, label_end):
        return False
    if not silent:
        notes = _footnote_data(state.env)["list"]
        footnote_id = len(notes)
        tokens: list[Token] = []
        content = state.src[label_start:label_end]
        notes[footnote_id] = {"content": content, "tokens": tokens}
        state.md.inline.parse(content, state.md, state.env, tokens)
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": footnote_id}
    state.pos = label_end + 1
    state.posMax = maximum
    return True


# After `^[label]`: the closing `^` at once, or an in-document link and its attributes
# first (`^[1](#fn:1){.footnote-ref}^`, pandoc's writing of an HTML note's marker),
# perhaps followed by more such links (`^[\[1\]](#n1)[\[2\]](#n2)^`, adjacent notes).
_LINK_TAIL = r"\(#[^()\s]*\)(?:\{[^{}\n]*\})?"
_SUPERSCRIPT_TAIL = re.compile(
    rf"(?:{_LINK_TAIL}(?:\[(?:\\.|[^\[\]\s\\]){{1,20}}\]{_LINK_TAIL}){{0,20}})?\^"
)


def is_superscript(src: str, start: int, label_end: int) -> bool:
    """Whether `^[…]`, from the `^` at `start` to the `]` at `label_end`, is pandoc's
    superscript of a bracketed label rather than an inline note: `^[1]^`, or
    `^[1](#fn:1){…}^` and more such links, with no white space inside (as pandoc
    requires; pandoc reads them all as superscripts).  Other `^[…]…^` stay inline
    notes, as markdown-it reads them."""
    if any(char.isspace() for char in src[start + 1 : label_end + 1]):
        return False
    return _SUPERSCRIPT_TAIL.match(src, label_end + 1) is not None


MATH = "math_inline"
"""The token of a TeX math span, `$…$` or `$$…$$`: its content is written back as it
stands, so a build never escapes `_`, `*` or `\\` inside it."""

_MATH = "citenorm-math"
_DOLLARS = re.compile(r"\$+")


def math_inline(state: StateInline, silent: bool) -> bool:
    """pandoc's `tex_math_dollars`: `$$…$$`, or `$…$` where the opening `$` has a
    non-space right after it and the closing one a non-space right before it and
    no digit after it (so `$5 and $10` is no math).  A `\\$` is no delimiter.

    Linear over a paragraph: the closing candidates are found in one pass over
    the text, the first time the rule runs on it, and each opener looks its
    closer up among them.
    """
    start, src = state.pos, state.src
    if src[start] != "$":
        return False
    double = src.startswith("$$", start)
    opened = start + (2 if double else 1)
    if opened >= state.posMax or (not double and src[opened] in " \t\n$"):
        return False
    closers = _closers(state)
    candidates = closers[1] if double else closers[0]
    index = bisect.bisect_left(candidates, opened + 1)  # the span holds something
    if index == len(candidates):
        return False
    end = candidates[index]
    if end + len(src[start:opened]) > state.posMax:
        return False
    if not silent:
        token = state.push(MATH, "math", 0)
        token.content = src[opened:end]
        token.markup = "$$" if double else "$"
    state.pos = end + (2 if double else 1)
    return True


_TEX_BEGIN = re.compile(r"\\begin\{([A-Za-z]{1,40}\*?)\}")
_TEX_UNCLOSED = "citenorm-tex-unclosed"


def tex_environment(state: StateInline, silent: bool) -> bool:
    """pandoc's raw TeX environment, `\\begin{align*}…\\end{align*}`, as one math token
    written as it stands (no `*` or `_` in it escaped).  An environment name with no
    `\\end` left in the paragraph is not looked for again (linear)."""
    start, src = state.pos, state.src
    if not src.startswith("\\begin{", start):
        return False
    opening = _TEX_BEGIN.match(src, start)
    if opening is None:
        return False
    unclosed: set[str] = cast(dict[Any, Any], state.cache).setdefault(_TEX_UNCLOSED, set())
    name = opening.group(1)
    closing = "\\end{" + name + "}"
    end = -1 if name in unclosed else src.find(closing, opening.end(), state.posMax)
    if end < 0:
        unclosed.add(name)
        return False
    if not silent:
        token = state.push(MATH, "math", 0)
        token.content = src[start : end + len(closing)]
        token.markup = ""
    state.pos = end + len(closing)
    return True


ESCAPED_DOLLAR = "escaped_dollar"
"""The token of `\\$`: a dollar sign its writer kept from opening or closing math.
Written back escaped (the normal form drops other needless escapes; dropping this
one would make math of `\\$x$`)."""


def escaped_dollar(state: StateInline, silent: bool) -> bool:
    """`\\$` as its own token (before markdown-it's escape rule, which would make it
    plain text and lose the backslash for the renderer)."""
    start = state.pos
    if not state.src.startswith("\\$", start):
        return False
    if not silent:
        token = state.push(ESCAPED_DOLLAR, "", 0)
        token.content = "$"
        token.markup = "\\$"
    state.pos = start + 2
    return True


def _closers(state: StateInline) -> tuple[list[int], list[int]]:
    """Where a `$` may close inline math, and where a `$$` may close display math."""
    cache = cast(dict[Any, Any], state.cache)
    if _MATH not in cache:
        src = state.src
        single: list[int] = []
        double: list[int] = []
        for run in _DOLLARS.finditer(src):
            position, length = run.start(), len(run.group())
            escaped = position > 0 and src[position - 1] == "\\"
            spaced = position == 0 or src[position - 1] in " \t\n"
            if length == 1 and not escaped and not spaced:
                if not src[position + 1 : position + 2].isdigit():
                    single.append(position)
            elif length == 2 and not escaped:
                double.append(position)
        cache[_MATH] = (single, double)
    return cast(tuple[list[int], list[int]], cache[_MATH])


def _footnote_data(env: Any) -> Any:
    footnotes = env.setdefault("footnotes", {})
    footnotes.setdefault("refs", {})
    footnotes.setdefault("list", {})
    return footnotes


class Helpers:
    """markdown-it's `helpers` module with `parseLinkLabel` replaced (for one parser only)."""

    def __init__(self, helpers: Any, label: Any = parse_link_label) -> None:
        self._helpers = helpers
        self.parseLinkLabel = label

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)


def use_linear_rules(md: MarkdownIt) -> None:
    """Put the linear rules in place of the originals in `md` (after the footnote plugin)."""
    md.helpers = cast(Any, Helpers(md.helpers))
    md.inline.ruler.at("footnote_ref", footnote_ref)
    md.inline.ruler.at("footnote_inline", footnote_inline)
    md.inline.ruler.before("escape", "escaped_dollar", escaped_dollar)
    md.inline.ruler.before("escape", "tex_environment", tex_environment)
    md.inline.ruler.before("emphasis", "math_inline", math_inline)
