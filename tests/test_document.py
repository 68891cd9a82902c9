"""Mapping offsets back through a document's steps (``cleanup.document``).

The fast mappings are checked against the plain one, a bisect per position
per step, on random edits and random (sorted and unsorted) positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document, Edit, Step, undo

SIDES = st.sampled_from(["start", "end"])


def map_plainly(step: Step, pos: int, side: str) -> int:
    """One offset of ``step``'s output mapped to its input: the last edit starting at or before it decides."""
    i = bisect_right(step.out_starts, pos) - 1
    if i < 0:
        return pos
    e = step.edits[i]
    out_end = step.out_starts[i] + len(e.after)
    if pos >= out_end:
        return e.end + pos - out_end
    if pos == step.out_starts[i] or side == "start":
        return e.at
    return e.end


@st.composite
def edited_documents(draw: st.DrawFn) -> Document:
    """A short text rewritten by a few steps of adjacent, empty and growing edits."""
    doc = Document(draw(st.text("ab", max_size=12)))
    for _ in range(draw(st.integers(1, 4))):
        edits: list[Edit] = []
        at = draw(st.integers(0, 2))
        while at <= len(doc.text) and draw(st.booleans()):
            size = draw(st.integers(0, min(3, len(doc.text) - at)))
            edits.append(Edit(at, doc.text[at : at + size], draw(st.text("xy", max_size=3)), "r"))
            at += size + draw(st.integers(0, 2))
        doc.apply("s", edits)
    return doc


def input_length(doc: Document, step: int) -> int:
    """Length of the text step ``step`` found (the current text for ``len(doc.steps)``)."""
    return len(doc.raw) + sum(len(e.after) - len(e.before) for s in doc.steps[:step] for e in s.edits)


@st.composite
def mapping_cases(draw: st.DrawFn) -> tuple[Document, int, list[int], str]:
    """A document, a step, offsets in that step's input (sorted or not) and a side."""
    doc = draw(edited_documents())
    step = draw(st.integers(0, len(doc.steps)))
    positions = draw(st.lists(st.integers(0, input_length(doc, step)), max_size=12))
    if draw(st.booleans()):
        positions.sort()
    return doc, step, positions, draw(SIDES)


@settings(max_examples=400, deadline=None)
@given(mapping_cases())
def test_to_raw_all_maps_like_a_bisect_per_position_per_step(case):
    doc, step, positions, side = case
    expected = []
    for pos in positions:
        for s in reversed(doc.steps[:step]):
            pos = map_plainly(s, pos, side)
        expected.append(pos)
    assert doc.to_raw_all(step, positions, side) == expected


@settings(max_examples=300, deadline=None)
@given(mapping_cases())
def test_each_step_maps_like_a_bisect_per_position(case):
    doc, _, _, side = case
    for n, s in enumerate(doc.steps):
        positions = list(range(input_length(doc, n + 1) + 1))
        expected = [map_plainly(s, pos, side) for pos in positions]
        assert s.to_inputs(positions, side) == expected
        assert s.sorted_to_inputs(positions, side) == expected
        assert s.to_inputs(positions[::-1], side) == expected[::-1]


@settings(max_examples=300, deadline=None)
@given(edited_documents())
def test_changes_span_what_they_replaced_and_undo(doc):
    changes = doc.changes
    assert undo(doc.text, changes) == doc.raw
    assert all(c.start <= c.end for c in changes)
    for c in changes:
        if c.step == 0:
            assert doc.raw[c.start : c.end] == c.before


