"""One name per issuer, so that a bureau's plans are compared year over year.

Sources name the same bureau in several ways: "上海市青浦区" (a region on a web
page's 来源 line), "青浦区教育局" and "上海市青浦区教育局". Names are made one:

1. by ``sources/issuers.yml``, which users edit (the canonical name, then its
   other names)::

       上海市青浦区教育局:
         - 青浦区教育局
         - 上海市青浦区
         - 青浦教育局

2. and, for names the file does not list, by two rules: a bare region
   ("上海市青浦区") is that region's education bureau when the collection has
   exactly one; a bureau's short name ("青浦区教育局") is its full name
   ("上海市青浦区教育局") when exactly one full name ends with it.

A plan that names no issuer but whose region has a bureau in the collection is
that bureau's. Each change is reported as information, with the way to undo it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


from ..model import Diagnostic, DiagnosticKind, Level, Notice
from ..parse import rules
from ..read.sources import ISSUERS_FILE
from ..read import bounded_yaml
from ..read.decode import SourceError, read_bounded

_BARE_REGION_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}[省市区县旗]$")


class IssuerAliasError(Exception):
    """issuers.yml is unusable: the message lists every problem with its line."""


@dataclass
class IssuerAliases:
    canonical: dict[str, str] = field(default_factory=dict)  # other name → canonical name
    source: str = ISSUERS_FILE

    def __contains__(self, name: str) -> bool:
        return name in self.canonical


def load_aliases(path: Path | None) -> IssuerAliases:
    """The alias list, checked as a whole (raises IssuerAliasError); empty when there is none."""
    if path is None or not path.is_file():
        return IssuerAliases()
    try:
        node = bounded_yaml.compose(read_bounded(path, bounded_yaml.MAX_BYTES).decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, SourceError) as error:
        raise IssuerAliasError(f"{path.name}: not valid YAML ({error}); fix the file and build again") from None
    problems: list[str] = []
    aliases = IssuerAliases(source=path.name)
    if node is None:
        return aliases
    if not isinstance(node, yaml.MappingNode):
        raise IssuerAliasError(f"{path.name}:{node.start_mark.line + 1}: expected a mapping of issuer names "
                               "to lists of their other names")
    for key, value in node.value:
        line = key.start_mark.line + 1
        names = [v.value for v in value.value] if isinstance(value, yaml.SequenceNode) else None
        if not isinstance(key, yaml.ScalarNode) or names is None or not all(isinstance(n, str) for n in names):
            problems.append(f"{path.name}:{line}: '{key.value}' must be followed by a list of its other names")
            continue
        for name in names:
            if name in aliases.canonical and aliases.canonical[name] != key.value:
                problems.append(f"{path.name}:{line}: '{name}' is listed under both '{aliases.canonical[name]}' "
                                f"and '{key.value}'; keep it under one")
            aliases.canonical[name] = key.value
    if problems:
        raise IssuerAliasError(f"{len(problems)} problem(s) in the issuer names:\n  " + "\n  ".join(problems))
    return aliases


def unify_issuers(notices: list[Notice], aliases: IssuerAliases) -> None:
    """Give every notice its issuer's one name (in place), reporting each change."""
    for notice in notices:
        if notice.issuer in aliases:
            _rename(notice, aliases.canonical[notice.issuer], f"listed in {aliases.source}")
    bureaus = _bureaus_by_region({n.issuer for n in notices if n.issuer})
    names = {n.issuer for n in notices if n.issuer}
    for notice in notices:
        if notice.issuer and notice.issuer not in aliases.canonical.values():
            longer = _full_name(notice.issuer, names)
            if longer:
                _rename(notice, longer, "the same bureau's full name in this collection")
            elif _BARE_REGION_RE.match(notice.issuer) and len(bureaus.get(notice.issuer, [])) == 1:
                _rename(notice, bureaus[notice.issuer][0], "the region's education bureau in this collection")
        elif notice.issuer is None and notice.region and len(bureaus.get(notice.region, [])) == 1:
            notice.issuer = bureaus[notice.region][0]
            notice.metadata_sources["issuer"] = "the region's education bureau in this collection"
            notice.diagnostics.append(_info(notice, f"no issuer named; taken as {notice.issuer}, the education "
                                                    f"bureau of {notice.region} in this collection"))


def _bureaus_by_region(names: set[str]) -> dict[str, list[str]]:
    by_region: dict[str, list[str]] = {}
    for name in sorted(names):
        match = rules.REGION_FROM_ISSUER_RE.match(name)
        if match and rules.ISSUER_RE.search(name) and name != match["region"]:
            by_region.setdefault(match["region"], []).append(name)
            short = re.sub(r"^[\u4e00-\u9fff]{2,3}?[省市](?=[\u4e00-\u9fff]{2,}[区县])", "", match["region"])
            if short != match["region"]:
                by_region.setdefault(short, []).append(name)
    return by_region


def _full_name(name: str, names: set[str]) -> str | None:
    """"青浦区教育局" → "上海市青浦区教育局" when that is the only longer name ending with it."""
    if not rules.ISSUER_RE.search(name):
        return None
    longer = [other for other in names if other != name and other.endswith(name)
              and _BARE_REGION_RE.match(other[: len(other) - len(name)] or "-")]
    return longer[0] if len(longer) == 1 else None


def _rename(notice: Notice, name: str, why: str) -> None:
    if name == notice.issuer:
        return
    old = notice.issuer
    notice.issuer = name
    notice.metadata_sources["issuer"] = f"{notice.metadata_sources.get('issuer', 'source')}, renamed: {why}"
    notice.diagnostics.append(_info(notice, f"issuer “{old}” taken as “{name}” ({why}); list the names in "
                                            f"sources/{ISSUERS_FILE} to decide otherwise"))
    match = rules.REGION_FROM_ISSUER_RE.match(name)
    if match and not notice.region:
        notice.region = match["region"]


def _info(notice: Notice, message: str) -> Diagnostic:
    return Diagnostic(DiagnosticKind.ISSUER, message, notice.source, level=Level.INFO)
