"""What a reviewer sees of a page in a pull request: the page rendered as GitHub Flavored Markdown.

GitHub renders Markdown with cmark-gfm (CommonMark, tables, strikethrough, autolinks; raw HTML kept
through a sanitizer that drops comments). markdown-it-py in CommonMark mode with HTML, tables and
strikethrough stands in for it; HTML comments are removed and tags shown as nothing, as GitHub does.

The page is cut into visible pieces, each with its source line and its kind:
- "prose": text GitHub shows as text (paragraphs, list items, table cells, headings, inline code);
- "prose-as-code": text in a code block that is not code: a fence whose info string names no
  language (a MyST directive such as ```{rec}, or none at all) or an indented code block;
- "code": a fenced block whose info string names a language (sql, sh, yaml ...): real code.
Markup is what only a MyST parser understands and GitHub shows as it is: role names (`{spec}`),
directive fences (`:::`, `{rec}`), field lines (`:id: REC_X`) and value keys (`workers=`,
`job_capacity:runbook.max_sustained_eps`).

    .venv/bin/python tests/gfm_view.py docs/low-latency-streaming-cluster-config.md
    git show main:docs/low-latency-streaming-cluster-config.md | .venv/bin/python tests/gfm_view.py -

With `--html OUT.html [--css github-markdown-light.css]` it also writes the page as GitHub would
show it (comments dropped), for a screenshot (docs/_static/screenshots/runbook-gfm-900.png: the
stylesheet from the npm package github-markdown-css, `chromium --headless --window-size=900,3000`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from markdown_it import MarkdownIt

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT / "_ext"), str(REPO_ROOT / "src")]  # the extension; the bundle model

from runbook_checks.spec_values import facts  # noqa: E402

CODE_LANGUAGES = {"sql", "sh", "shell", "bash", "console", "yaml", "yml", "json", "python", "text", "toml"}
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
RESULT_NAMES = sorted(path.stem for path in (REPO_ROOT / "benchmarks" / "results").glob("*.json"))
SPEC_KEYS = sorted(facts({}, SimpleNamespace(runbook_scale_to_workers=0, runbook_runtime_spark={})))
# A figure shown as its key: a result file's figure path, an assumption's or threshold's name, a spec key
# with its value.
FIGURE_KEY = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, RESULT_NAMES))}):[\w.-]+"
    r"|\b(?:assumed|threshold)\.\w+"
    rf"|\b(?:{'|'.join(map(re.escape, SPEC_KEYS))})="
    r"|\{(?:spec|bench|assumed|threshold|notspec)\}"
)
MARKUP = re.compile(
    r"^\s*:[a-z_]+:.*$"  # a directive's field line, shown as text
    r"|\{[a-z][a-z-]*\}"  # a role or directive name
    r"|:::+|```+" + "|" + FIGURE_KEY.pattern,  # fence words shown as text
    re.MULTILINE,
)


@dataclass(frozen=True)
class Piece:
    line: int  # 1-based line of the source
    kind: str  # prose, prose-as-code, code
    text: str


def visible_html(html: str) -> str:
    return HTML_TAG.sub("", HTML_COMMENT.sub("", html))


def inline_pieces(token, start: int) -> list[Piece]:
    """An inline token's visible text, line by line (soft and hard breaks move to the next line)."""
    pieces, line, text = [], start, []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            pieces.append(Piece(line, "prose", "".join(text)))
            line, text = line + 1, []
        elif child.type in ("text", "code_inline"):
            text.append(child.content)
        elif child.type == "html_inline":
            text.append(visible_html(child.content))
            line += child.content.count("\n")  # a comment may span lines
    pieces.append(Piece(line, "prose", "".join(text)))
    return [piece for piece in pieces if piece.text.strip()]


def pieces(markdown: str) -> list[Piece]:
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    found: list[Piece] = []
    for token in parser.parse(markdown):
        start = token.map[0] + 1 if token.map else 0
        if token.type == "inline":
            found += inline_pieces(token, start)
        elif token.type in ("fence", "code_block"):
            language = token.info.strip().split(" ")[0] if token.type == "fence" else ""
            kind = "code" if language in CODE_LANGUAGES else "prose-as-code"
            offset = 1 if token.type == "fence" else 0
            for number, text in enumerate(token.content.split("\n")):
                if text.strip():
                    found.append(Piece(start + offset + number, kind, text))
        elif token.type == "html_block":
            for number, text in enumerate(visible_html(token.content).split("\n")):
                if text.strip():
                    found.append(Piece(start + number, "prose", text))
    return found


