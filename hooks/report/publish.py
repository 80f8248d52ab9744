"""The files a build publishes beside the pages, once every language is built.

Engine-agnostic: the adapter calls `write_published_files` once per build. Under the site root's
`data/`: the open data (`report.json`, `figures.csv`), their Data Package descriptor, the JSON
Schema of the model (the committed `schema/report.schema.json`, kept up to date by a test), and
one CSL-JSON and one BibTeX file per language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .citation import write_citations
from .datapackage import DESCRIPTOR_NAME, SCHEMA_NAME, descriptor, descriptor_json
from .opendata import FOLDER, write_open_data
from .seo import address
from .site import SiteData


def write_published_files(site: SiteData, site_dir: Path, *, site_names: dict[str, str], site_url: str | None,
                          schema: Path) -> list[Path]:
    """Write the open data, its descriptor and schema, and the citation files; returns the paths."""
    written = write_open_data(site.open_data, site_dir)
    folder = site_dir / FOLDER
    package = descriptor(site.report, site.languages, lambda lang, name: site.localiser(lang).label(name),
                         site_names=site_names, home=address(site_url, ""))
    (folder / DESCRIPTOR_NAME).write_text(descriptor_json(package), encoding="utf-8")
    shutil.copyfile(schema, folder / SCHEMA_NAME)
    written += [folder / DESCRIPTOR_NAME, folder / SCHEMA_NAME]
    citations = [site.site_citation(lang, site_names.get(lang, ""), site_url) for lang in site.languages]
    written += write_citations(citations, site_dir)
    return written

