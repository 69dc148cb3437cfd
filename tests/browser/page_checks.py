"""The browser rules, as functions of a loaded Playwright page (or of the built HTML files).

Each returns a list of problem strings: empty means the rule holds. The measuring is done in the
page by JavaScript on computed styles and layout boxes, which is what a reader's browser shows.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from bs4 import BeautifulSoup

AA = 4.5
TEXT_SCOPES = ["table.need", "article table:not(.need)", ".trace-graph"]

# Visible elements wider than the viewport, boxes that hide part of their content behind a
# sideways scroll (a cut column), and whether the page itself scrolls sideways.
WIDTH_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > vw + 1)
    out.push(`page scrolls sideways: content ${document.documentElement.scrollWidth}px in a ${vw}px viewport`);
  for (const el of document.querySelectorAll('article *')) {
    // A code block scrolls inside its own box: YAML and log lines must not be re-wrapped.
    if (el.closest('pre')) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].slice(0, 3).join('.') : '');
    if (r.width > vw + 1) out.push(`${name} is ${Math.round(r.width)}px wide in a ${vw}px viewport`);
    if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && !el.querySelector('pre') &&
        el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1)
      out.push(`${name} cuts its content: ${el.scrollWidth}px shown in ${el.clientWidth}px`);
  }
  return out.slice(0, 40);
}
"""

# WCAG contrast of every visible text run in the scopes: its colour over the composited
# backgrounds of its ancestors (SVG text: its fill over its node's shape, else the page).
CONTRAST_JS = """
(scopes) => {
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
    ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
  const results = [];
  for (const scope of scopes) {
    for (const root of document.querySelectorAll(scope)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
        let fg, bg;
        if (el instanceof SVGElement) {
          fg = parse(s.fill);
          const shape = el.closest('g.node')?.querySelector('polygon, path, ellipse');
          const shapeFill = shape ? parse(getComputedStyle(shape).fill) : null;
          const page = backdrop(el.closest('svg'));
          bg = shapeFill && shapeFill[3] > 0 ? over(shapeFill, page) : page;
        } else {
          fg = parse(s.color);
          bg = backdrop(el);
        }
        if (!fg) continue;
        fg = over(fg, bg);
        const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
        results.push({scope, element: describe(el), text: text.slice(0, 40), ratio: ratio(fg, bg)});
      }
    }
  }
  return results;
}
"""

# Each graph node: its need ID (from id="graph-<ID>") and where its link points.
GRAPH_JS = """
() => [...document.querySelectorAll('.trace-graph svg g.node')].map((g) => {
  const a = g.querySelector('a');
  return {id: g.id, href: a ? (a.href.baseVal !== undefined ? a.href.baseVal : a.getAttribute('href'))
                              || a.getAttribute('xlink:href') : null};
})
"""

# Share of the document height taken by need boxes, and by their chrome (all but the content row).
BOX_SHARE_JS = """
() => {
  const total = document.documentElement.scrollHeight;
  let boxes = 0, content = 0;
  for (const el of document.querySelectorAll('table.need')) {
    boxes += el.getBoundingClientRect().height;
    for (const row of el.querySelectorAll('tr.content')) content += row.getBoundingClientRect().height;
  }
  return {boxes, total, share: boxes / total, chrome_share: (boxes - content) / total};
}
"""


def width_problems(page) -> list[str]:
    return page.evaluate(WIDTH_JS)


def contrast_results(page) -> list[dict]:
    return page.evaluate(CONTRAST_JS, TEXT_SCOPES)


def contrast_problems(page) -> list[str]:
    return [
        f"{item['scope']} {item['element']} '{item['text']}': contrast {item['ratio']:.2f}:1 is below {AA}:1"
        for item in contrast_results(page)
        if item["ratio"] < AA
    ]


def graph_problems(page) -> list[str]:
    """The graph is inline SVG and each node links to its own need's anchor."""
    if not page.locator(".trace-graph svg").count():
        return ["no inline SVG traceability graph on the page"]
    nodes = page.evaluate(GRAPH_JS)
    problems = [] if nodes else ["the graph has no nodes"]
    for node in nodes:
        need_id = node["id"].removeprefix("graph-")
        if not node["href"]:
            problems.append(f"graph node {need_id} has no link")
        elif urldefrag(node["href"]).fragment != need_id:
            problems.append(f"graph node {need_id} links to {node['href']}, not to its need")
    return problems


