"""A notice as websites publish it, in three layouts of different kinds of site.

- ``gov-table``: a government portal: breadcrumbs, a 政府信息公开 metadata table
  (索引号, 发布机构, 文号, 发文日期, 主题分类) above the article, the title again
  as ``<h1>``, a 字体/打印/关闭 bar, ICP and 网站标识码 in the footer.
- ``school-word``: a school site whose article was pasted from Word: MsoNormal
  paragraphs, numbers split over spans and ``mso-list`` numbering in
  ``<![if !supportLists]>`` spans, a login box, a hit counter (点击数：…次) and
  上一篇/下一篇 links.
- ``modern``: a modern layout: header navigation, sidebars of related and hot
  articles, share buttons, a reading counter, inline scripts inside the article.

``FURNITURE[layout]`` lists the layout's own texts: none may reach the notice.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from build_scripts.model import Notice
from build_scripts.parse import rules

from .blocks import Block, Kind

LAYOUTS = ("gov-table", "school-word", "modern")

FURNITURE = {
    "gov-table": ["上海市示范区人民政府", "信息公开专栏", "当前位置", "索引号", "SH0100-2024-000123", "发布机构",
                  "主题分类", "关键词：", "字体", "打印本页", "关闭窗口", "主办：", "版权所有", "沪ICP备12345678号",
                  "网站标识码", "3101120001", "扫一扫"],
    "school-word": ["青松实验学校", "用户:", "密码:", "登录", "您现在的位置", "学校概况", "点击数", "238",
                    "作者：校长室", "本站原创", "上一篇", "下一篇", "暑期安全工作提示", "Copyright", "All Rights Reserved"],
    "modern": ["智慧教育门户", "政策文件", "阅读量", "1024", "分享到", "微信", "微博", "相关文章", "热点新闻",
               "2023年工作总结", "返回顶部", "联系我们", "document.write", "trackPageView"],
}


def write_web_page(notice: Notice, blocks: list[Block], path: Path, layout: str) -> None:
    page = {"gov-table": _gov_table, "school-word": _school_word, "modern": _modern}[layout](notice, blocks)
    path.write_text(page, encoding="utf-8")


def _paragraphs(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        text = _cite(escape(block.text))
        style = {Kind.TITLE: ' style="text-align:center;font-size:22px"', Kind.CENTRED: ' style="text-align:center"',
                 Kind.SIGNATURE: ' style="text-align:right"', Kind.LETTERHEAD: ' style="text-align:center;color:red"'}
        out.append(f"<p{style.get(block.kind, '')}>{text}</p>")
        out += [f"<p>{escape(mark)}{escape(note)}</p>" for mark, note in block.notes.items()]
    return "\n".join(out)


def _cite(html_text: str) -> str:
    """Footnote citations as websites print them: the mark raised, no caret."""
    for mark in rules.FOOTNOTE_MARKS:
        html_text = html_text.replace(f"^{mark}", f"<sup>{mark}</sup>")
    return html_text


def _date(notice: Notice) -> str:
    return notice.issued.isoformat() if notice.issued else ""


def _gov_table(notice: Notice, blocks: list[Block]) -> str:
    title = escape(notice.notice_title or notice.title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_上海市示范区人民政府</title>
<link rel="stylesheet" href="/css/common.css"><script src="/js/jquery.min.js"></script></head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="上海市示范区人民政府"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">信息公开专栏</a></li><li><a href="/hd/">互动交流</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">信息公开专栏</a> &gt; <a href="/zwgk/jy/">教育</a></div>
<table class="xxgk-info" border="1">
<tr><td>索引号：</td><td>SH0100-2024-000123</td><td>发布机构：</td><td>{escape(notice.issuer or "")}</td></tr>
<tr><td>文号：</td><td>{escape(notice.doc_number or "")}</td><td>发文日期：</td><td>{_date(notice)}</td></tr>
<tr><td>主题分类：</td><td>教育</td><td>关键词：</td><td>工作要点</td></tr>
</table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="TRS_Editor">
{_paragraphs(blocks)}
</div>
<div class="qrcode">扫一扫在手机打开当前页</div>
</div>
<div class="footer"><p>主办：上海市示范区人民政府办公室　版权所有</p>
<p><a href="https://beian.miit.gov.cn">沪ICP备12345678号-1</a>　网站标识码：3101120001</p></div>
</body></html>
"""