def test_a_replacement_snaps_inside_and_shifts_what_follows():
    doc = Document("abcdef")
    doc.apply("s", [Edit(4, "e", "EE", "r")])
    assert doc.to_raw_all(1, [0, 3, 4, 5, 6, 7], "end") == [0, 3, 4, 5, 5, 6]
    assert doc.to_raw_all(1, [0, 3, 4, 5, 6, 7], "start") == [0, 3, 4, 4, 5, 6]


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([Edit(1, "b", "B", "r"), Edit(0, "a", "A", "r")], "s: edits overlap or are unsorted at 0 (r)"),
        ([Edit(0, "ab", "", "r"), Edit(1, "b", "", "r")], "s: edits overlap or are unsorted at 1 (r)"),
        ([Edit(1, "c", "C", "r")], "s: edit r at 1 does not match the text"),
    ],
)
def test_apply_refuses_unsorted_overlapping_or_stale_edits(edits, message):
    doc = Document("abc")
    with pytest.raises(ValueError, match=re.escape(message)):
        doc.apply("s", edits)
    assert (doc.text, doc.steps) == ("abc", [])


# --- suspects kept: records whose after is their before ---------------------------


def test_a_suspect_is_recorded_not_applied_and_makes_no_step():
    doc = Document("政企企对接")
    doc.apply("stutter", [Edit(1, "企企", "企企", "stutter-word", "kept: words may meet")])
    assert doc.text == "政企企对接" and doc.steps == [] and doc.changes == []
    [s] = doc.suspects
    assert (s.rule, s.stage, s.start, s.end, s.before, s.after, s.step, s.at, s.note) == \
           ("stutter-word", "stutter", 1, 3, "企企", "企企", 0, 1, "kept: words may meet")
    assert doc.records == doc.suspects


def test_a_suspect_beside_edits_is_placed_in_the_raw_input():
    doc = Document("a,,b 会议会议")
    doc.apply("one", [Edit(1, ",,", ",", "comma")])  # "a,b 会议会议"
    doc.apply("two", [Edit(0, "a", "", "drop"), Edit(4, "会议会议", "会议会议", "kept", "doubt")])
    assert doc.text == ",b 会议会议"
    [s] = doc.suspects
    assert (s.start, s.end, s.step, s.at) == (5, 9, 1, 4)
    assert doc.raw[s.start:s.end] == s.before
    assert [c.rule for c in doc.records] == ["comma", "drop", "kept"]


def test_a_suspect_found_again_is_listed_once():
    doc = Document("甲，政企企对接")
    suspect = Edit(3, "企企", "企企", "stutter-word")
    doc.apply("stutter", [suspect])
    doc.apply("other", [Edit(0, "甲，", "", "drop")])
    doc.apply("stutter", [suspect._replace(at=1)])
    assert [(s.start, s.end, s.step) for s in doc.suspects] == [(3, 5, 0)]


def test_a_suspect_that_does_not_match_the_text_is_refused():
    with pytest.raises(ValueError, match="suspect stutter-word at 0 does not match"):
        Document("会议").apply("stutter", [Edit(0, "企企", "企企", "stutter-word")])


def test_undo_passes_over_suspects():
    doc = Document("会议会议，政企企对接")
    doc.apply("stutter", [Edit(2, "会议", "", "stutter-word"), Edit(6, "企企", "企企", "stutter-word")])
    assert doc.text == "会议，政企企对接"
    assert undo(doc.text, doc.records) == doc.raw
    assert undo(doc.text, doc.changes) == doc.raw


def test_a_step_putting_one_character_for_one_maps_every_offset_to_itself():
    doc = Document("甲,乙,丙")
    doc.apply("s", [Edit(1, ",", "，", "r"), Edit(3, ",", "，", "r")])
    doc.apply("s", [Edit(0, "甲，", "丁戊", "r")])
    one_for_one, two_for_two = doc.steps
    assert one_for_one.keeps_offsets() and not two_for_two.keeps_offsets()
    for side in ("start", "end"):
        everywhere = list(range(len(doc.text) + 1))
        assert one_for_one.sorted_to_inputs(everywhere, side) == everywhere
        assert [map_plainly(one_for_one, pos, side) for pos in everywhere] == everywhere
        assert two_for_two.sorted_to_inputs(everywhere, side) == [map_plainly(two_for_two, pos, side)
                                                                  for pos in everywhere]
