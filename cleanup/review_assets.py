"""The style sheet and script inlined into every review page (no file, no network).

Marks never rely on colour alone: removed text is struck through, inserted
text underlined, a joined line break is the symbol ↵, a kept suspect has a
dotted underline and a ?.  Printing drops the panel and keeps the marks.
"""

from __future__ import annotations

CJK_FONTS = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, '
             '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
             '"Microsoft YaHei", "WenQuanYi Micro Hei", serif')

BASE_CSS = """
:root { --ink: #1b1b1b; --dim: #6b6b6b; --ins: #fff0a8; --line: #c8c8c8; --focus: #1a5fb4; --join: #9a4d00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
a { color: var(--focus); }
.skip { position: absolute; left: -999px; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem .6rem; z-index: 10; }
header { padding: 1rem 1.5rem .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0 0 .25rem; word-break: break-all; }
h2 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.summary { margin: 0; color: var(--dim); }
.cjk, main { font-family: %(cjk)s; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .15rem .6rem .15rem 0; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
@media print {
  .skip, aside, #tip, nav, button { display: none !important; }
  body { font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
}
""".replace("%(cjk)s", CJK_FONTS)

PAGE_CSS = """
.layout { display: flex; gap: 2rem; align-items: flex-start; padding: 1rem 1.5rem 3rem; }
aside { position: sticky; top: 0; flex: 0 0 17rem; max-height: 100vh; overflow: auto; padding: .5rem 0; font-size: 13px; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { margin: 0 0 .25rem; }
aside button { font: inherit; width: 100%; display: flex; justify-content: space-between; gap: .5rem;
  text-align: left; padding: .2rem .45rem; border: 1px solid var(--line); border-radius: 3px; background: #fafafa; cursor: pointer; }
aside button[aria-pressed="true"] { border: 2px solid var(--ink); background: #eef3fb; font-weight: 600; }
aside button[aria-pressed="true"]::before { content: "✓ "; }
aside .rule { word-break: break-all; }
aside .count { font-variant-numeric: tabular-nums; }
aside dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .2rem .6rem; }
aside dd { margin: 0; }
#all { justify-content: center; margin-top: .4rem; }
#status { margin: 0 0 .5rem; color: var(--dim); }
kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; font-size: .9em; }
main { flex: 1 1 auto; max-width: 46em; font-size: 18px; line-height: 1.9; }
main p { margin: 0 0 .9em; }
.m { scroll-margin: 30vh; }
del.m { color: var(--dim); text-decoration: line-through 2px; }
ins.m { color: var(--ink); text-decoration: underline 2px; text-underline-offset: 4px; background: var(--ins); }
del.m ins.m { color: var(--dim); background: none; }
del.m.j { color: var(--join); text-decoration: none; font-size: .65em; vertical-align: .35em; padding: 0 .1em; }
del.m.j ins.m { text-decoration: none; }
ins.m.b { font-size: .65em; vertical-align: .35em; text-decoration: none; padding: 0 .1em; }
mark.m.s { background: none; color: inherit; text-decoration: underline dotted 2px; text-underline-offset: 4px; }
mark.m.s::after { content: "?"; font-size: .65em; vertical-align: .35em; color: var(--join); }
.m.hl { outline: 2px dashed var(--focus); outline-offset: 1px; }
.m:target { outline: 3px solid var(--focus); }
p.gone { border-left: 3px double var(--dim); padding-left: .6em; }
p.gone::before { content: "removed "; font: 12px system-ui, sans-serif; color: var(--dim); }
p[data-role]::before { content: attr(data-role) " "; font: 12px system-ui, sans-serif; color: var(--dim);
  border: 1px solid var(--line); border-radius: 3px; padding: 0 .3em; margin-right: .4em; }
del.m.off { display: none; }
del.m.off:has(.m:not(.off)) { display: inline; text-decoration: none; color: inherit; }
ins.m.off { background: none; text-decoration: none; }
ins.m.b.off { display: none; }
mark.m.off { text-decoration: none; }
mark.m.off::after { content: none; }
#tip { position: absolute; z-index: 5; max-width: min(34rem, 92vw); background: #fff; border: 1px solid var(--ink);
  border-radius: 4px; box-shadow: 0 2px 10px rgba(0,0,0,.2); padding: .5rem .7rem; font-size: 13px; line-height: 1.5; }
#tip .rule { font-weight: 700; }
#tip .note { margin: .2rem 0; }
#tip .text { font-family: %(cjk)s; white-space: pre-wrap; word-break: break-all; }
#tip .ctx mark { background: none; text-decoration: underline 2px; font-weight: 700; }
#tip .what { color: var(--dim); }
@media (max-width: 56rem) { .layout { display: block; } aside { position: static; max-height: none; } }
@media print {
  .layout { display: block; padding: 0; }
  main { max-width: none; font-size: 11pt; }
  ins.m { background: none; }
  .m.hl { outline: none; }
}
""".replace("%(cjk)s", CJK_FONTS)

