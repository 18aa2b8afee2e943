"""What the distribution installs: one import name of its own, and nothing a
user's project can shadow by accident."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, article, write_file

import mystitch


def test_the_linter_imports_no_sphinx():
    code = "import sys, mystitch, mystitch.lint.cli, mystitch.lint.merge_cli; print('sphinx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_one_version_string():
    from mystitch.lint import __version__

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{mystitch.__version__}"' in text
    assert __version__ == mystitch.__version__


@pytest.mark.slow
def test_the_wheel_adds_only_mystitch(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"no wheel could be built here: {done.stderr.strip()[-200:]}")
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "mystitch",
        f"mystitch-{mystitch.__version__}.dist-info",
    }
    assert "mystitch/py.typed" in names
    assert "mystitch/static/mystitch.css" in names  # the site's stylesheet (style.py)
    assert "mystitch/lint/cli.py" in names


def test_a_lint_or_sphinx_ext_module_beside_conf_py_changes_nothing(tmp_path):
    """The usual ``sys.path.insert`` in conf.py puts the project's own modules
    first; names of theirs such as ``lint`` or ``sphinx_ext`` are not ours."""
    src = tmp_path / "src"
    write_file(
        src / "conf.py",
        "import sys, os\nsys.path.insert(0, os.path.abspath('.'))\nextensions = [\"mystitch\"]\n",
    )
    write_file(src / "lint.py", "raise ImportError('the project lint.py was imported')\n")
    write_file(
        src / "sphinx_ext.py", "raise ImportError('the project sphinx_ext.py was imported')\n"
    )
    write_file(src / "post.md", article("本文です。\n"))
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "text", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=src,
    )
    assert done.returncode == 0, done.stderr
    assert "project lint.py" not in done.stderr
    assert (tmp_path / "out" / "post.txt").is_file()


def test_the_package_is_typed():
    assert (Path(mystitch.__file__).parent / "py.typed").is_file()
