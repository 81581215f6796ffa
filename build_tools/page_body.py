"""A page's body: its Markdown (docs/) made HTML, with its headings, by markdown-it-py.

The renderer (MkDocs) only wraps this body in the theme; Python-Markdown never
reads our pages (build_tools/mkdocs_hooks.py hands the body over). The Markdown
in docs/ stays the readable source of the site, and a renderer that runs no
hook renders the same Markdown itself.

markdown-it-py's CommonMark, raw HTML and tables, plus the few extensions the
writer uses, each a rule here, giving the HTML Python-Markdown's extensions
gave (Material's footnote tooltips and the theme's permalinks read it):

- attributes: `{ #id .class word }` closing a heading, `{: .class }` as the
  last line of a paragraph (attributes in name order, as attr_list wrote them);
- footnotes: `[^label]` calls and `[^label]: text` definitions (continued by
  lines indented four spaces), listed in the order they are defined, where
  the line `///Footnotes Go Here///` stands or else at the end;
- headings: an id for every heading (its own, or one made from its text) and
  a permalink;
- links between pages: `part.md#anchor` becomes `part.html#anchor` (plain file
  URLs, `use_directory_urls: false`). Whether they resolve is checked in the
  built site (build_tools/site_check.py), whoever rendered it.

Bodies are cached by content (`BodyCache`): a page whose Markdown did not
change is not rendered again.
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import markdown_it
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .cache import ContentCache

HEADING_ATTRS = re.compile(r"[ \t]*\{[ \t]*([#.][^{}\n]*?)[ \t]*\}[ \t]*$")
BLOCK_ATTRS = re.compile(r"\n\{:[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*$")
ATTR_WORD = re.compile(r'([^\s=}]+)="([^"]*)"|([^\s=}]+)=\'([^\']*)\'|([^\s=}]+)=([^\s=}]+)|([^\s=}]+)')
FOOTNOTE_DEF = re.compile(r"\[\^([^\]\s]+)\]:[ \t]?")
FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")
FOOTNOTES_HERE = "///Footnotes Go Here///"  # Python-Markdown's placeholder, which the writer uses
TAG = re.compile(r"<[^>]*>")
MD_LINK = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^?#]*)\.md(?=$|[?#])")
# A relative URL of these characters (no scheme, no host) is what markdown-it's normalizeLink
# gives back unchanged; the writer's links between pages are all of them.
PLAIN_URL = re.compile(r"(?!//)[A-Za-z0-9._~/#-]*")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    name: str  # its text, as HTML (entities kept, tags gone)


@dataclass(frozen=True)
class Body:
    html: str
    headings: tuple[Heading, ...] = ()
    title: str | None = None  # the text of an opening h1


def render(markdown: str) -> Body:
    """The body of one page."""
    env: dict = {}
    md = _parser()
    tokens = md.parse(markdown, env)
    body = md.renderer.render(tokens, md.options, env)
    return Body(html=body, headings=tuple(env.get("headings", ())), title=env.get("title"))


# ------------------------------------------------------------------- parser

_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        md = MarkdownIt("commonmark", {"html": True}).enable("table")
        md.block.ruler.before("reference", "footnote_definition", footnote_definition,
                              {"alt": ["paragraph", "reference"]})
        md.inline.ruler.before("link", "footnote_call", footnote_call)
        md.core.ruler.after("block", "attributes", attributes)
        md.core.ruler.push("heading_ids", heading_ids)
        md.core.ruler.push("page_links", page_links)
        md.core.ruler.push("footnotes", footnotes)
        md.add_render_rule("heading_close", _heading_close)
        md.add_render_rule("footnote_call", _footnote_call)
        md.add_render_rule("footnote_list", _footnote_list(md))
        md.normalizeLink = _plain_or(md.normalizeLink)
        _PARSER = md
    return _PARSER


# --------------------------------------------------------------- attributes


def attributes(state: StateCore) -> None:
    """`{ #id .class }` after a heading's text, `{: .class }` under a paragraph's last line."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or i == 0:
            continue
        opening = tokens[i - 1]
        pattern = {"heading_open": HEADING_ATTRS, "paragraph_open": BLOCK_ATTRS}.get(opening.type)
        m = pattern.search(token.content) if pattern else None
        if m:
            token.content = token.content[:m.start()]
            _assign(opening, m.group(1))


