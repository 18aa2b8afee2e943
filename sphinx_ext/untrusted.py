"""Articles are untrusted input: what an article may do, and the parser that
holds it to that.

Whoever controls an article's text must not control the build machine or a
reader's browser. Every Markdown document where articles live (the
``mystitch_articles`` globs) is parsed under a policy, whatever its front
matter says or whether its YAML parses:

* directives and roles are looked up through an allow-list: those that read
  files, emit raw markup or run code (``include``, ``literalinclude``, ``raw``,
  ``eval-rst``, ``meta``, ``download``, any unknown one) are shown as text
  with a warning; ``csv-table`` may not read a ``:file:`` or ``:url:``;
* docutils' own switches for untrusted input are off (``file_insertion_enabled``,
  ``raw_enabled``), and MyST substitutions (Jinja templates) are not parsed;
* once parsed, and before Sphinx's collectors copy any file, the doctree is
  cleaned: raw HTML becomes text, links and images keep to safe schemes, an
  image must be an image file inside the source folder, refresh ``<meta>``
  tags go, and math that MathJax would turn into links, classes or styles
  in the reader's browser (``\\href``, ``\\class``, ``\\style`` …) is shown as code.

``mystitch_allow`` names what a site that trusts its pipeline opens again.
Every Markdown page, trusted or not, is parsed inside a guard: a crash in a
parser plugin costs that page its formatting (it is published as text), not
the build.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxWarning

from mystitch.lint.merge import raw_line

from .state import generated, line_maps
from .warnings_ import MystitchWarnings, warn

# Directives that only arrange or format the article's own text.
SAFE_DIRECTIVES = frozenset(
    {
        # docutils
        "admonition", "attention", "caution", "danger", "error", "hint", "important",
        "note", "tip", "warning", "topic", "sidebar", "line-block", "parsed-literal",
        "code", "math", "rubric", "epigraph", "highlights", "pull-quote", "compound",
        "container", "table", "csv-table", "list-table", "image", "figure", "replace",
        "unicode", "date", "contents", "sectnum", "class",
        # Sphinx
        "code-block", "sourcecode", "highlight", "toctree", "seealso",
        "centered", "hlist", "only", "versionadded", "versionchanged", "deprecated",
        "versionremoved", "glossary", "productionlist", "tabularcolumns", "acks",
        "sectionauthor", "moduleauthor", "codeauthor", "rst-class",
        # MyST, and ours
        "figure-md", "mystitch-articles", "mystitch-terms", "mystitch-byline",
        "mystitch-copy",
    }
)  # fmt: skip
# Roles that only format text or link inside the site.
SAFE_ROLES = frozenset(
    {
        # docutils
        "emphasis", "strong", "literal", "code", "math", "subscript", "sub",
        "superscript", "sup", "abbreviation", "abbr", "acronym", "ac",
        "title-reference", "title", "t", "pep-reference", "pep", "rfc-reference", "rfc",
        # Sphinx
        "command", "dfn", "file", "guilabel", "kbd", "mailheader", "makevar", "manpage",
        "menuselection", "mimetype", "newsgroup", "program", "regexp", "samp", "doc",
        "ref", "keyword", "option", "term", "token", "envvar", "eq", "any",
    }
)  # fmt: skip
# Sphinx's own domains describe code; none of their directives or roles reads a file.
# Not c and cpp: their signature parsers take exponential time on nested
# brackets ("{cpp:expr}" and a dozen "("). Not index or numref either: an
# entry of one invisible character, or a numref format of "{0}", stops
# Sphinx's own build with a traceback.
SAFE_DOMAINS = frozenset({"py", "js", "rst", "std", "math"})
_UNSAFE_EVERYWHERE = frozenset({"index", "numref"})  # also as "std:numref"
# What each refused name does, for the warning.
WHY = {
    "include": "it reads a file",
    "literalinclude": "it reads a file",
    "raw": "it emits raw markup",
    "eval-rst": "it runs reStructuredText, which can read files and emit raw markup",
    "meta": "it can add a refresh or redirect to the page",
    "role": "it can make a role that emits raw markup",
    "default-role": "it changes how every role of the page is read",
    "download": "it publishes a file of the build machine",
}
# Languages whose highlighters read any text in time linear in it (the
# common ones); code in another is shown as plain text.
HIGHLIGHT_LANGUAGES = frozenset(
    {
        "default", "none", "text", "python", "py", "python3", "py3", "pycon", "javascript",
        "js", "jsx", "typescript", "ts", "tsx", "json", "json5", "yaml", "yml", "toml", "ini",
        "cfg", "bash", "sh", "shell", "zsh", "console", "shell-session", "powershell", "ps1",
        "pwsh", "bat", "batch", "html", "xml", "css", "scss", "sass", "less", "sql", "go",
        "golang", "rust", "rs", "java", "kotlin", "c", "cpp", "c++", "csharp", "cs", "c#",
        "ruby", "rb", "php", "swift", "r", "julia", "scala", "lua", "perl", "dockerfile",
        "docker", "makefile", "make", "diff", "markdown", "md", "rst", "latex", "tex",
        "graphql", "http", "nginx", "protobuf", "proto", "hcl", "terraform", "elixir",
        "haskell", "dart", "objective-c", "objc", "vim", "lisp", "clojure", "erlang",
        "fortran", "matlab", "cuda", "asm", "nasm", "verilog", "vhdl", "solidity", "vue",
    }
)  # fmt: skip
# Names in mystitch_allow that are features rather than directives or roles.
FEATURES = {
    "html": "raw HTML in articles is published as HTML",
    "substitutions": "MyST substitutions ({{ … }}, Jinja templates) are evaluated",
    "front-matter": "front matter keys other than the article's fields reach Sphinx and "
    "myst-parser (myst:, html_meta, substitutions …)",
    "files": "directives may read files (include, literalinclude, csv-table :file:)",
    "highlight": "code is highlighted in any language Pygments knows (some of its "
    "highlighters take minutes on crafted text)",
    "math-html": "math may use the MathJax commands that make links or set classes and "
    "styles (\\href, \\class, \\style …)",
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps", "tel", "news", "irc"})
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", ".tif", ".tiff"}
)
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*\Z", re.I)
# Browsers drop these anywhere in a URL: "java\tscript:" is javascript:.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# MathJax runs in the reader's browser: these TeX commands make links
# ("\href{javascript:…}"), set classes, ids, styles or MathML attributes,
# load extensions, or build a command's name from text ("\csname").
_ACTIVE_MATH = re.compile(
    r"\\(?:href|url|class|cssId|style|bbox|html|data|attr|mmlToken|require|csname|"
    r"texttip|mathtip|toggle)(?![A-Za-z])"
)


@dataclasses.dataclass(frozen=True)
class Policy:
    """What one untrusted page may do: the safe set plus ``mystitch_allow``."""

    allowed: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return "*" in self.allowed

    def allows(self, name: str) -> bool:
        return self.everything or name in self.allowed

    def directive(self, name: str) -> bool:
        name = name.lower()
        return name in SAFE_DIRECTIVES or self.allows(name) or _in_safe_domain(name)

    def role(self, name: str) -> bool:
        name = name.lower()
        return name in SAFE_ROLES or self.allows(name) or _in_safe_domain(name)

    @property
    def html(self) -> bool:
        return self.allows("html") or self.allows("raw")

    @property
    def files(self) -> bool:
        return any(self.allows(name) for name in ("files", "include", "literalinclude"))


def _in_safe_domain(name: str) -> bool:
    domain, colon, local = name.partition(":")
    return bool(colon) and domain in SAFE_DOMAINS and local not in _UNSAFE_EVERYWHERE


def known_names() -> set[str]:
    """Everything ``mystitch_allow`` may name (besides directives and roles)."""
    return {"*", *FEATURES}


def untrusted(env: Any, docname: str) -> bool:
    """Is this document where articles live? Its front matter does not matter."""
    if docname in generated(env):
        return False  # our own generated pages: every name in them is escaped
    config = env.config
    if not any(fnmatchcase(docname, glob) for glob in config.mystitch_articles):
        return False
    path = str(env.doc2path(docname))
    suffixes = config.source_suffix
    for suffix, filetype in suffixes.items() if isinstance(suffixes, dict) else ():
        if path.endswith(suffix):
            return filetype == "markdown"
    return False


def policy_for(env: Any, docname: str) -> Policy | None:
    """The policy of an untrusted page, or None for a page the project trusts."""
    if not untrusted(env, docname):
        return None
    return Policy(frozenset(str(name).lower() for name in env.config.mystitch_allow))


def _node_location(env: Any, node: nodes.Node) -> tuple[str, int]:
    """The raw line of a node, or of its parent when it has none (inline nodes)."""
    return _raw_location(env, node.line or (node.parent.line if node.parent else None))


def _raw_location(env: Any, line: int | None) -> tuple[str, int]:
    """A line of the page Sphinx reads, as the line of the raw file."""
    docname = env.docname
    lines = line_maps(env).get(docname)
    if not line:
        return (docname, 1)
    return (docname, raw_line(lines, line) if lines else line)


def _refusal(
    env: Any, what: str, name: str, line: int | None, opens: str = "", why: str = ""
) -> None:
    reason = why or WHY.get(name, "it is not on the list of what an article may use")
    warn(
        MystitchWarnings.UNTRUSTED,
        f"{what} is not allowed in an article ({reason}); shown as text "
        f"(add {(opens or name)!r} to mystitch_allow to trust it)",
        _raw_location(env, line),
    )


# Refused directives and roles ---------------------------------------------------


class _AnyOptions(dict[str, Callable[[str | None], Any]]):
    """Accept every option a refused directive was given, to show it back."""

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return directives.unchanged

    def __bool__(self) -> bool:
        return True  # "there are options": parsers then read the option block


class RefusedDirective(Directive):
    """A directive an article may not use, shown as the text it was written as."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOptions()

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        _refusal(env, f"directive '{self.name}'", self.name, self.lineno)
        return [shown_as_text(self.name, self.arguments, self.options, self.content)]


