"""The site's own stylesheets as readers download them: minified (rcssmin), comments and layout
dropped. The sources in overrides/ keep their comments; only the published copies change."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rcssmin


def minify_stylesheets(site_dir: Path, stylesheets: Iterable[str]) -> int:
    """Minify each of ``stylesheets`` (paths relative to the site root) in place; bytes saved."""
    saved = 0
    for name in stylesheets:
        path = site_dir / name
        if path.suffix != ".css" or not path.is_file():
            continue  # an address outside the site (not ours to rewrite)
        source = path.read_text(encoding="utf-8")
        minified = rcssmin.cssmin(source)
        path.write_text(minified, encoding="utf-8")
        saved += len(source.encode("utf-8")) - len(minified.encode("utf-8"))
    return saved
