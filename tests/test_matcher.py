"""Finding register forms in text (build_tools/enrich/matcher.py), on lines made for each case."""
from __future__ import annotations

from build_tools.enrich import matcher
from build_tools.enrich.matcher import Matcher, form_keys

TEXT = "Then Nikolai Yezhov came, and Yezhov’s men with him."


def names(found) -> list[str]:
    return [m.text for m in found]


def test_a_form_matches_whole_words_and_takes_no_possessive():
    found = Matcher({form_keys("Nikolai Yezhov"): 1, form_keys("Yezhov"): 2}).find(TEXT)
    assert names(found) == ["Nikolai Yezhov", "Yezhov"]


def test_no_form_runs_across_a_boundary_and_a_word_cut_by_one_is_two_words():
    m = Matcher({form_keys("Nikolai Yezhov"): 1, form_keys("Yezhov"): 2})
    yezhov = TEXT.index("Yezhov")
    assert names(m.find(TEXT, [yezhov])) == ["Yezhov", "Yezhov"]  # a link begins at the surname
    assert names(m.find(TEXT, [yezhov + 3])) == ["Yezhov"]  # "Yez|hov": neither name, the second one is
    # many boundaries before, between and after the words change nothing where none falls inside one
    edges = [0, 1, 2, 3, TEXT.index(" Nikolai"), TEXT.index(" came"), TEXT.index(" came") + 1, len(TEXT)]
    assert names(m.find(TEXT, edges)) == ["Nikolai Yezhov", "Yezhov"]
    assert names(m.find(TEXT, [len(TEXT) - 3, yezhov + 1, yezhov + 2])) == ["Yezhov"]  # unordered, two in one word


def test_every_register_s_matcher_splits_a_text_once_until_the_edition_is_read(monkeypatch):
    split = []
    real = matcher._tokens
    monkeypatch.setattr(matcher, "_tokens", lambda text, cuts: split.append(text) or real(text, cuts))
    matcher.forget()
    persons, places = Matcher({form_keys("Yezhov"): 1}), Matcher({form_keys("Moscow"): 1})
    persons.find(TEXT, [4])
    places.find(TEXT, [4])
    assert split == [TEXT]
    places.find(TEXT, [5])  # other boundaries: split again
    assert len(split) == 2
    matcher.forget()
    persons.find(TEXT, [4])
    assert len(split) == 3