def shown_as_text(
    name: str, arguments: list[str], options: dict[str, Any], content: Any
) -> nodes.literal_block:
    lines = [f"{{{name}}} {' '.join(arguments)}".rstrip()]
    lines += [
        f":{key}: {'' if value is None else value}".rstrip() for key, value in options.items()
    ]
    if content:
        lines += ["", *content]
    text = "\n".join(lines)
    node = nodes.literal_block(text, text, classes=["mystitch-refused"])
    node["language"] = "none"
    return node


def refused_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    _refusal(inliner.document.settings.env, f"role '{name}'", name.lower(), lineno)
    return [nodes.literal(rawtext, rawtext, classes=["mystitch-refused"])], []


_FILE_OPTIONS = frozenset({"file", "url"})
# Options whose value Sphinx turns into that many list entries or nodes
# ("1-2000000000" is a list of two billion line numbers): an article's may
# not count past its own content.
_COUNTING_OPTIONS = frozenset({"emphasize-lines", "columns"})
_NUMBER = re.compile(r"\d+")
_GUARDED: dict[tuple[type, bool], type] = {}


def _guarded(cls: type[Directive], files: bool) -> type[Directive]:
    """A directive held to what an article may ask of it: no file or address
    to read (``csv-table :file:``) unless ``files`` is open, and no counting
    option past its content."""
    guarded = _GUARDED.get((cls, files))
    if guarded is None:

        class Guarded(cls):
            def run(self) -> list[nodes.Node]:
                if not files and _FILE_OPTIONS & set(self.options):
                    env = self.state.document.settings.env
                    _refusal(
                        env,
                        f"'{self.name}' with :file: or :url:",
                        self.name,
                        self.lineno,
                        opens="files",
                        why="it reads a file or fetches an address",
                    )
                    return [shown_as_text(self.name, self.arguments, self.options, self.content)]
                _bound_counts(self)
                return super().run()

        guarded = _GUARDED[(cls, files)] = Guarded
    return guarded