def _assign(token: Token, spec: str) -> None:
    attrs = dict(token.attrs)
    classes = [c for c in str(attrs.pop("class", "")).split() if c]
    for m in ATTR_WORD.finditer(spec):
        key, value = next((m.group(k), m.group(k + 1)) for k in (1, 3, 5) if m.group(k)) if not m.group(7) \
            else (m.group(7), m.group(7))
        if key.startswith("."):
            classes.append(key[1:])
        elif key.startswith("#"):
            attrs["id"] = key[1:]
        else:
            attrs[key] = html.unescape(value)
    if classes:
        attrs["class"] = " ".join(classes)
    token.attrs = dict(sorted(attrs.items()))


# ----------------------------------------------------------------- headings


def heading_ids(state: StateCore) -> None:
    """Every heading gets an id (its own, or its text's) and joins the page's headings."""
    tokens = state.tokens
    used = {str(t.attrs["id"]) for t in tokens if "id" in t.attrs}
    headings: list[Heading] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        name = TAG.sub("", _inline_html(state.md, inline, state.env)).strip()
        if "id" not in token.attrs:
            token.attrs = dict(sorted({**token.attrs, "id": _unique(slug(html.unescape(name)), used)}.items()))
        headings.append(Heading(int(token.tag[1]), str(token.attrs["id"]), name))
        if i == 0 and token.tag == "h1":
            state.env["title"] = html.unescape(name)
    state.env["headings"] = headings


def _inline_html(md: MarkdownIt, inline: Token, env: dict) -> str:
    children = [c for c in inline.children or [] if c.type != "footnote_call"]
    return md.renderer.renderInline(children, md.options, env)


def slug(text: str) -> str:
    """An id made of a heading's words: ASCII letters and digits, joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _unique(id_: str, used: set[str]) -> str:
    candidate, n = id_ or "section", 0
    while candidate in used:
        n += 1
        candidate = f"{id_}_{n}"
    used.add(candidate)
    return candidate


def _heading_close(self, tokens, idx, options, env) -> str:
    opening = tokens[idx - 2]
    anchor = html.escape(str(opening.attrs.get("id", "")))
    return f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></{tokens[idx].tag}>\n'


# -------------------------------------------------------------------- links


def _plain_or(normalize):
    """normalizeLink, skipping the URL parser and percent-encoder for a plain relative URL (one page
    of the edition links to others thousands of times)."""
    def normalize_link(url: str) -> str:
        return url if PLAIN_URL.fullmatch(url) else normalize(url)
    return normalize_link


def page_links(state: StateCore) -> None:
    """A link to another page's Markdown points at its HTML."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "link_open":
                child.attrs["href"] = MD_LINK.sub(r"\1.html", str(child.attrs.get("href", "")))


# ---------------------------------------------------------------- footnotes


def footnote_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    begin = state.bMarks[start] + state.tShift[start]
    m = FOOTNOTE_DEF.match(state.src, begin)
    if not m or state.sCount[start] - state.blkIndent >= 4:
        return False
    if silent:
        return True
    lines = [state.src[m.end():state.eMarks[start]]]
    line = start + 1
    while line < end and (state.isEmpty(line) or state.sCount[line] - state.blkIndent >= 4):
        raw = state.src[state.bMarks[line]:state.eMarks[line]]
        lines.append("" if state.isEmpty(line) else re.sub(r"^(?: {1,4}|\t)", "", raw))
        line += 1
    while line > start + 1 and state.isEmpty(line - 1):  # blank lines after it are not its own
        line -= 1
        lines.pop()
    definitions = state.env.setdefault("footnotes", {})
    definitions.setdefault(m.group(1), "\n".join(lines))
    state.line = line
    return True


