"""The user guide's table of limits (README.md, 限制) states the limits the code keeps."""

from __future__ import annotations

from pathlib import Path

from build_scripts import pipeline
from build_scripts.enrich import vocabulary
from build_scripts.read import bounded_yaml, decode, docx, pdf, sidecar, web

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
LIMITS = README.split("## 限制", 1)[1].split("\n## ", 1)[0]


def row(label: str) -> str:
    line = next((line for line in LIMITS.splitlines() if line.startswith(f"| {label}")), None)
    assert line is not None, f"no row '{label}' in the guide's limits"
    return line


def test_every_limit_in_the_guide_is_the_codes():
    mb = 2 ** 20
    assert f"| {decode.MAX_TEXT_BYTES // mb} MB |" in row("`.txt`、`.html` 文件大小")
    assert f"| {decode.MAX_PACKAGE_BYTES // mb} MB |" in row("`.pdf`、`.docx`")
    assert f"| {pipeline.MAX_TASKS} 项 |" in row("一份文件中的任务数")
    assert f"| {pdf.MAX_PAGES} 页 |" in row("PDF 的页数")
    assert f"| {pdf.MAX_CHARS // 10_000} 万字 |" in row("PDF 的文字")
    assert f"| {web.MAX_ELEMENTS // 10_000} 万个 |" in row("网页中的元素个数")
    assert f"| {web.MAX_DEPTH} 层 |" in row("网页中元素的嵌套层数")
    word = row("Word 文件解压后的大小")
    assert all(f"{value}" in word for value in (f"{docx.MAX_PART_BYTES // mb} MB", f"{docx.MAX_EXPANSION} 倍",
                                                f"{docx.MAX_PACKAGE_BYTES // mb} MB", f"前 {docx.MAX_HEADERS} 个"))
    assert f"| {docx.MAX_DEPTH} 层 |" in row("Word 文件中元素的嵌套层数")
    assert f"0 至 {docx.MAX_NUMBER}" in row("Word 自动编号") and f"最多 {docx.LEVELS} 级" in row("Word 自动编号")
    yaml_row = row("附注文件、`issuers.yml`、`themes.yml`")
    assert f"{bounded_yaml.MAX_BYTES // mb} MB" in yaml_row and f"{bounded_yaml.MAX_DEPTH} 层" in yaml_row
    assert f"| {sidecar.MAX_VALUE} 字 |" in row("附注文件中的一个值")
    assert f"| {vocabulary.MAX_WORD} 字 |" in row("`themes.yml` 中的一个关键词")
