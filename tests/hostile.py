"""Hostile sources, made as an attacker would: every field of every format carries script,
template syntax, control and bidi characters; and files that are broken, deep, huge or bombs.

``write_hostile_sources(folder)`` writes them all beside each other and returns the cases:
what each file is and what the build must make of it (a notice, with a marker its page must
show, or a skipped file with words its message must contain). ``python -m tests.hostile DIR``
writes them for a look.
"""

from __future__ import annotations

import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Each vector carries a number, so that a dialog or an element that appears says which one got in.
VECTORS = (
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "&lt;script&gt;alert(4)&lt;/script&gt;",
    "{{ 7*7 }}{% if 1 %}jinja{% endif %}",
    "'-alert(6)-'",
    "\u202e\u2028\u2029\x1b[31m\x00\x07",
    "<iframe srcdoc='<script>alert(8)</script>'>",
)
ALL_VECTORS = "".join(VECTORS)
TITLE = "2024年测试区{}教育局工作要点"
SECRET = "WORKPLANS-SECRET-0451"  # outside sources/: must never be published

BODY = """一、加强党的建设
1. 深化理论学习{t}{v}。全面落实立德树人根本任务，推进学习教育常态化。（责任科室：组织科{v}）
2. 加强队伍建设{t}。健全教师培训体系，提升教师专业能力。
二、推进课程改革
3. 完善“双减”长效机制{t}{v}。提高作业设计质量，丰富课后服务内容。
"""
_numbers = iter(range(1, 10_000))


@dataclass(frozen=True)
class Case:
    file: str
    what: str
    builds: bool  # a notice is made of it; else it is skipped, named, with ``message`` in its reason
    message: tuple[str, ...] = ()
    marker: str = ""  # text its notice page must show (builds)


def write_hostile_sources(folder: Path, outside: Path) -> list[Case]:
    """Write every hostile source into ``folder``; ``outside`` is a folder beside it for the
    targets of symlinks (it holds ``SECRET``)."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for writer in (_text_fields, _web_fields, _word_fields, _pdf_fields, _sidecar_fields, _file_name,
                   _pdf_blank_page, _pdf_encrypted, _pdf_shared_content, _word_broken, _word_numbering, _word_bombs,
                   _web_deep, _web_flat, _yaml_bombs, _numbering_flood, _huge_text, _huge_numbers, _symlinks):
        cases += writer(folder, outside)
    return cases


def _notice_text(title_vector: str, body_vector: str = "") -> str:
    """A short plan; each call's 文号 and task titles are its own (else the build keeps one as a duplicate)."""
    number = next(_numbers)
    return (f"关于印发《{TITLE.format(title_vector)}》的通知\n测教〔2024〕{number}号{body_vector}\n各学校{body_vector}：\n"
            f"现将有关工作要点印发给你们。\n测试区教育局\n2024年2月1日\n{TITLE.format(title_vector)}\n"
            + BODY.format(v=body_vector, t=f"（第{number}份）"))


# --- fields of each format -----------------------------------------------------------

def _text_fields(folder: Path, outside: Path) -> list[Case]:
    (folder / "2024-hostile-text.txt").write_text(_notice_text(VECTORS[0], ALL_VECTORS), encoding="utf-8")
    # the same issuer's plan a year before: comparison, redline and side-by-side pages of hostile text
    previous = _notice_text(VECTORS[2], ALL_VECTORS).replace("2024", "2023").replace("（第", "（前一年第")
    (folder / "2023-hostile-previous.txt").write_text(previous, encoding="utf-8")
    return [Case("2024-hostile-text.txt", "title, 文号, recipients and tasks of a .txt", True, marker="深化理论学习"),
            Case("2023-hostile-previous.txt", "the issuer's previous plan (comparisons of hostile text)", True,
                 marker="深化理论学习")]


def _web_fields(folder: Path, outside: Path) -> list[Case]:
    entity = "&lt;img src=x onerror=alert(11)&gt;&lt;/title&gt;&lt;script&gt;alert(12)&lt;/script&gt;"
    rows = "".join(f"<p>{line}</p>" for line in BODY.format(v=entity, t="（网页）").splitlines())
    page = (f"<html><head><title>{entity}测试区教育局 --{entity}</title>"
            f"<meta name='description' content='{entity}'></head><body>"
            f"<table><tr><td>发布机构：</td><td>测试区{entity}教育局</td><td>文号：</td><td>测教〔2024〕2号{entity}</td></tr>"
            f"<tr><td>成文日期：</td><td>2024-02-01</td></tr></table>"
            f"<div class='article'><h1>{TITLE.format(entity)}</h1>{rows}</div></body></html>")
    (folder / "2024-hostile-web.html").write_text(page, encoding="utf-8")
    return [Case("2024-hostile-web.html", "<title>, <h1>, 发布机构 and 文号 cells with entity-encoded markup", True,
                 marker="深化理论学习")]


