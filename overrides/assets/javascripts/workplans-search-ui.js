/* The search box in the header, the search page (search.html?q=…&year=…&issuer=…&theme=…),
 * and the highlight of the query on the task a result lands on (…html?hl=…#task-3).
 * Needs workplans-search.js (loaded before it). Every visible string is Chinese. */
(function () {
  "use strict";
  var search = window.workplansSearch;
  if (!search || !search.engine) return;
  var PAGE_SIZE = 20;
  var searchPage = search.base + "search.html";

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // --- the header box: a plain form that opens the search page -----------------------------
  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || document.getElementById("wp-header-search")) return;
    var input = element("input", {type: "search", name: "q", id: "wp-header-q", placeholder: "搜索任务",
                                  "aria-label": "搜索任务（按 / 键聚焦）", autocomplete: "off"});
    var form = element("form", {id: "wp-header-search", class: "wp-header-search", role: "search",
                                action: searchPage, method: "get"}, [input]);
    var anchor = inner.querySelector(".md-header__option, .md-header__source");
    inner.insertBefore(form, anchor || null);
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target || {}).tagName || "");
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        var target = document.getElementById("wp-q") || input;
        target.focus();
        target.select();
      }
    });
  }

  // --- highlight on the page a result opened --------------------------------------------------
  // The address's fragment as an id; a malformed one (%E0%A4%A) is taken as it is, never thrown.
  function fragment(hash) {
    try { return decodeURIComponent(hash.slice(1)); } catch (error) { return hash.slice(1); }
  }

  function highlightLanding() {
    var params = new URLSearchParams(location.search);
    var query = params.get("hl");
    if (!query || !location.hash) return;
    var heading = document.getElementById(fragment(location.hash));
    if (!heading) return;
    var terms = search.terms(query);
    var node = heading;
    while (node && (node === heading || !/^H[1-4]$/.test(node.tagName))) {
      if (node.nodeType === 1 && !node.closest("[data-search-exclude]")) markTerms(node, terms);
      node = node.nextElementSibling;
    }
  }

  // Wrap each occurrence of the terms in <mark>, comparing normalised text as the index does.
  function markTerms(container, terms) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (textNode) {
      var ranges = findRanges(textNode.nodeValue, terms);
      for (var k = ranges.length - 1; k >= 0; k--) {
        var range = document.createRange();
        range.setStart(textNode, ranges[k][0]);
        range.setEnd(textNode, ranges[k][1]);
        range.surroundContents(element("mark", {class: "wp-hit"}));
      }
    });
  }

  function findRanges(text, terms) {
    var normal = "", positions = [];
    for (var k = 0; k < text.length; k++) {
      var piece = search.normalise(text[k]);
      for (var c = 0; c < piece.length; c++) { normal += piece[c]; positions.push(k); }
    }
    var ranges = [];
    terms.forEach(function (term) {
      var from = 0, at;
      while (term && (at = normal.indexOf(term, from)) >= 0) {
        ranges.push([positions[at], positions[at + term.length - 1] + 1]);
        from = at + term.length;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    return ranges.filter(function (r, k) { return k === 0 || r[0] >= ranges[k - 1][1]; });
  }

  // --- the search page ------------------------------------------------------------------------
  function searchPageApp(root) {
    var params = new URLSearchParams(location.search);
    var state = {q: params.get("q") || "", year: params.get("year") || "", issuer: params.get("issuer") || "",
                 theme: params.get("theme") || "", department: params.get("department") || ""};
    var input = element("input", {type: "search", id: "wp-q", name: "q", value: state.q,
                                  placeholder: "输入要查找的词，如 双减、教师队伍", "aria-label": "搜索词"});
    var year = element("select", {id: "wp-year", name: "year", "aria-label": "年度"});
    var issuer = element("select", {id: "wp-issuer", name: "issuer", "aria-label": "发布机关"});
    var theme = element("select", {id: "wp-theme", name: "theme", "aria-label": "主题"});
    var button = element("button", {type: "submit", class: "md-button md-button--primary", text: "搜索"});
    var form = element("form", {class: "wp-search-form", role: "search"}, [
      input, element("label", {text: "年度 "}, [year]), element("label", {text: "发布机关 "}, [issuer]),
      element("label", {text: "主题 "}, [theme]), button]);
    var status = element("p", {class: "wp-status", role: "status", "aria-live": "polite"});
    // A department comes from a link of the departments index; it shows as a filter that can be removed.
    var department = element("p", {class: "wp-department"});
    if (state.department) {
      var clear = element("button", {type: "button", class: "md-button", text: "取消此条件"});
      department.appendChild(document.createTextNode("责任部门：" + state.department + " "));
      department.appendChild(clear);
      clear.addEventListener("click", function () { state.department = ""; department.remove(); submit(); });
      form.appendChild(department);
    }
    var list = element("div", {class: "wp-results"});
    var more = element("button", {type: "button", class: "md-button wp-more", text: "显示更多结果"});
    // Material styles .md-button as inline-block, which would win over the hidden attribute.
    function showMore(visible) { more.style.display = visible ? "" : "none"; }
    showMore(false);
    root.appendChild(form);
    root.appendChild(status);
    root.appendChild(list);
    root.appendChild(more);

    search.engine.manifest().then(function (data) {
      fill(year, "全部年度", unique(data.years).filter(Boolean).sort(function (a, b) { return b - a; })
        .map(function (y) { return [String(y), y + "年"]; }), state.year);
      fill(issuer, "全部发布机关", data.issuerNames.map(function (n) { return [n, n]; }), state.issuer);
      fill(theme, "全部主题", data.themes, state.theme);
      if (state.q || state.department) run();
    });

    function submit() { form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit")); }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state = {q: input.value.trim(), year: year.value, issuer: issuer.value, theme: theme.value,
               department: state.department};
      var query = new URLSearchParams();
      Object.keys(state).forEach(function (key) { if (state[key]) query.set(key, state[key]); });
      history.replaceState(null, "", "?" + query.toString());
      run();
    });
    [year, issuer, theme].forEach(function (select) {
      select.addEventListener("change", submit);
    });

    var current = null, shown = 0, groups = Object.create(null);
    function run() {
      list.textContent = "";
      groups = Object.create(null);
      shown = 0;
      if (!search.terms(state.q).length && !state.department) {
        status.textContent = "请输入要查找的词。"; showMore(false); return;
      }
      status.textContent = "正在查找…";
      current = search.engine.query(state.q, {year: state.year, issuer: state.issuer, theme: state.theme,
                                              department: state.department});
      page(current);
    }
    function page(query) {
      more.disabled = true;
      query.next(PAGE_SIZE).then(function (results) {
        more.disabled = false;
        if (query !== current) return;
        results.forEach(show);
        shown += results.length;
        showMore(!query.isDone());
        status.textContent = shown ? (query.isDone() ? "共找到 " + shown + " 项任务。" : "已找到 " + shown + " 项任务，还有更多。")
                                   : (state.q ? "没有找到包含“" + state.q + "”的任务。" : "没有找到任务。");
      });
    }
    more.addEventListener("click", function () { if (current && !more.disabled) page(current); });

    function show(result) {
      var group = groups[result.notice];
      if (!group) {
        var link = element("a", {href: search.base + result.url, text: result.noticeTitle});
        var meta = [result.year ? result.year + "年" : "", result.issuer, result.excerpt ? "节选" : ""].filter(Boolean);
        group = groups[result.notice] = element("ol", {class: "wp-tasks"});
        list.appendChild(element("section", {class: "wp-notice"}, [
          element("h2", {}, [link]), element("p", {class: "wp-meta", text: meta.join(" · ")}), group]));
      }
      var target = search.base + result.url + "?hl=" + encodeURIComponent(state.q) + "#" + result.anchor;
      var snippet = element("p", {class: "wp-snippet"});
      snippet.textContent = excerptOf(result.text, search.terms(state.q));
      markTerms(snippet, search.terms(state.q));
      group.appendChild(element("li", {}, [element("a", {href: target, text: result.heading}), snippet]));
    }
  }

  function excerptOf(text, terms) {
    var flat = text.replace(/\s+/g, " ");
    var normal = search.normalise(flat);
    var at = terms.length ? normal.indexOf(terms[0]) : 0;
    // Map the normalised position back roughly (normalising only removes spaces and folds widths).
    var start = Math.max(0, at - 40);
    var cut = flat.slice(start, start + 160);
    return (start > 0 ? "…" : "") + cut + (start + 160 < flat.length ? "…" : "");
  }

  function fill(select, all, options, chosen) {
    select.appendChild(element("option", {value: "", text: all}));
    options.forEach(function (pair) {
      var option = element("option", {value: pair[0], text: pair[1]});
      if (pair[0] === chosen) option.selected = true;
      select.appendChild(option);
    });
  }

  function unique(values) {
    return Array.from(new Set(values));
  }

  // Runs once per page (Material's instant navigation may announce the same page again).
  function start() {
    var article = document.querySelector("article") || document.body;
    if (article.hasAttribute("data-wp-ready")) return;
    article.setAttribute("data-wp-ready", "");
    headerBox();
    highlightLanding();
    var root = document.getElementById("workplans-search");
    if (root) searchPageApp(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Material's instant navigation replaces the page without reloading scripts.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
