"""What `.cache/` holds is loaded as code (compiled templates; the kept checked data is a pickle):
a cache folder that another user owns or may write to is never read, as Jinja refuses such a
folder for its own default cache. Nothing is kept in a shared temporary folder."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import jinja2.bccache
import pytest

from project_copy import copy_project
from report import render, stored

MACROS = "report.md.j2"


class _Plant:
    """A pickle that, once loaded, creates ``marker``: what a poisoned cache entry would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def _poison_template_cache(project: Path, marker: Path) -> Path:
    """A first environment makes the compiled-template folder; a poisoned entry for the macros is put in."""
    templates = project / "overrides" / "macros"
    environment = render.make_environment(templates, project / ".cache" / "jinja")
    folder = Path(environment.bytecode_cache.directory)  # type: ignore[union-attr]
    key = jinja2.bccache.BytecodeCache().get_cache_key(MACROS, os.path.normpath(templates / MACROS))
    (folder / f"__jinja2_{key}.cache").write_bytes(jinja2.bccache.bc_magic + pickle.dumps(_Plant(marker)))
    return folder


def _load_macros(project: Path) -> None:
    render.make_environment(project / "overrides" / "macros", project / ".cache" / "jinja").get_template(MACROS)


def test_the_projects_own_cache_is_read(project, tmp_path):
    """The check below is not vacuous: a planted entry in a folder of the user's own is loaded."""
    marker = tmp_path / "ran"
    _poison_template_cache(project, marker)
    _load_macros(project)
    assert marker.exists()


@pytest.mark.parametrize("writable", ["digest", "jinja", ".cache"])
def test_a_template_cache_others_may_write_to_is_not_read(project, tmp_path, writable):
    marker = tmp_path / "ran"
    folder = _poison_template_cache(project, marker)
    {"digest": folder, "jinja": folder.parent, ".cache": folder.parent.parent}[writable].chmod(0o777)
    _load_macros(project)
    assert not marker.exists()


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_template_cache_of_another_user_is_not_read(project, tmp_path):
    marker = tmp_path / "ran"
    folder = _poison_template_cache(project, marker)
    os.chown(folder, 65534, 65534)  # nobody
    _load_macros(project)
    assert not marker.exists()


def test_kept_data_others_may_write_to_is_not_read(project, tmp_path):
    marker = tmp_path / "ran"
    cache = project / ".cache"
    stored.write(cache, "entry.pickle", {"kept": 1})
    assert stored.read(cache, "entry.pickle") == {"kept": 1}
    (cache / stored.FOLDER / "entry.pickle").write_bytes(pickle.dumps(_Plant(marker)))
    (cache / stored.FOLDER).chmod(0o777)
    assert stored.read(cache, "entry.pickle") is None
    assert not marker.exists()


def test_no_cache_is_kept_in_a_shared_temporary_folder():
    sources = Path(render.__file__).parent
    for source in [*sources.glob("*.py"), sources.parent / "mkdocs_report.py"]:
        text = source.read_text(encoding="utf-8")
        assert "gettempdir" not in text and "report-jinja" not in text, source


def test_cards_others_may_write_to_are_not_published(project, tmp_path):
    """A card put into `.cache/cards/` by someone else would be every shared link's image."""
    from report.cards import write_cards
    from report.site import load_site

    site = load_site(project / "data" / "report.yaml", project / "overrides" / "macros", ("vi", "en"), root=project)
    cards = site.page_cards({"vi": "Tên", "en": "Name"})[:2]
    folder = project / ".cache" / "cards"
    write_cards(cards, tmp_path / "first", folder)
    for kept in folder.glob("*.png"):
        kept.write_bytes(b"planted")
    folder.chmod(0o777)
    write_cards(cards, tmp_path / "site", folder)
    published = [tmp_path / "site" / card.path for card in cards]
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in published)
    folder.chmod(0o700)
    write_cards(cards, tmp_path / "own", folder)  # the user's own folder is read: the check above is not vacuous
    assert all((tmp_path / "own" / card.path).read_bytes() == b"planted" for card in cards)