def _word_fields(folder: Path, outside: Path) -> list[Case]:
    from docx import Document

    document = Document()
    document.core_properties.title = ALL_VECTORS[:200].replace("\x00", "").replace("\x1b", "").replace("\x07", "")
    document.core_properties.author = VECTORS[0]
    for line in _notice_text(VECTORS[1], VECTORS[0]).splitlines():
        document.add_paragraph(line)
    document.save(str(folder / "2024-hostile-word.docx"))
    return [Case("2024-hostile-word.docx", "a .docx title, body and core properties", True, marker="深化理论学习")]


def _pdf_fields(folder: Path, outside: Path) -> list[Case]:
    _pdf(folder / "2024-hostile-pdf.pdf", [_notice_text(VECTORS[2], VECTORS[0]).splitlines()])
    return [Case("2024-hostile-pdf.pdf", "PDF text with markup", True, marker="深化理论学习")]


def _sidecar_fields(folder: Path, outside: Path) -> list[Case]:
    (folder / "2024-hostile-sidecar.txt").write_text(_notice_text("（旁注）"), encoding="utf-8")
    values = {"title": TITLE.format(VECTORS[1]), "issuer": "测试区" + VECTORS[0] + "教育局",
              "doc_number": VECTORS[2], "recipients": VECTORS[4], "url": "javascript:alert(13)",
              "notice_title": VECTORS[7], "region": VECTORS[3], VECTORS[0]: 1}
    # JSON is YAML: every value quoted, control characters escaped
    (folder / "2024-hostile-sidecar.yml").write_text(json.dumps(values, ensure_ascii=True), encoding="utf-8")
    return [Case("2024-hostile-sidecar.txt", "sidecar title, issuer, 文号, recipients, url and an unknown key", True,
                 marker="深化理论学习")]


def _file_name(folder: Path, outside: Path) -> list[Case]:
    name = "2024-<img src=x onerror=alert(14)>{{7*7}}.txt"
    (folder / name).write_text(_notice_text("文件名"), encoding="utf-8")
    disguised = "2024-计划\u202etxt.exe.txt"  # shown right to left, it reads as another file
    (folder / disguised).write_text(_notice_text("方向"), encoding="utf-8")
    return [Case(name, "a file name with markup", True, marker="深化理论学习"),
            Case(disguised, "a file name with a right-to-left override", False, ("rename the file",))]


# --- PDF ------------------------------------------------------------------------------

def _pdf(path, pages: list[list[str]], encrypt=None) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path) if isinstance(path, Path) else path, pagesize=A4, encrypt=encrypt, invariant=1)
    for lines in pages:
        y = A4[1] - 80
        for line in lines:
            canvas.setFont("STSong-Light", 12)
            canvas.drawString(60, y, line)
            y -= 20
        canvas.showPage()
    canvas.save()


def _pdf_blank_page(folder: Path, outside: Path) -> list[Case]:
    _pdf(folder / "2024-blank-last-page.pdf", [_notice_text("空白页").splitlines(), []])
    _pdf(folder / "2024-blank-first-page.pdf", [[], _notice_text("首页空白").splitlines()])
    _pdf(folder / "2024-many-pages.pdf", [_notice_text("页数").splitlines()] + [[]] * 600)
    return [Case("2024-blank-last-page.pdf", "a PDF ending on a blank page", True, marker="深化理论学习"),
            Case("2024-blank-first-page.pdf", "a PDF starting with a blank page", True, marker="深化理论学习"),
            Case("2024-many-pages.pdf", "a PDF of 601 pages", False, ("601 pages", "500"))]


def _pdf_encrypted(folder: Path, outside: Path) -> list[Case]:
    from reportlab.lib.pdfencrypt import StandardEncryption

    lines = _notice_text("加密").splitlines()
    _pdf(folder / "2024-user-password.pdf", [lines], StandardEncryption("open-sesame", "owner", canPrint=1))
    _pdf(folder / "2024-owner-password.pdf", [lines], StandardEncryption("", "owner", canPrint=0, canCopy=0))
    return [Case("2024-user-password.pdf", "a PDF that needs a password to open", False, ("password",)),
            Case("2024-owner-password.pdf", "a PDF whose owner password garbles its text (cid:N)", False,
                 ("encrypted", "(cid:N)"))]


