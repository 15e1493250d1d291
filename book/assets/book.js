// The multi-page HTML book: theme, keys, search and copy buttons.
// Plain browser JavaScript with no library, so the site works from file://.
// The search index is search-index.js (window.BOOK_SEARCH, one entry per
// section: u = URL, t = numbered title, x = text): a script, not JSON,
// because fetch() is refused on file://.
"use strict";

(function () {
  const root = document.documentElement;
  const search = document.getElementById("search");
  const results = document.getElementById("search-results");
  const entries = window.BOOK_SEARCH || [];

  document.getElementById("theme").addEventListener("click", function () {
    const theme = root.dataset.theme === "dark" ? "light" : "dark";
    root.dataset.theme = theme;
    localStorage.setItem("book-theme", theme);
  });

  document.getElementById("menu").addEventListener("click", function () {
    document.body.classList.toggle("show-menu");
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (e.key === "Escape" && document.activeElement === search) {
      search.value = "";
      showResults("");
      search.blur();
    } else if (typing) {
      return;
    } else if (e.key === "/") {
      e.preventDefault();
      search.focus();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      const link = document.getElementById(e.key === "ArrowLeft" ? "prev" : "next");
      if (link) location.href = link.href;
    }
  });

  // The first entry of each page is its level-1 section: the page's title.
  const pageTitle = {};
  for (const e of entries) {
    const page = e.u.split("#")[0];
    if (!(page in pageTitle)) pageTitle[page] = e.t;
  }

  function count(hay, word) {
    let n = 0;
    for (let i = hay.indexOf(word); i >= 0; i = hay.indexOf(word, i + word.length)) n++;
    return n;
  }

  // Text around the first hit, with every query word marked.
  function snippet(text, words) {
    const at = Math.max(0, text.toLowerCase().indexOf(words[0]) - 60);
    const piece = (at > 0 ? "…" : "") + text.slice(at, at + 200) + (text.length > at + 200 ? "…" : "");
    const p = document.createElement("p");
    const lower = piece.toLowerCase();
    let pos = 0;
    while (pos < piece.length) {
      let next = -1, len = 0;
      for (const w of words) {
        const i = lower.indexOf(w, pos);
        if (i >= 0 && (next < 0 || i < next)) { next = i; len = w.length; }
      }
      if (next < 0) break;
      p.append(piece.slice(pos, next));
      const mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + len);
      p.append(mark);
      pos = next + len;
    }
    p.append(piece.slice(pos));
    return p;
  }

  function showResults(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    results.replaceChildren();
    results.hidden = words.length === 0;
    if (results.hidden) return;
    const hits = [];
    for (const e of entries) {
      const title = e.t.toLowerCase(), text = e.x.toLowerCase();
      let score = 0;
      for (const w of words) {
        const n = 5 * count(title, w) + count(text, w);
        if (n === 0) { score = 0; break; }
        score += n;
      }
      if (score > 0) hits.push({ e: e, score: score });
    }
    hits.sort(function (a, b) { return b.score - a.score; });
    const heading = document.createElement("h2");
    heading.textContent = hits.length + (hits.length === 1 ? " section" : " sections") + " match “" + query + "”";
    results.append(heading);
    const list = document.createElement("ol");
    for (const h of hits.slice(0, 50)) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = h.e.u;
      const page = pageTitle[h.e.u.split("#")[0]];
      a.textContent = h.e.t + (page && page !== h.e.t ? " — " + page : "");
      li.append(a, snippet(h.e.x, words));
      list.append(li);
    }
    results.append(list);
  }

  let timer;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { showResults(search.value); }, 150);
  });

  const deepLink = new URLSearchParams(location.search).get("search");
  if (deepLink) {
    search.value = deepLink;
    showResults(deepLink);
  }

  for (const pre of document.querySelectorAll("pre")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      const text = pre.querySelector("code") ? pre.querySelector("code").innerText : pre.innerText;
      const done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1200); };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else {
        fallbackCopy(text);
        done();
      }
    });
    pre.append(button);
  }

  // For browsers that refuse the clipboard API (some do on file://).
  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
})();
