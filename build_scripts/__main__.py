"""Command line: ``python -m build_scripts parse FILE``, ``themes FILE``, ``build``, ``merge PART…``, ``package``.

``build`` writes the site's content as plain Markdown and data files (no engine
needed); ``mkdocs build`` runs the same pipeline itself through the plugin.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .enrich.themes import explain_item
from .enrich.issuers import IssuerAliasError
from .enrich.vocabulary import VocabularyError
from .model import printable
from .cache import ParseCache
from .pipeline import PartError, build_markdown, load_notice, merge_markdown, vocabulary_for
from .read.decode import SourceError
from .render.writer import OutputError
from .site.package import package_site

# Paths are relative to the folder the command runs in (the project), as mkdocs.yml's are; never to
# where the package is installed.
ROOT = Path(".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts",
                                     description="Build the work-plan site's Markdown from sources/.")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print one parsed notice as JSON")
    parse.add_argument("file", type=Path)
    parse.add_argument("--no-sidecar", action="store_true", help="ignore sources/<name>.yml")
    themes = commands.add_parser("themes", help="explain which words gave each item its themes")
    themes.add_argument("file", type=Path)
    themes.add_argument("--item", help="only this item: its number, or 2-1 for section 2 item 1")
    build = commands.add_parser("build", help="write the site's Markdown pages and data from sources/")
    build.add_argument("--sources", type=Path, default=ROOT / "sources")
    build.add_argument("--out", type=Path, default=ROOT / ".cache" / "markdown",
                       help="the folder of generated Markdown (default: .cache/markdown, where mkdocs reads it)")
    build.add_argument("--strict", action="store_true",
                       help="exit with an error when any warning is raised or a file is skipped")
    build.add_argument("--cache", type=Path, default=ROOT / ".cache" / "parsed",
                       help="where parsed notices are kept between builds (default: .cache/parsed)")
    build.add_argument("--no-cache", action="store_true", help="parse every source again")
    merge = commands.add_parser("merge", help="merge separately built parts (regions) into one site's Markdown")
    merge.add_argument("parts", type=Path, nargs="+", help="output folders of `build` runs, one per part")
    merge.add_argument("--out", type=Path, default=ROOT / ".cache" / "markdown")
    merge.add_argument("--sources", type=Path, default=ROOT / "sources",
                       help="the folder whose themes.yml every part was built with (default: sources/)")
    package = commands.add_parser("package", help="zip the built site/ for an intranet")
    package.add_argument("--site", type=Path, default=ROOT / "site")
    package.add_argument("--output", type=Path, default=ROOT / "dist" / "edu-work-plans-site.zip")
    args = parser.parse_args(argv)
    if args.command == "parse":
        return _parse(args.file, not args.no_sidecar)
    if args.command == "themes":
        return _explain_themes(args.file, args.item)
    if args.command == "package":
        return _package(args.site, args.output)
    if args.command == "merge":
        return _merge(args.parts, args.out, args.sources)
    return _build(args.sources, args.out, args.strict, None if args.no_cache else ParseCache(args.cache))


def _parse(path: Path, use_sidecar: bool) -> int:
    try:
        notice = load_notice(path, use_sidecar=use_sidecar)
    except (SourceError, OSError) as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    print(json.dumps(notice.to_dict(), ensure_ascii=False, indent=2))
    return 0


def _explain_themes(path: Path, only: str | None) -> int:
    try:
        vocabulary = vocabulary_for(path.parent)
        notice = load_notice(path, vocabulary=vocabulary)
    except (SourceError, VocabularyError, OSError) as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    shown = 0
    for section in notice.sections:
        for item in section.items:
            if only and only not in (str(item.number), f"{section.number}-{item.number}"):
                continue
            shown += 1
            print(f"{item.anchor}  {item.heading}")
            print("\n".join(explain_item(item, section.heading, vocabulary)) or "    (no theme words)")
            print(f"    => {', '.join(item.themes)}\n")
    if only and not shown:
        print(f"error: no item {only} in {path.name}", file=sys.stderr)
        return 2
    return 0


def _package(site: Path, output: Path) -> int:
    try:
        count = package_site(site, output)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    print(f"Packed {count} files into {output}", file=sys.stderr)
    return 0


def _merge(parts: list[Path], out: Path, sources: Path) -> int:
    try:
        result = merge_markdown(parts, out, sources)
    except (PartError, VocabularyError, OutputError) as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    stats = result.stats
    print(f"Merged {len(result.report.notices)} notice(s) from {len(parts)} part(s).", file=sys.stderr)
    print(f"{out}: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed.", file=sys.stderr)
    return 0


def _build(sources: Path, out: Path, strict: bool, cache: ParseCache | None) -> int:
    if not sources.is_dir():
        print(f"error: no sources folder at {sources}", file=sys.stderr)
        return 2
    try:
        result = build_markdown(sources, out, cache)
    except (VocabularyError, IssuerAliasError, OutputError) as error:
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    report, stats = result.report, result.stats
    print(report.summary(), file=sys.stderr)
    print(f"{out}: {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed.",
          file=sys.stderr)
    if cache is not None:
        print(f"parse cache: {cache.hits} reused, {cache.misses} parsed.", file=sys.stderr)
    if report.failed(strict):
        print("error: --strict: failing on the warnings above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
