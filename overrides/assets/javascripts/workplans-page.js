/* On every page: a hint above each table too wide for the screen ("表格较宽，可左右滑动查看").
 * On a notice page: a print button, and a "复制链接" button beside every task's heading that copies
 * the task's address (the page without its query, and the task's anchor). Without JavaScript
 * none of these appears (the heading's own # link still gives the address). Every string is Chinese. */
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // file:// and plain-http intranets are not "secure contexts": copy through a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      area.remove();
      if (done) resolve(); else reject(new Error("copy"));
    });
  }

  function addressOf(anchor) {
    return location.href.split("#")[0].split("?")[0] + "#" + anchor;
  }

  function copyButtons(article, status) {
    article.querySelectorAll("h3[id^='task-'], h4[id^='task-']").forEach(function (heading) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "wp-copy-link";
      button.textContent = "复制链接";
      var title = heading.textContent.replace(/#\s*$/, "").trim();
      button.setAttribute("aria-label", "复制链接：任务“" + title + "”");
      button.addEventListener("click", function () {
        var address = addressOf(heading.id);
        copy(address).then(function () {
          button.textContent = "已复制";
          status.textContent = "已复制链接：" + address;
        }, function () {
          button.textContent = "请手动复制";
          status.textContent = "无法自动复制，请复制此地址：" + address;
        });
        setTimeout(function () { button.textContent = "复制链接"; }, 2500);
      });
      var permalink = heading.querySelector(".headerlink");
      heading.insertBefore(button, permalink);
    });
  }

  function printButton(article) {
    var meta = article.querySelector("dl.notice-meta");
    if (!meta) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "wp-print";
    button.textContent = "打印本文件";
    button.addEventListener("click", function () { window.print(); });
    meta.parentNode.insertBefore(button, meta);
  }

  var WIDE = ".md-typeset__scrollwrap, .theme-year, .side-by-side-wrap";

  function scrollHints(article) {
    article.querySelectorAll(WIDE).forEach(function (box) {
      if (box.closest("details:not([open])") || box.scrollWidth <= box.clientWidth + 2) return;
      if (box.previousElementSibling && box.previousElementSibling.classList.contains("scroll-hint")) return;
      var hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.textContent = "表格较宽，可左右滑动查看 →";
      box.classList.add("is-scrollable");
      box.parentNode.insertBefore(hint, box);
    });
  }

  function start() {
    var article = document.querySelector("article");
    if (!article) return;
    scrollHints(article);
    if (!article.querySelector("dl.notice-meta")) return;  // the rest: notice pages only
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    article.appendChild(status);
    printButton(article);
    copyButtons(article, status);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
