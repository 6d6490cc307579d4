"""Next year's plan made from a corpus plan by recorded edits, with the true matching.

Each ``EditScript`` says what happens to the earlier plan's tasks: dropped, moved to
another section, title reworded, body rewritten around the same subject (the new
bodies are written by hand, below), two merged into one, one split into two, new
ones added. ``next_year`` applies it and returns the later plan's text and the
truth the matcher must find: for each later task, its status and the earlier
task(s) it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pathlib import Path

import yaml

from build_scripts.model import Item, MatchStatus, Notice, Section
from build_scripts.pipeline import load_notice

from ..source_writer import render_source
from .corpus import ROOT, seed_notice

YEAR_FIXTURE = ROOT / "tests" / "fixtures" / "year-over-year"


@dataclass(frozen=True)
class EditScript:
    base: str  # the corpus plan (seed stem)
    drop: tuple[int, ...] = ()
    move: dict[int, int] = field(default_factory=dict)  # task → section index it moves to (at its end)
    reword: dict[int, str] = field(default_factory=dict)  # task → new title
    rewrite: dict[int, str] = field(default_factory=dict)  # task → new body, same subject
    merge: tuple[tuple[int, int], ...] = ()  # (a, b): b joins a (a's place and title, both bodies)
    split: dict[int, tuple[str, str]] = field(default_factory=dict)  # task → two titles, body halved
    add: tuple[tuple[int, str, str], ...] = ()  # (section index, title, body)


@dataclass
class Truth:
    """The later plan's task numbers → (status, the earlier task numbers)."""

    links: dict[int, tuple[MatchStatus, tuple[int, ...]]]
    new: list[int]
    dropped: list[int]

    def pairs(self) -> set[tuple[int, int]]:
        return {(c, p) for c, (_, ps) in self.links.items() for p in ps}


def next_year(script: EditScript) -> tuple[str, Truth]:
    notice = seed_notice(script.base, use_sidecar=True)
    merged_into = {b: a for a, b in script.merge}
    sections: list[list[tuple[Item, tuple[int, ...], MatchStatus]]] = [[] for _ in notice.sections]
    moved: list[tuple[int, tuple[Item, tuple[int, ...], MatchStatus]]] = []
    for index, section in enumerate(notice.sections):
        for item in section.items:
            n = item.number
            if n in script.drop or n in merged_into:
                continue
            for entry in _edited(item, script, notice):
                if n in script.move:
                    moved.append((script.move[n], entry))
                else:
                    sections[index].append(entry)
    for index, entry in moved:
        sections[index].append(entry)
    for index, title, body in script.add:
        sections[index].append((_new_item(title, body), (), MatchStatus.NEW))
    later, truth = _renumber(notice, sections)
    truth.dropped = sorted(script.drop)
    return render_source(later), truth


