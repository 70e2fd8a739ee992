"""Pages as HTML text: the Jinja2 environment (autoescape on) and what every page is given."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from kimcli.site import core
from kimcli.site.names import Links

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# The site loads its own style sheet and scripts and nothing else: no inline script, no
# inline style, no connection, no frame, no form sent anywhere. 'self' was checked in Chromium
# from file:// and from a web server (tests/test_site_browser.py loads every page both ways).
SITE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "base-uri 'none'; form-action 'none'")


def single_csp(css: str) -> str:
    """The one-page export carries its style inline: allowed by its hash, nothing else is."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def _replace_chain(value: str) -> str:
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


# MarkupSafe's own escaping of a str, in C, without making a Markup object (the same five
# entities as the chain of replacements, which stands in where it is not built).
try:
    from markupsafe._speedups import _escape_inner as _escape_text
except ImportError:  # pragma: no cover - MarkupSafe without its C part, or before 3.0
    _escape_text = _replace_chain


def _output(value: Any) -> Any:
    """Every value a template prints, as HTML: dataset text with control, bidi and zero-width
    characters made visible (as on the terminal) and then escaped as MarkupSafe escapes,
    Markup (kim's own, already safe HTML) as it is, None as nothing.

    It takes the place of Jinja2's `finalize` and autoescape `escape` in kim's templates
    (_Template): one call instead of two, and no Markup object made for each value that is
    only joined into a page."""
    kind = value.__class__
    if kind is str:
        if not value.isprintable():
            value = core.clean(value)
        return _escape_text(value)
    if kind is Markup:
        return value
    return "" if value is None else escape(value)


class _Template(Template):
    """A compiled template whose printed values go through _output."""

    @classmethod
    def from_code(cls, environment: Environment, code: Any, globals: Any,
                  uptodate: Any = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        # The generated module prints with `escape(value)` (no finalize is set); its blocks
        # and macros share the module's globals.
        template.root_render_func.__globals__["escape"] = _output
        return template


class _Generator(CodeGenerator):
    """Jinja2's code generator with plain Python lookups: `p.title` compiles to
    `getattr(p, 'title')` and `A[lang]` to `A[lang]`, not to calls of the environment's
    getattr/getitem (Python functions that try an attribute, then an item, then make an
    Undefined). A site does a million lookups; kim's templates are given objects with the
    attributes they name (NamedTuples, no dicts read with a dot), and a name that is missing
    fails loudly either way (AttributeError, KeyError, as StrictUndefined would)."""

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        self.write("getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r})")

    @optimizeconst
    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        self.write("(")
        self.visit(node.node, frame)
        self.write(")[")
        self.visit(node.arg, frame)
        self.write("]")


class _Labels(dict[str, Markup]):
    """T['show.facts']: kim's labels, looked up and escaped once per build, not per page."""

    def __missing__(self, key: str) -> Markup:
        value = self[key] = escape(core.t(key))
        return value


class _Headings(dict[int, dict[str, Markup]]):
    """HEADINGS[2]['show.facts'] is <h2>Fakten</h2>: a heading of kim's own, made once."""

    def __missing__(self, level: int) -> dict[str, Markup]:
        value = self[level] = _Heading(level)
        return value


class _Heading(dict[str, Markup]):
    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, key: str) -> Markup:
        value = self[key] = Markup("<h%d>%s</h%d>") % (self.level, core.t(key), self.level)
        return value


class _LangAttributes(dict[str, Markup]):
    """A[lang]: ` lang="…"` where a text is not in the page's language, else nothing."""

    def __init__(self, page_lang: str) -> None:
        super().__init__({page_lang: Markup(""), "": Markup("")})

    def __missing__(self, lang: str) -> Markup:
        value = self[lang] = Markup(' lang="%s"') % lang
        return value


# Names whose value is the same on every page of a build: `{{ NAME }}` becomes template text.
_CONSTANTS = ("DL", "PL", "page_lang", "version")


class _Baked(Extension):
    """kim's own words go into a template when it is compiled, not each time it runs:
    `{{ T['show.facts'] }}` and `{{ DL }}` become template text (already escaped), as the
    language is fixed for a build. A site prints them tens of thousands of times."""

    def filter_stream(self, stream: TokenStream) -> Any:
        env = self.environment
        labels = cast(_Labels, env.globals["T"])
        pending: list[Token] = []
        for token in stream:
            if not pending and token.type != "variable_begin":
                yield token
                continue
            pending.append(token)
            if token.type != "variable_end":
                if len(pending) > 6:  # longer than any constant: not one
                    yield from pending
                    pending = []
                continue
            shape = [(t.type, t.value) for t in pending[1:-1]]
            text: Markup | None = None
            if len(shape) == 1 and shape[0][0] == "name" and shape[0][1] in _CONSTANTS:
                text = escape(env.globals[shape[0][1]])
            elif ([kind for kind, _ in shape] == ["name", "lbracket", "string", "rbracket"]
                  and shape[0][1] == "T"):
                text = labels[shape[2][1]]
            if text is None:
                yield from pending
            else:
                yield Token(pending[0].lineno, "data", str(text))
            pending = []
        yield from pending