def _bound_counts(directive: Directive) -> None:
    most = max(len(directive.content), 1)
    for name in sorted(_COUNTING_OPTIONS & set(directive.options)):
        value = directive.options[name]
        digits = _NUMBER.findall(str(value))
        # Long digit strings are past any content (and int() refuses them).
        if any(len(number) > 9 or int(number) > most for number in digits):
            warn(
                MystitchWarnings.UNTRUSTED,
                f"'{directive.name}' option :{name}: {str(value)[:40]!r} counts past the "
                f"{most} lines of its content; left out",
                _raw_location(directive.state.document.settings.env, directive.lineno),
            )
            del directive.options[name]


@contextmanager
def _lookups(policy: Policy) -> Iterator[None]:
    """Directive and role lookups through the policy, while one page is parsed.

    Sphinx swaps the same two functions for its domains while it reads a
    document; ours sit on top of Sphinx's and are undone after the page.
    """
    directive_before, role_before = directives.directive, roles.role

    def directive(name: str, language: Any, document: Any) -> tuple[Any, list[Any]]:
        if not policy.directive(name):
            return RefusedDirective, []
        found, messages = directive_before(name, language, document)
        spec = set((found.option_spec or {}) if found is not None else ())
        if found is not None and (
            (not policy.files and "file" in spec) or _COUNTING_OPTIONS & spec
        ):
            found = _guarded(found, policy.files)
        return found, messages

    def role(name: str, language: Any, lineno: int, reporter: Any) -> tuple[Any, list[Any]]:
        if not policy.role(name):
            return refused_role, []
        return role_before(name, language, lineno, reporter)

    directives.directive = directive
    roles.role = role
    try:
        yield
    finally:
        directives.directive = directive_before
        roles.role = role_before