def _edited(item: Item, script: EditScript, notice: Notice) -> list[tuple[Item, tuple[int, ...], MatchStatus]]:
    n = item.number
    title = script.reword.get(n, item.title)
    paragraphs = [script.rewrite[n]] if n in script.rewrite else list(item.paragraphs)
    partner = next((b for a, b in script.merge if a == n), None)
    if partner is not None:
        other = next(i for i in notice.items if i.number == partner)
        edited = replace(item, title=title, paragraphs=["".join(paragraphs) + "".join(other.paragraphs)],
                         department_notes=[])
        return [(edited, (n, partner), MatchStatus.MERGED)]
    if n in script.split:
        sentences = re.findall(r"[^。]+。?", "".join(paragraphs))
        half = max(1, len(sentences) // 2)
        first, second = script.split[n]
        return [(replace(item, title=first, paragraphs=["".join(sentences[:half])], department_notes=[]),
                 (n,), MatchStatus.SPLIT),
                (replace(item, title=second, paragraphs=["".join(sentences[half:])], department_notes=[]),
                 (n,), MatchStatus.SPLIT)]
    return [(replace(item, title=title, paragraphs=paragraphs, department_notes=[]), (n,), MatchStatus.CONTINUED)]


def _new_item(title: str, body: str) -> Item:
    return Item(number=0, marker="0.", title=title, anchor="", line=0, paragraphs=[body])


def _renumber(notice: Notice, sections) -> tuple[Notice, Truth]:
    links: dict[int, tuple[MatchStatus, tuple[int, ...]]] = {}
    new: list[int] = []
    number = 0
    out_sections = []
    for section, entries in zip(notice.sections, sections):
        items = []
        for item, earlier, status in entries:
            number += 1
            marker = re.sub(r"\d+", str(number), item.marker) if re.search(r"\d", item.marker) else f"{number}."
            items.append(replace(item, number=number, marker=marker, anchor=f"task-{number}"))
            if earlier:
                links[number] = (status, earlier)
            else:
                new.append(number)
        out_sections.append(replace(section, items=items, subsections=[]))
    year = (notice.year or 0) + 1
    later = replace(notice, title=notice.title.replace(str(notice.year), str(year)), sections=out_sections,
                    notice_title=None, doc_number=None, cover=[], recipients=None, issued=None, footnotes=[],
                    preamble=[p.replace(str(notice.year), str(year)) for p in notice.preamble])
    return later, Truth(links, new, [])


SCRIPTS = {
    "minhang": EditScript(
        base="2024-minhang-000",
        drop=(23, 24),
        move={8: 2},
        reword={5: "全面提升学校教育教学质量。", 15: "推动义务教育优质均衡发展。"},
        rewrite={
            13: "巩固课后服务全覆盖成果，提升课后服务课程的丰富性和吸引力，引入优质社会资源参与课后服务。"
                "加强校外培训机构日常监管和资金监管，严肃查处违规培训行为，持续减轻学生过重作业负担和校外培训负担。",
            20: "健全学校安全风险防控体系，开展校园消防、食品、交通和实验室安全隐患排查整治，完善突发事件应急预案并定期组织演练。"
                "加强学生心理危机干预和防溺水、防欺凌教育，守牢校园安全底线。",
        },
        merge=((1, 2),),
        split={11: ("推进智慧教育云平台与数字基座对接。", "丰富数字化教育应用场景。")},
        add=((1, "推进人工智能教育普及。", "在中小学开设人工智能通识课程，建设一批人工智能教育实验校，"
              "组织教师开展人工智能教学应用培训，举办区级青少年人工智能创新实践活动。"),
             (4, "加强教育对外交流与合作。", "深化与长三角地区及友好城市的校际交流，支持学校开展国际理解教育项目，"
              "拓展学生海外研学与文化交流渠道。")),
    ),
    "hongkou": EditScript(
        base="2022-hongkou-002",
        drop=(13, 20),
        move={12: 5, 35: 0},
        reword={7: "健全义务教育“双减”长效机制。", 25: "建设高水平教师队伍。"},
        rewrite={
            31: "完善校园安全管理制度，推进校园安防设施提档升级，开展安全隐患常态化排查整治。"
                "加强学生防溺水、交通、消防和防欺凌教育，提升师生安全素养和应急避险能力。",
            3: "完善学生心理健康教育工作体系，配齐配强专兼职心理教师，开展学生心理健康筛查和危机干预。"
               "办好家长学校，提升家庭教育指导服务水平，推动家校社协同育人。",
        },
        merge=((24, 26),),
        split={2: ("深化思政课改革创新。", "加强学校日常德育工作。")},
        add=((2, "推进科学教育提质。", "在中小学开展科学教育“加法”行动，建设一批科学教育特色学校和创新实验室，"
              "组织青少年科技创新大赛，引进高校和科研院所资源参与课后科学实践活动。"),
             (5, "加强学校图书馆建设。", "推进中小学图书馆标准化建设，更新馆藏图书，开展书香校园创建和全民阅读活动，"
              "提升学生阅读素养。")),
    ),
    "qingpu": EditScript(
        base="2019-qingpu-003",
        drop=(21, 24),
        move={26: 3},
        reword={4: "持续深化教育综合改革。", 17: "深入实施师德师风建设工程。"},
        rewrite={
            10: "增加学前教育学位供给，新建和改扩建一批公办幼儿园，扩大普惠性托育服务覆盖面。"
                "加强幼儿园保教质量评估，提升保育员和幼儿教师专业能力，促进幼儿园内涵发展。",
            27: "完善现代学校制度，推进学校章程修订和依法治校示范校创建，健全学校民主管理和家长委员会参与学校治理机制，"
                "提升学校治理能力。",
        },
        merge=((2, 3),),
        split={9: ("强化学校体育和卫生工作。", "加强艺术、科技及国防教育。")},
        add=((0, "加强校园文化建设。", "深入挖掘本土文化资源，打造一校一品校园文化项目，建设书香校园和艺术校园，"
              "营造积极向上的育人环境。"),
             (7, "做好学校传染病防控工作。", "健全学校传染病防控工作机制，落实晨午检和因病缺课追踪制度，储备防疫物资，"
              "做好师生健康监测和应急处置。")),
    ),
}


def fixture_pairs(folder: Path) -> list[tuple[str, Notice, Notice, Truth]]:
    """(name, earlier plan, later plan, truth) for every script, and the year-over-year fixture
    (2024 宝山 and the 2025 plan made from it by hand), each parsed by the real parser."""
    out = []
    for name, script in SCRIPTS.items():
        text, truth = next_year(script)
        path = folder / f"{name}-later.txt"
        path.write_text(text, encoding="utf-8")
        out.append((name, seed_notice(script.base, use_sidecar=True), load_notice(path, use_sidecar=False), truth))
    known = yaml.safe_load((YEAR_FIXTURE.parent / "year-over-year-expected.yml").read_text(encoding="utf-8"))
    truth = Truth({c: (MatchStatus.CONTINUED, (p,)) for c, p in known["continued"].items()}, known["new"], known["dropped"])
    out.append(("baoshan", load_notice(YEAR_FIXTURE / "2024-baoshan-004.txt"),
                load_notice(YEAR_FIXTURE / "2025-baoshan-fixture.txt"), truth))
    return out


def write_comparison_sources(folder: Path) -> Path:
    """A collection of consecutive plans: each script's corpus plan and the plan made from it
    (same issuer, a year later), and the year-over-year fixture pair."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = ROOT / "sources"
    for path in [sources / "themes.yml", *YEAR_FIXTURE.iterdir()]:
        (folder / path.name).write_bytes(path.read_bytes())
    for name, script in SCRIPTS.items():
        for suffix in (".txt", ".yml"):
            original = sources / f"{script.base}{suffix}"
            if original.exists():
                (folder / original.name).write_bytes(original.read_bytes())
        earlier = seed_notice(script.base, use_sidecar=True)
        text, _ = next_year(script)
        later = f"{(earlier.year or 0) + 1}-{name}-edited"
        (folder / f"{later}.txt").write_text(text, encoding="utf-8")
        said = f"issuer: {earlier.issuer}" if earlier.issuer else f"region: {earlier.region}"
        (folder / f"{later}.yml").write_text(said + "\n", encoding="utf-8")
    return folder