INDEX_CSS = """
main.index { padding: 1rem 1.5rem 3rem; max-width: 70rem; font-family: inherit; }
.bar { display: inline-block; height: .8em; background: #5b7fb3; border: 1px solid #2d4a75; vertical-align: middle; }
.removed { font-family: %(cjk)s; color: var(--dim); text-decoration: line-through 2px; word-break: break-all; }
.err { color: #8b0000; }
section { margin-bottom: 1.5rem; }
.cols { display: flex; flex-wrap: wrap; gap: 2rem; }
@media print { .bar { border-color: #000; background: #000; print-color-adjust: exact; } }
""".replace("%(cjk)s", CJK_FONTS)

PAGE_JS = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("changes").textContent);
  const main = document.getElementById("text");
  const tip = document.getElementById("tip");
  const status = document.getElementById("status");
  const parts = new Map();
  for (const el of main.querySelectorAll("[data-c]")) {
    const id = el.dataset.c;
    if (!parts.has(id)) parts.set(id, []);
    parts.get(id).push(el);
  }
  const heads = Array.from(main.querySelectorAll("[data-rule]"));
  let lit = null;

  function line(cls, label, text) {
    const div = document.createElement("div");
    div.className = cls;
    if (label) {
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = label + " ";
      div.append(what);
    }
    if (text !== null) {
      const span = document.createElement("span");
      span.className = "text";
      span.textContent = text;
      div.append(span);
    }
    return div;
  }

  function light(id, on) {
    for (const el of parts.get(id) || []) el.classList.toggle("hl", on);
  }

  function show(el) {
    const id = el.dataset.c;
    const [rule, stage, note, before, after, where, left, mid, right, kind] = data[+id];
    if (lit !== null) light(lit, false);
    lit = id;
    light(id, true);
    tip.replaceChildren();
    const head = line("", null, null);
    const b = document.createElement("span");
    b.className = "rule";
    b.textContent = rule;
    head.append(b, ` (${stage}${kind ? ", " + kind : ""}) · ${where}`);
    tip.append(head);
    if (note) tip.append(line("note", "why:", note));
    if (kind) tip.append(line("", "kept:", before));
    else tip.append(line("", "− before:", before || "(nothing)"), line("", "+ after:", after || "(nothing)"));
    if (mid !== null) {
      const ctx = line("ctx", "raw:", "");
      const text = ctx.querySelector(".text");
      const m = document.createElement("mark");
      m.textContent = mid || "‸";
      text.append("…" + left, m, right + "…");
      tip.append(ctx);
    }
    tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
    const r = el.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
    tip.style.left = (window.scrollX + Math.max(8, Math.min(r.left, width - tip.offsetWidth - 8))) + "px";
  }

  function hide() {
    if (lit !== null) light(lit, false);
    lit = null;
    tip.hidden = true;
  }

  main.addEventListener("mouseover", (e) => {
    const el = e.target.closest("[data-c]");
    if (el) show(el);
  });
  main.addEventListener("mouseout", (e) => {
    const to = e.relatedTarget;
    if (!to || !to.closest || !to.closest("[data-c]")) hide();
  });
  main.addEventListener("focusin", (e) => {
    const el = e.target.closest("[data-c]");
    if (el) show(el);
  });
  main.addEventListener("focusout", hide);

  function go(dir) {
    const live = heads.filter((h) => !h.classList.contains("off") && h.offsetParent !== null);
    if (!live.length) return;
    const at = live.indexOf(document.activeElement);
    const next = at < 0 ? live[dir > 0 ? 0 : live.length - 1] : live[(at + dir + live.length) % live.length];
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "center" });
    show(next);
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") hide();
    else if (e.key === "n" || e.key === "j") go(1);
    else if (e.key === "p" || e.key === "k") go(-1);
  });

  const buttons = Array.from(document.querySelectorAll("#rules button[data-rule]"));
  const chosen = new Set();
  function apply() {
    let shown = 0;
    for (const [id, els] of parts) {
      const off = chosen.size > 0 && !chosen.has(data[+id][0]);
      if (!off) shown += 1;
      for (const el of els) el.classList.toggle("off", off);
    }
    for (const h of heads) h.tabIndex = h.classList.contains("off") ? -1 : 0;
    for (const p of main.querySelectorAll("p.gone")) p.hidden = !p.querySelector(".m:not(.off)");
    for (const b of buttons) b.setAttribute("aria-pressed", String(chosen.has(b.dataset.rule)));
    status.textContent = chosen.size
      ? `Showing ${shown} of ${parts.size} changes: ${Array.from(chosen).join(", ")}.`
      : `Showing all ${parts.size} changes.`;
    const rules = Array.from(chosen).map(encodeURIComponent).join(",");
    try {  // a link to this view; some browsers refuse it on file: pages
      history.replaceState(null, "", rules ? "#rules=" + rules : location.pathname + location.search);
    } catch (err) { /* the view still works */ }
  }
  for (const b of buttons) {
    b.addEventListener("click", () => {
      const rule = b.dataset.rule;
      if (chosen.has(rule)) chosen.delete(rule); else chosen.add(rule);
      apply();
    });
  }
  document.getElementById("all").addEventListener("click", () => { chosen.clear(); apply(); });
  const wanted = /^#rules=(.*)$/.exec(location.hash);
  if (wanted) {
    for (const r of wanted[1].split(",")) chosen.add(decodeURIComponent(r));
    apply();
  }
  document.body.dataset.ready = "1";
})();
"""