def box_share(page) -> dict:
    return page.evaluate(BOX_SHARE_JS)


def anchor_problems(html_root: Path, pages: list[str]) -> list[str]:
    """Every internal href on the pages names an existing file, and its #fragment an existing id."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)} | {
                tag["name"] for tag in soup.find_all("a", attrs={"name": True})
            }
        return ids[path]

    problems = []
    for page in pages:
        source = html_root / page
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        links = [tag.get("href") for tag in soup.find_all("a")] + [
            tag.get("xlink:href") or tag.get("href") for tag in soup.select("svg a")
        ]
        for href in filter(None, links):
            parsed = urlparse(href)
            if parsed.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (source.parent / unquote(parsed.path)).resolve() if parsed.path else source
            if not target.is_file():
                problems.append(f"{page}: link '{href}' points at a missing file")
            elif parsed.fragment and target.suffix == ".html" and parsed.fragment not in ids_of(target):
                problems.append(f"{page}: link '{href}' points at a missing anchor")
    return sorted(set(problems))


# The on-call index: the list that opens Purpose and Scope, its links, and the procedures they open.
ON_CALL_INDEX_JS = """
() => {
  const list = document.querySelector('section#purpose-and-scope > ul');
  if (!list) return null;
  const r = list.getBoundingClientRect();
  return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
          targets: [...list.querySelectorAll('a')].map((a) => a.getAttribute('href').replace(/^#/, ''))};
}
"""

# Where a procedure's first step sits in the viewport now, and the text each of its steps opens with.
PROCEDURE_JS = """
(id) => {
  const section = document.getElementById(id);
  const steps = section ? section.querySelector(':scope > ol') : null;
  if (!steps) return null;
  const items = [...steps.children].filter((el) => el.tagName === 'LI');
  const r = items[0].getBoundingClientRect();
  return {first_top: r.top, first_bottom: r.bottom, viewport: window.innerHeight,
          openings: items.map((li) => {
            const strong = li.querySelector(':scope > p:first-child > strong:first-child');
            const p = li.querySelector(':scope > p:first-child');
            const starts = strong && p && p.textContent.trimStart().startsWith(strong.textContent);
            return starts ? strong.textContent : (p ? p.textContent.trim().slice(0, 40) : '');
          })};
}
"""
ROLES = ("Operator", "Owner")


def on_call_index(page) -> dict | None:
    return page.evaluate(ON_CALL_INDEX_JS)


def index_problems(index: dict | None, viewport_height: int) -> list[str]:
    """The index must exist and sit wholly on the first screen."""
    if index is None:
        return ["no on-call index: Purpose and Scope does not open with a list of links"]
    if index["bottom"] > viewport_height:
        return [f"on-call index ends at {index['bottom']:.0f}px, below the first screen ({viewport_height}px)"]
    return []


def procedure_problems(target: str, procedure: dict | None, margin: int = 40) -> list[str]:
    """After following an index link: the procedure's first step on screen, and every step naming a role."""
    if procedure is None:
        return [f"#{target}: no numbered steps right under the heading"]
    problems = []
    top, height = procedure["first_top"], procedure["viewport"]
    if not 0 <= top <= height - margin:
        problems.append(f"#{target}: first step at {top:.0f}px, not on the {height}px screen")
    for number, opening in enumerate(procedure["openings"], start=1):
        if not opening.startswith(ROLES):
            problems.append(f"#{target} step {number} names no role: starts with {opening!r}")
    return problems


# The source -> recommendation back-links of the Source Mapping matrix, and where a link's target lands.
BACK_LINKS_JS = """
() => [...new Set([...document.querySelectorAll('section#source-to-recommendations a[href^="#REC_"]')]
  .map((a) => a.getAttribute('href').slice(1)))]
"""
# The target's top below whatever sticky header covers the top of the viewport (furo's, on narrow screens).
LANDING_JS = """
(id) => {
  const header = document.querySelector('.mobile-header');
  const covered = header && getComputedStyle(header).position !== 'static' ? header.getBoundingClientRect().bottom : 0;
  return document.getElementById(id).getBoundingClientRect().top - Math.max(0, covered);
}
"""


def landing_problems(target: str, top: float, tolerance: int = 40) -> list[str]:
    """A followed link must put its target's top within `tolerance` px of the viewport's top."""
    return [] if 0 <= top <= tolerance else [f"#{target} lands {top:.0f}px from the top of the visible page"]
