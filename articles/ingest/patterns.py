"""Regular-expression building blocks the extractors share."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Three letters match an ASCII letter under re.IGNORECASE although str.lower() does not turn
# them into it ("İ".lower() is "i" plus a combining dot): text.translate(this).lower() compares
# letters as such a pattern does (see `fold_case`).
IGNORECASE_ONLY_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
IGNORECASE_ONLY_FOLDED = "".join(map(chr, IGNORECASE_ONLY_FOLDS))  # the three letters


def fold_case(text: str) -> str:
    """The text lowercased as re.IGNORECASE compares letters."""
    if text.isascii():  # nearly every line: lowered, it is still ASCII
        return text.lower()
    # `translate` looks each character up in its dict, many times the cost of lowering the
    # text; a text holding none of the three letters (nearly every one) is spared that.
    for letter in IGNORECASE_ONLY_FOLDED:
        if letter in text:
            return text.translate(IGNORECASE_ONLY_FOLDS).lower()
    return text.lower()


def trie_regex(forms: list[str], any_whitespace: bool = False) -> str:
    """One alternation shaped as a character trie: a lookup costs one pass, not one per form.
    With `any_whitespace`, a space in a form matches any run of whitespace."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        return r"\s+" if any_whitespace and char == " " else re.escape(char)

    def emit(node: dict) -> str:
        branches = [piece(char) + emit(child) for char, child in node.items() if char]
        if not branches:
            return ""
        ends_here = "" in node
        if len(branches) == 1 and not ends_here:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends_here else group

    return emit(trie)


def word_start(word: str) -> str:
    r"""`\bword` for a word of letters, written so that a pattern can open with it: the check
    that no letter, digit or underscore stands before the word comes after the word, so `re`
    jumps from one occurrence of its letters to the next instead of trying the pattern at
    every offset, as a pattern that opens with \b or a lookbehind makes it do."""
    return rf"{word}(?<!\w{word})"


def word_start_matches(
    pattern: re.Pattern[str], text: str, not_after: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` that do not follow a character `not_after` matches:
    the same as finditer with a leading lookbehind (?<![...]) or \\b.

    re tries a leading lookbehind at every offset of the text, while a pattern that starts with
    a letter lets it skip straight to the offsets where that letter is: several times faster
    over a whole body."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and not_after.match(text, start - 1):
            position = start + 1  # inside a word: look again from the next character
            continue
        yield match
        position = match.end()