@contextmanager
def _settings(document: nodes.document, policy: Policy) -> Iterator[None]:
    """docutils' switches for untrusted input, for this page only."""
    settings = document.settings
    before = (settings.file_insertion_enabled, settings.raw_enabled)
    settings.file_insertion_enabled = policy.files
    settings.raw_enabled = policy.html
    try:
        yield
    finally:
        settings.file_insertion_enabled, settings.raw_enabled = before


class UntrustedRenderer(SphinxRenderer):
    """MyST's renderer, with ``eval-rst`` and substitutions held to the policy."""

    policy = Policy()

    def render_restructuredtext(self, token: Any) -> None:
        if self.policy.allows("eval-rst"):
            return super().render_restructuredtext(token)
        env = self.document.settings.env
        line = (token.map[0] + 1) if token.map else None
        _refusal(env, "directive 'eval-rst'", "eval-rst", line)
        self.current_node.append(shown_as_text("eval-rst", [], {}, token.content.splitlines()))
        return None

    def render_substitution(self, token: Any, inline: bool) -> None:
        if self.policy.allows("substitutions"):
            return super().render_substitution(token, inline)
        text = "{{" + token.content + "}}"
        self.current_node.append(nodes.Text(text) if inline else nodes.paragraph(text, text))
        return None


class GuardedMystParser(MystParser):
    """myst-parser, holding untrusted pages to their policy and every page to
    a guard: what crashes the parser costs that page its formatting only."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        policy = policy_for(env, env.docname)
        try:
            if policy is None:
                super().parse(inputstring, document)
            else:
                self._parse_untrusted(inputstring, document, policy)
        except SphinxWarning:
            raise  # -W turned a warning into an error: the build stops, as asked
        except Exception as error:
            _published_as_text(document, inputstring, error)

    def _parse_untrusted(self, inputstring: str, document: nodes.document, policy: Policy) -> None:
        env = document.settings.env
        config = env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None  # reported while rendering
        if topmatter:
            config = merge_file_level(
                config,
                topmatter,
                lambda kind, message: create_warning(
                    document, message, kind, line=1, append_to=document
                ),
            )
        if not policy.allows("substitutions"):
            config = dataclasses.replace(
                config,
                enable_extensions=set(config.enable_extensions) - {"substitution"},
                substitutions={},
            )
        renderer = type("Renderer", (UntrustedRenderer,), {"policy": policy})
        with _lookups(policy), _settings(document, policy):
            parser = create_md_parser(config, renderer)
            parser.options["document"] = document
            parser.render(inputstring)


def _why(error: Exception) -> str:
    if isinstance(error, RecursionError):
        # Where the stack ran out (and so Python's message) depends on the process.
        return "RecursionError: the page nests too deep"
    return f"{type(error).__name__}: {error}"


def _published_as_text(document: nodes.document, text: str, error: Exception) -> None:
    """Replace whatever the failed parse left with the page's text, as text."""
    env = document.settings.env
    del document[:]
    # What myst-parser's renderer sets when it finishes a page: its transforms
    # read them on every page, and this one's render never finished.
    settings, config = document.settings, env.myst_config
    for name, value in (
        ("myst_footnote_sort", getattr(config, "footnote_sort", True)),
        ("myst_footnote_transition", getattr(config, "footnote_transition", True)),
        ("myst_heading_anchors_html_ids", getattr(config, "heading_anchors_html_ids", True)),
    ):
        if not hasattr(settings, name):
            setattr(settings, name, value)
    body = text
    if body.startswith("---\n") and (end := body.find("\n---\n", 4)) >= 0:
        body = body[end + 5 :]  # the front matter the extension wrote for Sphinx
    title = env.docname.rsplit("/", 1)[-1]
    section = nodes.section(ids=[nodes.make_id(title) or "page"], names=[title])
    section += nodes.title(title, title)
    section += nodes.literal_block(body, body, classes=["mystitch-unparsed"])
    document += section
    document.note_implicit_target(section, section)
    warn(
        MystitchWarnings.PARSE,
        f"the Markdown parser failed on this page ({_why(error)}); it is published as plain text",
        (env.docname, 1),
    )