def size(text: str) -> int:
    """Visible characters: whitespace does not count."""
    return len("".join(text.split()))


@dataclass(frozen=True)
class Figures:
    prose: int  # visible characters of prose, shown as text or as code
    prose_as_code: int
    code: int
    markup: int
    titles: int
    titles_visible: int
    figure_keys: int

    @property
    def visible(self) -> int:
        return self.prose + self.code

    @property
    def prose_as_code_share(self) -> float:
        return self.prose_as_code / self.prose if self.prose else 0.0

    @property
    def markup_share(self) -> float:
        return self.markup / self.visible if self.visible else 0.0

    def lines(self) -> list[str]:
        return [
            f"prose shown as code: {self.prose_as_code_share:.1%} ({self.prose_as_code} of {self.prose} characters)",
            f"need titles visible: {self.titles_visible} of {self.titles}",
            f"markup in the visible text: {self.markup_share:.1%} ({self.markup} of {self.visible} characters)",
            f"figures shown as keys: {self.figure_keys}",
        ]


TITLE = re.compile(r"^\s*(?:```+|:::+)\{(?:rec|evid|src)\}\s*(?P<title>.+?)\s*$")


def titles(markdown: str) -> list[tuple[int, str]]:
    """(line, title) of every need directive, however it is fenced: counted from the source."""
    found = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = TITLE.match(line)
        if match:
            found.append((number, match["title"]))
    return found


def hidden_titles(markdown: str, shown: list[Piece]) -> list[tuple[int, str]]:
    """The need titles GitHub does not show as text (in a code block, or not at all)."""
    prose = {piece.line: piece.text for piece in shown if piece.kind == "prose"}
    return [(line, title) for line, title in titles(markdown) if title not in prose.get(line, "")]


def markup(shown: list[Piece]) -> list[tuple[Piece, str]]:
    """(piece, markup) for each stretch of markup GitHub shows, real code left out."""
    return [(piece, match.group(0)) for piece in shown if piece.kind != "code" for match in MARKUP.finditer(piece.text)]


def figure_keys(shown: list[Piece]) -> list[tuple[Piece, str]]:
    return [(piece, match.group(0)) for piece in shown for match in FIGURE_KEY.finditer(piece.text)]


def figures(markdown: str) -> Figures:
    shown = pieces(markdown)
    prose = sum(size(piece.text) for piece in shown if piece.kind != "code")
    all_titles = titles(markdown)
    return Figures(
        prose=prose,
        prose_as_code=sum(size(piece.text) for piece in shown if piece.kind == "prose-as-code"),
        code=sum(size(piece.text) for piece in shown if piece.kind == "code"),
        markup=sum(size(found) for _, found in markup(shown)),
        titles=len(all_titles),
        titles_visible=len(all_titles) - len(hidden_titles(markdown, shown)),
        figure_keys=len(figure_keys(shown)),
    )


def html_page(markdown: str, css: str = "") -> str:
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    body = HTML_COMMENT.sub("", parser.render(markdown))
    link = f'<link rel="stylesheet" href="{css}">' if css else ""
    return (
        f'<!doctype html><html><head><meta charset="utf-8">{link}<style>body{{margin:0}}'
        ".markdown-body{box-sizing:border-box;max-width:900px;padding:32px}</style></head>"
        f'<body><article class="markdown-body">{body}</article></body></html>'
    )


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="A page's figures as GitHub renders it.")
    parser.add_argument("pages", nargs="*", default=["-"])
    parser.add_argument("--html", help="also write the rendered page (the last one named) to this file")
    parser.add_argument("--css", default="", help="stylesheet the HTML links to")
    args = parser.parse_args(argv)
    for name in args.pages:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        print(f"{name}:")
        print("\n".join(f"  {line}" for line in figures(text).lines()))
        if args.html:
            Path(args.html).write_text(html_page(text, args.css), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
