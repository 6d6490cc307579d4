"""themes.yml is checked as a whole: every problem at once, each with its line."""

from __future__ import annotations

import pytest

from build_scripts.enrich.vocabulary import VocabularyError, load_vocabulary

GOOD = """groups: [学段, 育人]
themes:
  - slug: preschool
    name: 学前教育
    scope: 幼儿园
    group: 学段
    words: [幼儿园, 托育]
    weak: [幼儿]
  - slug: reform
    name: 综合改革
    scope: 其他
    group: 育人
    words: [改革]
"""


def load(tmp_path, text):
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    return load_vocabulary(path)


def problems(tmp_path, text) -> list[tuple[int | None, str]]:
    with pytest.raises(VocabularyError) as error:
        load(tmp_path, text)
    return error.value.problems


def test_a_good_vocabulary_loads(tmp_path):
    vocabulary = load(tmp_path, GOOD)
    assert [t.slug for t in vocabulary.themes] == ["preschool", "reform"]
    assert vocabulary.groups == ["学段", "育人"]
    assert vocabulary["preschool"].weak == ("幼儿",)
    assert vocabulary.matches("幼儿园和托育以及幼儿") == ["幼儿园", "托育", "幼儿"]
    assert vocabulary.themes_of("幼儿") == [("preschool", 1 / 3)]
    assert [t.slug for t in vocabulary.in_group("育人")] == ["reform"]


def test_a_misspelt_key_is_reported_with_its_line_not_ignored(tmp_path):
    found = problems(tmp_path, GOOD.replace("    weak: [幼儿]", "    weka: [幼儿]"))
    assert found == [(8, "unknown key 'weka' (known: slug, name, scope, group, words, weak); "
                         "fix its spelling or remove it")]


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("slug: preschool", "slug: Pre School").replace("group: 育人", "group: 高校") \
        .replace("groups: [学段, 育人]", "groups: [学段, 育人]\nextra: 1")
    found = problems(tmp_path, text)
    lines = [line for line, _ in found]
    assert lines == [2, 4, 13], found
    assert "unknown key 'extra'" in found[0][1] and "must be lower-case" in found[1][1] and "'高校'" in found[2][1]
    assert "3 problem(s)" in str(VocabularyError("themes.yml", found))
    assert "themes.yml:4: theme #1 (Pre School): slug" in str(VocabularyError("themes.yml", found))


def test_missing_fields_duplicates_and_the_fallback(tmp_path):
    found = problems(tmp_path, "themes:\n  - slug: a\n    name: x\n  - {slug: b, name: y, scope: s, group: g, words: [w]}\n"
                               "  - {slug: b, name: z, scope: s, group: g, words: []}\n")
    messages = [m for _, m in found]
    assert "theme #1 (a): missing scope, group, words" in messages
    assert "theme #3 (b): 'words' must list at least one word" in messages
    assert "slugs used twice: b" in messages
    assert "the fallback theme 'reform' is missing" in messages


def test_yaml_errors_and_wrong_shapes(tmp_path):
    assert problems(tmp_path, "themes: [unclosed\n")[0][0] == 2
    assert problems(tmp_path, "- a\n- b\n") == [(1, "the file must be a mapping with 'groups:' and 'themes:'"),
                                               (1, "missing 'themes:' (the list of themes)")]
    found = problems(tmp_path, "themes:\n  - just a word\n  - {slug: reform, name: r, scope: s, group: g, words: w}\n")
    assert found[0] == (2, "theme #1: expected a mapping with slug, name, scope, group, words")
    assert found[1][0] == 3 and "'words' must be a list" in found[1][1]
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(tmp_path / "missing.yml")


def test_a_vocabulary_saved_as_gbk_or_too_large_is_named_with_the_fix(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_bytes(GOOD.encode("gbk"))  # what Notepad's "ANSI" saves on a Chinese Windows
    with pytest.raises(VocabularyError, match=r"themes.yml: not UTF-8 \(bad byte at offset \d+\); save it as UTF-8"):
        load_vocabulary(path)
    path.write_text(GOOD + "#" * (1024 * 1024), encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"themes.yml: themes.yml: over 1 MB"):
        load_vocabulary(path)
    path.write_text(GOOD.replace("words: [改革]", "words: [" + "改" * 41 + "]"), encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"a word of 41 characters in 'words'; a signal word has at most 40"):
        load_vocabulary(path)