# The doctree, once parsed ------------------------------------------------------


def safe_url(url: str) -> bool:
    """A link target a reader may follow: a safe scheme, or no scheme at all."""
    cleaned = _URL_NOISE.sub("", url)
    match = _SCHEME.match(cleaned)
    if match is None:
        return True  # relative, or a fragment
    scheme = match.group(1).lower()
    return scheme in SAFE_SCHEMES


def safe_image(env: Any, uri: str) -> str | None:
    """None if an image may be published, else why not."""
    cleaned = _URL_NOISE.sub("", uri)
    match = _SCHEME.match(cleaned)
    if match is not None:
        scheme = match.group(1).lower()
        if scheme in ("http", "https") or _DATA_IMAGE.match(uri.strip()):
            return None
        return f"the address scheme '{scheme}:' is not allowed"
    # "//etc/passwd" is no remote address to Sphinx but a file of the build
    # machine, which it copies: every path goes through the checks below.
    stem = cleaned[:-2] if cleaned.endswith(".*") else cleaned
    if any(ch in stem for ch in "*?["):
        # Sphinx globs these, following links the check below cannot see.
        return "its path has wildcards"
    try:
        _, absolute = env.relfn2path(uri, env.docname)
    except Exception:
        return "its path cannot be resolved"
    real = os.path.realpath(absolute)
    source = os.path.realpath(env.srcdir)
    if os.path.commonpath([real, source]) != source:
        return "it is outside the source folder"
    suffix = Path(uri).suffix.lower()
    if suffix not in IMAGE_SUFFIXES and suffix != ".*":
        return "it is not an image file"
    return None


def clean_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """Hold an untrusted page's doctree to its policy, before any file is collected."""
    env = app.env
    policy = policy_for(env, env.docname)
    if policy is None:
        return
    if not policy.html:
        for raw in list(doctree.findall(nodes.raw)):
            _raw_as_text(raw)
    for node in list(doctree.findall(nodes.Element)):
        if node.parent is None and node is not doctree:
            continue  # taken out with an ancestor already
        if node.tagname == "meta" and node.get("http-equiv"):
            _remove(node)
            continue
        refuri = node.get("refuri")
        if isinstance(refuri, str) and not safe_url(refuri):
            _refuse_link(env, node, refuri)
            continue
        if isinstance(node, nodes.image):
            why = safe_image(env, node.get("uri", ""))
            if why is not None:
                _refuse_image(env, node, why)
        elif isinstance(node, nodes.math | nodes.math_block) and not policy.allows("math-html"):
            _check_math(env, node)
        elif isinstance(node, addnodes.toctree):
            _check_toctree(env, node)
        elif isinstance(node, nodes.literal_block) and not policy.allows("highlight"):
            _check_language(env, node)
        elif isinstance(node, addnodes.download_reference) and not policy.allows("download"):
            target = str(node.get("reftarget", ""))[:80]
            _refusal(env, f"a link to the file {target!r}", "download", node.line)
            node.replace_self(nodes.inline("", node.astext()))


def _check_language(env: Any, node: nodes.literal_block) -> None:
    """Code in a language off the list is shown as plain text: some Pygments
    lexers take minutes on a few hundred crafted characters (mcfunction,
    autohotkey, zeek …)."""
    language = str(node.get("language") or "").lower()
    if not language or language in HIGHLIGHT_LANGUAGES:
        return
    warn(
        MystitchWarnings.UNTRUSTED,
        f"code in {language[:40]!r} is shown as plain text: that highlighter is not on the "
        "list an article may use",
        _node_location(env, node),
    )
    node["language"] = "text"


def _check_toctree(env: Any, node: addnodes.toctree) -> None:
    """A toctree entry that names an address becomes a link after this check
    runs: one with a scheme an article may not use goes now."""
    kept = []
    for title, ref in node.get("entries", []):
        if isinstance(ref, str) and not safe_url(ref):
            warn(
                MystitchWarnings.UNTRUSTED,
                f"toctree entry {ref[:80]!r} has a scheme an article may not use; left out",
                _node_location(env, node),
            )
            continue
        kept.append((title, ref))
    node["entries"] = kept