def _pdf_shared_content(folder: Path, outside: Path) -> list[Case]:
    """21 pages that all draw one content stream of 10,000 characters: 45 KB, 210,000 characters."""
    text = "1. ABCDEFGHIJ" * 8
    stream = "BT /F1 6 Tf " + "".join(f"1 0 0 1 20 {800 - (n % 130) * 6} Tm ({text[:100]}) Tj " for n in range(100)) + "ET"
    pages = 21
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{5 + n} 0 R' for n in range(pages))}] /Count {pages} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                "/Contents 4 0 R >>"] * pages
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode()
    table = len(data)
    data += (f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
             + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n").encode()
    (folder / "2024-shared-content.pdf").write_bytes(data)
    return [Case("2024-shared-content.pdf", "a 45 KB PDF whose pages share one stream of 10,000 characters", False,
                 ("200,000 characters",))]


# --- Word -----------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                 'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/numbering" Target="numbering.xml"/></Relationships>')


def _paragraph(text: str, num_id: int | None = None) -> str:
    numbering = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f"<w:p>{numbering}<w:r><w:t xml:space=\"preserve\">{_xml(text)}</w:t></w:r></w:p>"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _document(paragraphs: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>'


def _numbering(fmt: str, start: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="1">'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/>'
            f'</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def _docx(path, document: str, numbering: str | None = None, root_rels: str = ROOT_RELS,
          compression: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("word/document.xml", document)
        if numbering is not None:
            archive.writestr("word/_rels/document.xml.rels", DOC_RELS)
            archive.writestr("word/numbering.xml", numbering)


def _numbered_plan(lines: int = 3) -> str:
    head = "".join(_paragraph(line) for line in _notice_text("编号").splitlines()[:8])
    return head + _paragraph("一、加强党的建设") + "".join(
        _paragraph(f"任务内容第{n}项。落实各项工作。", num_id=1) for n in range(lines))


def _word_broken(folder: Path, outside: Path) -> list[Case]:
    no_rel = ROOT_RELS.replace("officeDocument/2006/relationships/officeDocument", "example/other")
    _docx(folder / "2024-no-office-document.docx", _document(_numbered_plan()), root_rels=no_rel)
    deep = "<w:sdt><w:sdtContent>" * 20000 + _paragraph("深") + "</w:sdtContent></w:sdt>" * 20000
    _docx(folder / "2024-deep-word.docx", _document(_numbered_plan() + deep))
    return [Case("2024-no-office-document.docx", "a .docx without an officeDocument relationship", False,
                 ("2024-no-office-document.docx",)),
            Case("2024-deep-word.docx", "a .docx nested 20,000 elements deep", False, ("nest",))]


def _word_numbering(folder: Path, outside: Path) -> list[Case]:
    _docx(folder / "2024-chinese-1000.docx", _document(_numbered_plan()), _numbering("chineseCounting", "1000"))
    cases = [Case("2024-chinese-1000.docx", "a chineseCounting list starting at 1000 (一千)", True, marker="一千")]
    for name, fmt, start, message in (("2024-start-abc.docx", "decimal", "abc", "not a number"),
                                      ("2024-roman-2e9.docx", "upperRoman", "2000000000", "32767"),
                                      ("2024-letter-2e9.docx", "upperLetter", "2000000000", "32767"),
                                      ("2024-decimal-huge.docx", "decimal", "9" * 400, "32767")):
        _docx(folder / name, _document(_numbered_plan()), _numbering(fmt, start))
        cases.append(Case(name, f"a {fmt} list starting at {start[:12]}", False, ("start value", message)))
    return cases


def _word_bombs(folder: Path, outside: Path) -> list[Case]:
    filler = _paragraph("任务内容。") * 400_000  # about 40 MB of XML, deflated to a few hundred KB
    _docx(folder / "2024-zip-bomb.docx", _document(_numbered_plan() + filler))
    # 5,000 header relationships, all to one header part of 1 MB (under the size and ratio limits)
    rels = DOC_RELS.replace("</Relationships>", "".join(
        f'<Relationship Id="h{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
        'Target="header1.xml"/>' for n in range(5000)) + "</Relationships>")
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>' + _paragraph("页眉" * 150_000) + "</w:hdr>"
    with zipfile.ZipFile(folder / "2024-header-bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/document.xml", _document(_numbered_plan()))
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/header1.xml", header)
    return [Case("2024-zip-bomb.docx", "a .docx whose XML expands far beyond its size", False, ("expand",)),
            Case("2024-header-bomb.docx", "a .docx naming one 1 MB header 5,000 times", True, marker="任务内容第")]


# --- web pages --------------------------------------------------------------------------

def _web_deep(folder: Path, outside: Path) -> list[Case]:
    for name, tag in (("2024-deep-spans.html", "span"), ("2024-deep-divs.html", "div")):
        body = f"<{tag}>" * 50_000 + _notice_text("深层") + f"</{tag}>" * 50_000  # (under the element limit)
        (folder / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return [Case("2024-deep-spans.html", "50,000 nested <span>", False, ("nest",)),
            Case("2024-deep-divs.html", "50,000 nested <div>", False, ("nest",))]


def _web_flat(folder: Path, outside: Path) -> list[Case]:
    (folder / "2024-flat.html").write_text("<html><body>" + "<b>a</b>" * 200_000 + "</body></html>", encoding="utf-8")
    return [Case("2024-flat.html", "200,000 elements side by side (1.8 MB)", False, ("100,000",))]


# --- YAML -------------------------------------------------------------------------------

def _yaml_bombs(folder: Path, outside: Path) -> list[Case]:
    (folder / "2024-deep-sidecar.txt").write_text(_notice_text("深层旁注"), encoding="utf-8")
    (folder / "2024-deep-sidecar.yml").write_text("title: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    (folder / "2024-alias-sidecar.txt").write_text(_notice_text("别名"), encoding="utf-8")
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]" for n in range(8)]
    (folder / "2024-alias-sidecar.yml").write_text("\n".join(bomb) + "\nyear: *i\n", encoding="utf-8")
    # The sidecar is a warning (the notice builds from its own text), named with the reason
    return [Case("2024-deep-sidecar.txt", "a sidecar of a 50,000-deep YAML list", True, marker="深化理论学习"),
            Case("2024-alias-sidecar.txt", "a sidecar of nested YAML aliases (a billion laughs)", True,
                 marker="深化理论学习")]


# --- size and time ----------------------------------------------------------------------

def numbering_flood(tasks: int) -> str:
    """A plan of ``tasks`` tasks all numbered "1." (anchors task-1, task-1-2, …)."""
    return _notice_text("编号") + "三、其他\n" + "".join(f"1. 第{n}项任务。落实各项工作。\n" for n in range(tasks))


def _numbering_flood(folder: Path, outside: Path) -> list[Case]:
    (folder / "2024-all-ones.txt").write_text(numbering_flood(300), encoding="utf-8")
    (folder / "2024-too-many-tasks.txt").write_text(numbering_flood(20_000), encoding="utf-8")
    return [Case("2024-all-ones.txt", "300 tasks all numbered 1.", True, marker="第299项任务"),
            Case("2024-too-many-tasks.txt", "20,000 tasks", False, ("20003 tasks", "2000"))]


def _huge_text(folder: Path, outside: Path) -> list[Case]:
    line = "1. 落实各项工作任务，推进教育高质量发展。\n".encode("utf-8")
    with open(folder / "2024-huge.txt", "wb") as out:
        out.write(_notice_text("巨大").encode("utf-8"))
        out.write(line * (50_000_000 // len(line)))
    return [Case("2024-huge.txt", "a 50 MB .txt", False, ("MB",))]


def _huge_numbers(folder: Path, outside: Path) -> list[Case]:
    text = _notice_text("数字").replace("提高作业设计质量", "新增" + "9" * 400 + "所幼儿园，提高作业设计质量")
    (folder / "2024-huge-number.txt").write_text(text.replace("2024年2月1日", "99999999999年2月1日"), encoding="utf-8")
    return [Case("2024-huge-number.txt", "a quantity of 400 digits and a year of 11", True, marker="所幼儿园")]


def _symlinks(folder: Path, outside: Path) -> list[Case]:
    secret = outside / "secret.txt"
    secret.write_text(_notice_text(SECRET), encoding="utf-8")
    (folder / "2024-link-out.txt").symlink_to(secret)
    (folder / "2024-link-proc.txt").symlink_to("/proc/self/environ")
    (folder / "2024-link-out.yml").symlink_to(secret)
    return [Case("2024-link-out.txt", "a symlink to a file outside sources/", False, ("outside",)),
            Case("2024-link-proc.txt", "a symlink to /proc/self/environ", False, ("outside",))]


if __name__ == "__main__":
    target = Path(sys.argv[1])
    for case in write_hostile_sources(target / "sources", target / "outside"):
        print(f"{case.file}: {case.what}")
