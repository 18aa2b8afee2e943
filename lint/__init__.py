"""mystitch-lint: a Sphinx-free linter for machine-generated Markdown articles.

The public API:

* :func:`parse_document` reads text into the shared :class:`Document` model
  (front matter, fragments, blocks with source lines);
* :func:`analyse` finds how each paragraph repeats earlier text;
* :func:`lint_text` and :func:`lint_paths` run the rules;
* :class:`LintConfig` holds the options of ``[tool.mystitch.lint]``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mystitch")  # one version string: pyproject.toml's
except PackageNotFoundError:  # a checkout used without installing it
    __version__ = "0+unknown"

from .config import ConfigError, LintConfig, load_config
from .document import Block, Document, Fragment, Kind, Marker, Role, parse_document
from .engine import Report, lint_paths, lint_text
from .findings import Finding
from .repeats import Analysis, Relation, Repeat, analyse

__all__ = [
    "Analysis",
    "Block",
    "ConfigError",
    "Document",
    "Finding",
    "Fragment",
    "Kind",
    "LintConfig",
    "Marker",
    "Relation",
    "Repeat",
    "Report",
    "Role",
    "__version__",
    "analyse",
    "lint_paths",
    "lint_text",
    "load_config",
    "parse_document",
]