def environment(page_lang: str, dataset_lang: str) -> Environment:
    env = Environment(
        extensions=[_Baked],
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    env.template_class = _Template
    env.code_generator_class = _Generator

    # Labels and language attributes are looked up, not called: a site has thousands of
    # pages, and a call from a template costs several times a lookup.
    attributes = _LangAttributes(page_lang)
    # DL marks the dataset's text where it is not in the page's language; PL marks kim's own
    # words inside such text.
    own = Markup("") if dataset_lang == page_lang else Markup(' lang="%s"') % page_lang
    env.globals.update(SEP=Markup("\x00"), t=core.t, T=_Labels(), HEADINGS=_Headings(),
                       A=attributes,
                       DL=attributes[dataset_lang], PL=own, page_lang=page_lang,
                       version=core.VERSION)
    return env


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


class Chrome(NamedTuple):
    """A page's head, header and footer, rendered once for each depth and current page."""

    head: Markup
    top: Markup
    footer: Markup


class Renderer:
    """Renders the pages of one site (or the one page) for one dataset and selection."""

    def __init__(self, dataset: core.Dataset, milestones: Sequence[core.Milestone], links: Links,
                 single: bool = False) -> None:
        self.links = links
        self.env = environment(core.language(), core.dataset_language(dataset))
        self.single = single
        css = static_text("site.css") if single else ""
        self.common: dict[str, Any] = {
            "ds_title": core.dataset_title(dataset),
            "description": core.dataset_description(dataset),
            "as_of": core.as_of(dataset),
            "total": len(dataset.milestones),
            "count": len(milestones),
            "has_glossary": bool(dataset.glossary),
            "single": single,
            "css": Markup(css),
            "csp": single_csp(css) if single else SITE_CSP,
        }
        self._templates: dict[str, Template] = {}
        self._chrome: dict[tuple[str, str], Chrome] = {}

    def template(self, name: str) -> Template:
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self.env.get_template(name)
        return found

    def compile(self, names: Sequence[str]) -> None:
        """Compile the templates named now rather than when first used."""
        for name in names:
            self.template(name)

    def fragment(self, name: str, **context: Any) -> Markup:
        """A small template's output, to be placed into pages as it is (already escaped)."""
        return Markup(self.template(name).render(context))

    def chrome(self, root: str, current: str) -> Chrome:
        """Head, header and footer: the same on many pages, so rendered once for each."""
        found = self._chrome.get((root, current))
        if found is None:
            values = {**self.common, "L": self.links.at(root), "current": current}
            found = self._chrome[(root, current)] = Chrome(*(
                Markup(self.template(f"_{part}.html").render(values))
                for part in Chrome._fields))
        return found

    def batch(self, name: str, root: str, **context: Any) -> list[str]:
        """Several pages from one run of a template that parts them with SEP."""
        values = dict(self.common)
        values.update(context)
        values.update(L=self.links.at(root), chrome=self.chrome(root, ""), h=1, whole=True)
        return self.template(name).render(values).split("\x00")[:-1]

    def _values(self, root: str, current: str, context: dict[str, Any]) -> dict[str, Any]:
        values = dict(self.common)
        values.update(context)
        values["L"] = self.links.at(root)
        values["chrome"] = self.chrome(root, current)
        return values

    def page(self, name: str, root: str, current: str = "", **context: Any) -> str:
        """The page whole: Jinja's pieces joined in one go (as page_chunks would give them)."""
        return self.template(name).render(self._values(root, current, context))

    def page_chunks(self, name: str, root: str, current: str = "", **context: Any
                    ) -> Iterator[str]:
        """The page as Jinja makes it, in pieces of about 64 KiB: never held whole."""
        values = self._values(root, current, context)
        held: list[str] = []
        size = 0
        for piece in self.template(name).generate(values):
            held.append(piece)
            size += len(piece)
            if size >= 1 << 16:
                yield "".join(held)
                held, size = [], 0
        yield "".join(held)
