"""Documents whose source lives outside the source folder.

Sphinx finds documents by walking the source folder, and the extension may
never write there. The generated pages are written beside the doctrees
instead, and registered with Sphinx's project under ordinary docnames
(``tags/index``). Sphinx asks the project for a document's absolute path
when it reads it and for its relative path when it names it (``_sources``,
the search index); this subclass answers the first with the real file and
the second as if the page sat in the source folder.

Why not a public hook: Sphinx has none that adds a document without a file
in the source folder. ``html-collect-pages`` (ABlog's way) makes HTML pages
only, which the text and dirhtml builders and the search index never see;
``source-read`` can only replace the text of a file that exists; writing
the pages into the source folder (sphinx-tags' way) changes the user's
tree. The project object is shared by the application and the environment,
so its class is changed in place rather than replaced; this is the one
place that touches Sphinx's private ``Project`` maps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sphinx
from sphinx.project import Project

# Sphinx 8 keeps pathlib paths in the project's maps, Sphinx 7 strings.
_PATHS_ARE_PATHS = sphinx.version_info >= (8, 0)


class GeneratedProject(Project):
    @property
    def generated(self) -> dict[str, str]:
        """docname -> absolute path of its generated source."""
        return self.__dict__.setdefault("_mystitch_files", {})

    @property
    def generated_paths(self) -> dict[str, str]:
        return self.__dict__.setdefault("_mystitch_paths", {})

    def doc2path(self, docname: str, absolute: bool) -> Any:
        path = super().doc2path(docname, absolute)
        if absolute and docname in self.generated:
            return type(path)(self.generated[docname])
        return path

    def path2doc(self, filename: Any) -> str | None:
        return self.generated_paths.get(str(filename)) or super().path2doc(filename)


def adopt(env: Any) -> GeneratedProject:
    """Make the environment's project able to hold generated documents.

    Sphinx restores a plain Project on every run, so this runs every build.
    """
    project = env.project
    if not isinstance(project, GeneratedProject):
        project.__class__ = GeneratedProject
    project.generated.clear()
    project.generated_paths.clear()
    return project


def register(project: GeneratedProject, docname: str, path: Path) -> None:
    relative = f"{docname}.md"
    key: Any = Path(relative) if _PATHS_ARE_PATHS else relative
    project.docnames.add(docname)
    project._docname_to_path[docname] = key
    project._path_to_docname[key] = docname
    project.generated[docname] = str(path)
    project.generated_paths[str(path)] = docname
