"""The theme vocabulary, ``sources/themes.yml``: loaded and checked as a whole.

Every problem is reported at once, each with the file and line: a missing or
malformed field, an unknown key (a typo such as ``weka:`` would otherwise lose
its words without a word), a duplicate slug, an unknown group, the missing
fallback theme.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..read import bounded_yaml
from ..read.decode import SourceError, read_bounded

# The vocabulary of a collection whose sources/ has no themes.yml: shipped with the package
# (package data), so that every kind of install finds it.
DEFAULT_VOCABULARY = Path(__file__).resolve().parent / "themes.yml"
FALLBACK_SLUG = "reform"
MAX_WORD = 40  # characters of one signal word (the matcher's pattern nests a level per character)
WEAK_FACTOR = 1 / 3
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")
TOP_KEYS = ("groups", "themes")
REQUIRED_KEYS = ("slug", "name", "scope", "group", "words")
THEME_KEYS = REQUIRED_KEYS + ("weak",)


class VocabularyError(Exception):
    """themes.yml is unusable; the message lists every problem with its line."""

    def __init__(self, file: str, problems: list[tuple[int | None, str]]):
        self.problems = problems
        lines = [f"{file}:{line}: {message}" if line else f"{file}: {message}" for line, message in problems]
        super().__init__(f"{len(problems)} problem(s) in the theme vocabulary:\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    scope: str
    group: str
    words: tuple[str, ...]
    weak: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    themes: list[Theme]
    groups: list[str]
    _by_slug: dict[str, Theme] = field(init=False, repr=False)
    _pattern: re.Pattern = field(init=False, repr=False)
    _word_themes: dict[str, list[tuple[str, float]]] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_slug = {t.slug: t for t in self.themes}
        self._word_themes = defaultdict(list)
        for theme in self.themes:
            for word in theme.words:
                self._word_themes[word].append((theme.slug, 1.0))
            for word in theme.weak:
                self._word_themes[word].append((theme.slug, WEAK_FACTOR))
        self._pattern = re.compile(trie_pattern(self._word_themes))

    def __getitem__(self, slug: str) -> Theme:
        return self._by_slug[slug]

    @property
    def slugs(self) -> set[str]:
        return set(self._by_slug)

    def in_group(self, group: str) -> list[Theme]:
        return [t for t in self.themes if t.group == group]

    def matches(self, text: str) -> list[str]:
        """Signal words in ``text``, non-overlapping, longest first (regex alternation order)."""
        return self._pattern.findall(text) if text else []

    def themes_of(self, word: str) -> list[tuple[str, float]]:
        return self._word_themes[word]


def trie_pattern(words) -> str:
    """A regex matching any of ``words``, longest first, as a trie: "心理(?:健康(?:教育)?)?".

    Python's re tries a flat alternation's branches one by one at every position;
    a trie shares their prefixes, which makes tagging a large corpus several times faster.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + "|".join(re.escape(char) + pattern(child) for char, child in sorted(trie.items())) + ")"


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check ``path``; raises VocabularyError listing every problem."""
    try:
        text = read_bounded(path, bounded_yaml.MAX_BYTES).decode("utf-8-sig")
        root = bounded_yaml.compose(text)
    except OSError as error:
        raise VocabularyError(path.name, [(None, f"cannot read the file: {error.strerror}")]) from None
    except SourceError as error:
        raise VocabularyError(path.name, [(None, str(error))]) from None
    except UnicodeDecodeError as error:
        raise VocabularyError(path.name, [(None, f"not UTF-8 (bad byte at offset {error.start}); save it as UTF-8")]) \
            from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise VocabularyError(path.name, [(mark.line + 1 if mark else None,
                                           f"not valid YAML: {getattr(error, 'problem', error)}")]) from None
    return _Checker().vocabulary(root, path.name)


class _Checker:
    """Walks the YAML nodes (which keep line numbers), collecting every problem."""

    def __init__(self):
        self.problems: list[tuple[int | None, str]] = []

    def problem(self, node, message: str) -> None:
        self.problems.append((node.start_mark.line + 1 if node is not None else None, message))

    def vocabulary(self, root, file: str) -> Vocabulary:
        top = self.mapping(root, "the file must be a mapping with 'groups:' and 'themes:'", TOP_KEYS)
        groups = [self.text(g) for g in self.sequence(top.get("groups"), "'groups' must be a list")] \
            if "groups" in top else []
        themes_node = top.get("themes")
        if themes_node is None:
            self.problem(root, "missing 'themes:' (the list of themes)")
        themes = [t for index, node in enumerate(self.sequence(themes_node, "'themes' must be a list"), start=1)
                  if (t := self.theme(node, index, groups)) is not None]
        self.check_slugs(themes_node, themes)
        if self.problems:
            raise VocabularyError(file, self.problems)
        return Vocabulary(themes, groups or sorted({t.group for t in themes}))

    def mapping(self, node, message: str, known: tuple[str, ...]) -> dict:
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, message)
            return {}
        result = {}
        for key, value in node.value:
            result[str(key.value)] = value
        for key, _ in node.value:
            if str(key.value) not in known:
                self.problem(key, f"unknown key '{key.value}' (known: {', '.join(known)}); "
                                  "fix its spelling or remove it")
        return result

    def sequence(self, node, message: str) -> list:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, message)
            return []
        return node.value

    def text(self, node) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.problem(node, "expected a non-empty text")
            return ""
        return str(node.value).strip()

    def theme(self, node, index: int, groups: list[str]) -> Theme | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"theme #{index}: expected a mapping with {', '.join(REQUIRED_KEYS)}")
            return None
        fields = self.mapping(node, f"theme #{index}", THEME_KEYS)
        label = f"theme #{index}" + (f" ({fields['slug'].value})" if isinstance(fields.get("slug"), yaml.ScalarNode)
                                     else "")
        missing = [k for k in REQUIRED_KEYS if k not in fields]
        if missing:
            self.problem(node, f"{label}: missing {', '.join(missing)}")
            return None
        slug, name, scope, group = (self.text(fields[k]) for k in ("slug", "name", "scope", "group"))
        if slug and not SLUG_RE.match(slug):
            self.problem(fields["slug"], f"{label}: slug '{slug}' must be lower-case ASCII letters, digits and '-'")
        if groups and group and group not in groups:
            self.problem(fields["group"], f"{label}: group '{group}' is not one of {groups}")
        words = self.words(fields["words"], label, "words")
        if not words:
            self.problem(fields["words"], f"{label}: 'words' must list at least one word")
        weak = self.words(fields["weak"], label, "weak") if "weak" in fields else ()
        return Theme(slug, name, scope, group, words, weak)

    def words(self, node, label: str, key: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
            return ()
        items = self.sequence(node, f"{label}: '{key}' must be a list such as [双减, 课后服务]")
        words = []
        for item in items:
            word = self.text(item)
            if len(word) > MAX_WORD:
                self.problem(item, f"{label}: a word of {len(word)} characters in '{key}'; a signal word has at "
                                   f"most {MAX_WORD} (such as 课后服务)")
            elif word:
                words.append(word)
        return tuple(words)

    def check_slugs(self, node, themes: list[Theme]) -> None:
        slugs = [t.slug for t in themes]
        duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
        if duplicates:
            self.problem(node, f"slugs used twice: {', '.join(duplicates)}")
        if themes and FALLBACK_SLUG not in slugs:
            self.problem(node, f"the fallback theme '{FALLBACK_SLUG}' is missing")