def footnote_call(state: StateInline, silent: bool) -> bool:
    m = FOOTNOTE_CALL.match(state.src, state.pos)
    if not m or m.group(1) not in state.env.get("footnotes", {}):
        return False
    if not silent:
        token = state.push("footnote_call", "", 0)
        token.meta = {"label": m.group(1)}
    state.pos = m.end()
    return True


def _footnote_call(self, tokens, idx, options, env) -> str:
    label = tokens[idx].meta["label"]
    calls = env.setdefault("footnote_calls", {})
    calls[label] = calls.get(label, 0) + 1
    number = list(env["footnotes"]).index(label) + 1
    ref = html.escape(f"fnref{calls[label] if calls[label] > 1 else ''}:{label}")
    return (f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{html.escape(label)}">'
            f"{number}</a></sup>")


def footnotes(state: StateCore) -> None:
    """The page's notes: one list, each note with a link back to its call, where the page says (a
    paragraph FOOTNOTES_HERE) or after its text."""
    definitions = state.env.get("footnotes")
    if not definitions or state.env.get("in_footnote"):
        return
    token = Token("footnote_list", "", 0)
    token.meta = {"definitions": dict(definitions)}
    tokens = state.tokens
    here = next((i for i in range(1, len(tokens) - 1) if tokens[i].type == "inline"
                 and tokens[i - 1].type == "paragraph_open" and tokens[i].content.strip() == FOOTNOTES_HERE), None)
    if here is None:
        tokens.append(token)
    else:
        tokens[here - 1:here + 2] = [token]


def _footnote_list(md: MarkdownIt):
    def render_list(self, tokens, idx, options, env) -> str:
        items = []
        for number, (label, text) in enumerate(tokens[idx].meta["definitions"].items(), 1):
            inner_env = {"footnotes": env["footnotes"], "footnote_calls": {}, "in_footnote": True}
            body = md.renderer.render(md.parse(text, inner_env), options, inner_env).rstrip("\n")
            back = (f'&#160;<a class="footnote-backref" href="#fnref:{html.escape(label)}" '
                    f'title="Jump back to footnote {number} in the text">&#8617;</a>')
            body = body[:-4] + back + "</p>" if body.endswith("</p>") else body + "\n<p>" + back + "</p>"
            items.append(f'<li id="fn:{html.escape(label)}">\n{body}\n</li>')
        return '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>\n"
    return render_list


# -------------------------------------------------------------------- cache


class BodyCache(ContentCache):
    """Rendered bodies by their Markdown (and this renderer): a page that did not change is not rendered."""

    def __init__(self, folder: Path):
        super().__init__(folder, salt=RENDERER)

    @property
    def rendered(self) -> int:
        return self.made

    def kept(self, key: str) -> Body | None:
        """The body kept under key, or None if there is none (or it is damaged)."""
        data = self.get(key)
        try:
            return Body(data["html"], tuple(Heading(*h) for h in data["headings"]), data["title"])
        except (KeyError, TypeError):
            return None

    def body(self, markdown: str) -> Body:
        key = self.key(markdown)
        if (kept := self.kept(key)) is not None:
            return kept
        body = render(markdown)
        self.put(key, {"html": body.html, "title": body.title,
                       "headings": [[h.level, h.id, h.name] for h in body.headings]})
        return body


def _renderer_fingerprint() -> str:
    """This file and markdown-it-py's version: a change to either renders every page again."""
    return hashlib.sha256(Path(__file__).read_bytes() + markdown_it.__version__.encode()).hexdigest()[:16]


RENDERER = _renderer_fingerprint()