def _word_paragraph(block: Block) -> str:
    """A block as Word's "save as web page" writes it."""
    text = block.text
    indent = "text-indent:32.0pt;mso-char-indent-count:2.0"
    span = "<span style='font-size:16.0pt;font-family:仿宋_GB2312'>"
    if block.kind in (Kind.SECTION, Kind.ITEM):
        match = (rules.SECTION_RE if block.kind is Kind.SECTION else rules.ITEM_RE).match(text)
        number, rest = text[:match.start("text")], text[match.start("text"):]
        level = 1 if block.kind is Kind.SECTION else 2
        return (f"<p class=MsoListParagraph style='{indent};mso-list:l0 level{level} lfo1'><![if !supportLists]>"
                f"{span}<span style='mso-list:Ignore'>{escape(number)}<span style='font:7.0pt \"Times New Roman\"'>"
                f"&nbsp;&nbsp; </span></span></span><![endif]>{span}{_split_digits(_cite(escape(rest)))}"
                "<o:p></o:p></span></p>")
    align = {Kind.TITLE: "center", Kind.CENTRED: "center", Kind.LETTERHEAD: "center", Kind.SIGNATURE: "right"}
    style = f"text-align:{align[block.kind]}" if block.kind in align else indent
    return (f"<p class=MsoNormal style='{style}'>{span}{_split_digits(_cite(escape(text)))}"
            "<o:p></o:p></span></p>")


def _split_digits(html_text: str) -> str:
    """Digits in a span of their own, as Word writes Latin runs inside Chinese text."""
    out, run = [], ""
    for char in html_text:
        if char.isascii() and char.isdigit():
            run += char
            continue
        if run:
            out.append(f"<span lang=EN-US>{run}</span>")
            run = ""
        out.append(char)
    return "".join(out) + (f"<span lang=EN-US>{run}</span>" if run else "")


def _school_word(notice: Notice, blocks: list[Block]) -> str:
    title = escape(notice.title)
    paragraphs = []
    for block in blocks:
        paragraphs.append(_word_paragraph(block))
        paragraphs += [f"<p class=MsoNormal><span style='font-size:10.5pt'>{escape(mark)}{escape(note)}</span></p>"
                       for mark, note in block.notes.items()]
    word_body = "\n".join(paragraphs)
    return f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>{title}-青松实验学校</title>
<style>p.MsoNormal {{margin:0cm;font-size:10.5pt}}</style></head>
<body>
<div id="top">青松实验学校　用户: <input name="u"> 密码: <input name="p" type="password"> <a href="/login">登录</a></div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">学校概况</a> &gt;&gt; 计划总结</div>
<table width="960"><tr><td class="newstitle">{title}</td></tr>
<tr><td class="newsinfo">作者：校长室　来源：本站原创　点击数：<span id="hits">238</span>次　更新时间：{_date(notice)}</td></tr>
<tr><td class="newscontent">
<div class=WordSection1>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
{word_body}
</div>
</td></tr>
<tr><td class="prevnext">上一篇：<a href="/a/1.html">2019学年第一学期工作总结</a><br>下一篇：<a href="/a/3.html">暑期安全工作提示</a></td></tr>
</table>
<div class="copyright">Copyright ©2019 青松实验学校 All Rights Reserved</div>
</body></html>
"""


def _modern(notice: Notice, blocks: list[Block]) -> str:
    title = escape(notice.notice_title or notice.title)
    related = "".join(f'<li><a href="/news/{n}.html">{t}</a></li>' for n, t in
                      enumerate(["2023年工作总结", "关于做好寒假安全工作的通知", "教育系统年度考核结果公示"]))
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title} | 智慧教育门户</title>
<script>window.dataLayer=[];function trackPageView(){{}}</script></head>
<body>
<header class="site-header"><div class="brand">智慧教育门户</div>
<nav><a href="/">首页</a><a href="/policy/">政策文件</a><a href="/news/">新闻动态</a></nav></header>
<main class="container">
<aside class="sidebar-left"><h3>相关文章</h3><ul>{related}</ul></aside>
<article class="post">
<h1>{title}</h1>
<div class="post-meta"><span>发布时间：{_date(notice)}</span><span>来源：{escape(notice.issuer or "本站")}</span><span>阅读量：1024</span></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="post-body">
<script>document.write('<div class="ad"></div>');trackPageView();</script>
{_paragraphs(blocks)}
</div>
</article>
<aside class="sidebar-right"><h3>热点新闻</h3><ul><li><a href="/n/9.html">全区中小学开学工作会议召开</a></li></ul></aside>
</main>
<footer><a href="#top">返回顶部</a> <a href="/contact">联系我们</a></footer>
</body></html>
"""