def _check_math(env: Any, node: nodes.math | nodes.math_block) -> None:
    """Math that MathJax would turn into a link, a style or markup is shown as code."""
    latex = node.astext()
    found = _ACTIVE_MATH.search(latex)
    if found is None:
        return
    warn(
        MystitchWarnings.UNTRUSTED,
        f"math with {found.group()} is shown as code: MathJax would make links, classes or "
        "styles of it in the reader's browser",
        _node_location(env, node),
    )
    if isinstance(node, nodes.math_block):
        block = nodes.literal_block(latex, latex, classes=["mystitch-refused"], language="text")
        node.replace_self(block)
    else:
        node.replace_self(nodes.literal(latex, latex, classes=["mystitch-refused"]))


_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.S)


def _raw_as_text(raw: nodes.raw) -> None:
    """Raw markup is shown, never run; an HTML comment is hidden, as a browser would."""
    text = raw.astext()
    if "html" in raw.get("format", "").split() and _COMMENT.fullmatch(text):
        _remove(raw)
    elif isinstance(raw.parent, nodes.TextElement):
        # A raw role's node carries classes, which only an element can keep.
        has_attributes = any(raw.get(name) for name in nodes.Element.basic_attributes)
        raw.replace_self(
            nodes.inline(text, text, **_basic(raw)) if has_attributes else nodes.Text(text)
        )
    else:
        raw.replace_self(nodes.paragraph(text, text, classes=["mystitch-html-as-text"]))


def _basic(node: nodes.Element) -> dict[str, Any]:
    return {name: node[name] for name in nodes.Element.basic_attributes if node.get(name)}


def _remove(node: nodes.Element) -> None:
    if node.parent is not None:
        node.parent.remove(node)


def _refuse_link(env: Any, node: nodes.Element, refuri: str) -> None:
    warn(
        MystitchWarnings.UNTRUSTED,
        f"link to {refuri[:80]!r} has a scheme an article may not use; shown as text",
        _raw_location(env, node.line),
    )
    if isinstance(node, nodes.reference):
        node.replace_self(nodes.inline("", "", *node.children))
    else:
        del node["refuri"]


def _refuse_image(env: Any, node: nodes.image, why: str) -> None:
    uri = node.get("uri", "")
    warn(
        MystitchWarnings.UNTRUSTED,
        f"image {uri[:80]!r} is left out: {why}",
        _node_location(env, node),
    )
    text = node.get("alt") or uri
    refused = nodes.inline(text, text, classes=["mystitch-refused"])
    parent = node.parent
    if isinstance(parent, nodes.reference) and not isinstance(parent.parent, nodes.TextElement):
        # An image with a target is a block-level link around it: the HTML
        # writer wants an image inside, so the link goes with the image.
        parent.replace_self(nodes.paragraph("", "", refused))
    else:
        node.replace_self(refused)


# MathJax typesets in the reader's browser whatever text it finds between
# its delimiters, not only Sphinx's math: "$$\href{javascript:…}{…}$$" in a
# paragraph, or in a title shown in a list, would be a live link. It is
# told to read only the math Sphinx writes (as MyST's dollarmath does) and
# to load its own "safe" extension, which keeps links to safe schemes and
# classes and styles to its own.
SAFE_MATHJAX = {
    "loader": {"load": ["ui/safe"]},
    "tex": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processRefs": False,
        "processEnvironments": False,
    },
    "options": {
        "ignoreHtmlClass": "tex2jax_ignore|mathjax_ignore|document",
        "processHtmlClass": "tex2jax_process|mathjax_process|math|output_area",
    },
}


def safe_mathjax(app: Sphinx, config: Any) -> None:
    """``config-inited``: MathJax's settings for a site with untrusted text,
    unless conf.py has its own."""
    if "*" in config.mystitch_allow:
        return
    for name in ("mathjax4_config", "mathjax3_config"):  # the MathJax Sphinx loads
        if name in config:
            if not getattr(config, name):
                setattr(config, name, SAFE_MATHJAX)
            return


def setup_untrusted(app: Sphinx) -> None:
    # myst-parser registered its parser for "markdown"; ours is the same parser
    # with the policy and the guard, for every Markdown document.
    app.add_source_parser(GuardedMystParser, override=True)
    # Before Sphinx's collectors (priority 500) copy images and downloads.
    app.connect("doctree-read", clean_doctree, priority=100)
    app.connect("config-inited", safe_mathjax, priority=900)  # after conf.py's own handlers
