"""Check every link and #anchor of the built site with LinkChecker, served like GitHub Pages.

    python scripts/check_links.py                # build (--strict) into a temp dir, check internal links
    python scripts/check_links.py path/to/site   # check a site that is already built
    python scripts/check_links.py --external     # also fetch external links (needs network)

The site is served on 127.0.0.1 under the path of ``site_url`` (``/ctr01-midterm/``), as GitHub Pages
serves a project site, so root-relative links behave as they will in production. LinkChecker
(config: tests/linkcheckerrc) starts from every HTML file of the site and from a local copy of
sitemap.xml (its <loc> and hreflang alternates rewritten to the local server), and follows every
link of both languages: Markdown links, raw HTML written by macros, the language switcher,
<link rel=alternate hreflang>, assets. Links to the site's own public URL (canonical links) are
checked on the local server too. External links are listed, not fetched, unless --external.

Exit status: 0 if nothing is broken, 1 if anything is (broken page, missing anchor, bad sitemap URL).
"""

from __future__ import annotations

import argparse
import csv
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import serve_site
import site_engine
from report.problems import clip

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "linkcheckerrc"
LOCAL_SITEMAP = "linkcheck-sitemap.xml"  # served beside (not inside) the site, at the server root
_SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class BrokenLink:
    """One broken link: what it points to, where it is written, and why it is broken."""

    url: str      # the link as written (or the sitemap URL)
    page: str     # the page it is on, relative to the site root ("" = home, "en/about/", "sitemap.xml")
    line: str
    message: str

    def __str__(self) -> str:
        where = f"{self.page or '/'}" + (f":{self.line}" if self.line else "")
        return f"{where}: {self.url} — {clip(self.message, 160)}"


@dataclass
class LinkReport:
    pages: set[str] = field(default_factory=set)          # internal HTML pages fetched
    links: int = 0                                        # distinct URLs checked (internal + external)
    occurrences: int = 0                                  # href/src attributes in the site's pages
    anchors: set[str] = field(default_factory=set)        # distinct internal URL#fragment checked
    sitemap_urls: int = 0
    external: dict[str, set[str]] = field(default_factory=dict)  # URL -> pages linking to it
    problems: list[BrokenLink] = field(default_factory=list)
    seconds: float = 0.0
    external_checked: bool = False
    site_url: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [
            f"LinkChecker: {len(self.pages)} pages, {self.occurrences} links ({self.links} distinct URLs), "
            f"{len(self.anchors)} anchors, {self.sitemap_urls} sitemap URLs checked in {self.seconds:.1f} s",
        ]
        verb = "checked" if self.external_checked else "not fetched (use --external)"
        lines.append(f"External links ({len(self.external)}, {verb}):")
        for url in sorted(self.external):
            lines.append(f"  {url}  (on {', '.join(sorted(p or '/' for p in self.external[url]))})")
        if self.problems:
            lines.append(f"BROKEN ({len(self.problems)}):")
            lines.extend(f"  {problem}" for problem in self.problems)
        else:
            lines.append("No broken links or anchors.")
        return "\n".join(lines)


def site_url_of(site_dir: Path) -> str:
    """The public address the site was built for (site_url): its home page's canonical link,
    else the first <loc> of its sitemap. Set at build time (SITE_URL in mkdocs.yml)."""
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<link\b[^>]*>", home):
        if re.search(r"""rel=["']?canonical\b""", tag):
            href = re.search(r"""href=["']?([^"'\s>]+)""", tag)
            if href:
                return href.group(1).rstrip("/") + "/"
    if (site_dir / "sitemap.xml").exists():
        locs = ET.parse(site_dir / "sitemap.xml").findall(".//sm:url/sm:loc", _SITEMAP_NS)
        if locs and locs[0].text:
            return min(((loc.text or "").strip() for loc in locs), key=len).rstrip("/") + "/"
    raise SystemExit(f"{site_dir}: cannot tell its site_url (no canonical link, no sitemap.xml): it was built "
                     "without SITE_URL; build it with SITE_URL set, or give --site-url")


# The address a site built only to be checked is built for (SITE_URL unset): served on 127.0.0.1 anyway.
CHECK_SITE_URL = "http://127.0.0.1:8000/ctr01-midterm/"


def build_site(destination: Path) -> Path:
    """The strict build of this project into ``destination``, with the engine `site_engine` selects,
    for its published address (SITE_URL, else CHECK_SITE_URL) so that canonical, hreflang and
    sitemap links are there to check."""
    result = site_engine.build(ROOT, destination, env={"SITE_URL": os.environ.get("SITE_URL") or CHECK_SITE_URL})
    if result.returncode:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return destination


def sitemap_urls(site_dir: Path) -> list[str]:
    """Every URL of sitemap.xml: each <loc> and each hreflang alternate, in order, without repeats."""
    tree = ET.parse(site_dir / "sitemap.xml")
    urls = [el.text.strip() for el in tree.iterfind(".//sm:url/sm:loc", _SITEMAP_NS) if el.text]
    urls += [el.get("href", "") for el in tree.iterfind(".//sm:url/xhtml:link", _SITEMAP_NS)]
    return list(dict.fromkeys(u for u in urls if u))


def to_local(url: str, site_url: str, local: str) -> str | None:
    """The local server's URL for one of the site's public URLs; None if ``url`` is not the site's."""
    return local + url[len(site_url):] if url.startswith(site_url) else None


class _Links(html.parser.HTMLParser):
    """href/src values of a page, with their line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append((value, self.getpos()[0]))


def _page_of(path: Path, site_dir: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def site_links(site_dir: Path, site_url: str) -> dict[str, list[tuple[str, str, int]]]:
    """Every link of every page, resolved against the site's public URL: URL -> [(written, page, line)]."""
    links: dict[str, list[tuple[str, str, int]]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        page = _page_of(path, site_dir)
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for written, line in parser.found:
            target = urllib.parse.urljoin(site_url + page, written)
            links.setdefault(target, []).append((written, page, line))
    return links


def serve_like_pages(site_dir: Path, site_url: str | None = None):
    """Serve a built site on 127.0.0.1 under the path of its site_url, like GitHub Pages.

    Returns (server, local URL of the site's home page); stop it with ``stop(server)``.
    """
    site_dir = Path(site_dir)
    workdir = Path(tempfile.mkdtemp(prefix="serve-pages-"))
    server, _, local, _ = _serve(site_dir, site_url or site_url_of(site_dir), workdir)
    server.workdir = workdir
    return server, local


def stop(server) -> None:
    server.shutdown()
    server.server_close()
    shutil.rmtree(getattr(server, "workdir", ""), ignore_errors=True)


def _serve(site_dir: Path, site_url: str, workdir: Path):
    """Serve ``site_dir`` under site_url's path, as GitHub Pages serves a project site.

    Returns the server, the server's root URL, the site's local URL and the served folder.
    """
    prefix = urllib.parse.urlsplit(site_url).path.strip("/")
    root = workdir / "root"
    root.mkdir()
    if prefix:
        mount = root / prefix
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site_dir.resolve(), target_is_directory=True)
        if (site_dir / "404.html").exists():
            (root / "404.html").symlink_to((site_dir / "404.html").resolve())
    else:  # a user site: mount each entry, so that the server root can hold the local sitemap too
        for entry in site_dir.iterdir():
            (root / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    server, base = serve_site.start(root)
    return server, base, base + (prefix + "/" if prefix else ""), root


def _records(csv_text: str) -> list[dict[str, str]]:
    rows = [r for r in csv.reader(io.StringIO(csv_text), delimiter=";")
            if r and not (len(r) == 1 and r[0].startswith("#"))]
    if not rows:
        return []
    header = rows[0]
    records = []
    for row in rows[1:]:
        if len(row) < len(header):
            # LinkChecker writes no line/column/name for start URLs: align both ends on the header.
            head, tail = row[:8], row[8:]
            row = head + [""] * (len(header) - len(row)) + tail
        records.append(dict(zip(header, row, strict=False)))
    return records


def linkchecker_command(start: list[str], site_url: str, external: bool = False,
                        config: Path = CONFIG) -> list[str]:
    """The LinkChecker command line: CSV of every URL on stdout, the site's public URL left to us."""
    entry = Path(sys.executable).with_name("linkchecker")
    command = [str(entry)] if entry.exists() else [sys.executable, "-m", "linkcheck"]
    command += ["-f", str(config), "--no-status", "-v", "-o", "csv/utf-8", "--ignore-url", "^" + re.escape(site_url)]
    if external:
        command.append("--check-extern")
    return command + list(dict.fromkeys(start))


@dataclass
class _Run:
    """One run of LinkChecker over a site served locally: where things are, and what was found."""

    site_dir: Path
    site_url: str
    server_root: str  # the local server's root URL
    local: str        # the site's home on the local server
    report: LinkReport
    from_sitemap: dict[str, str] = field(default_factory=dict)  # local URL -> sitemap URL
    links: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    checked_ok: set[str] = field(default_factory=set)

    def page_of(self, parent: str) -> str:
        """The page a link is on, from LinkChecker's parent URL ("" = home, "sitemap.xml")."""
        if parent == self.server_root + LOCAL_SITEMAP:
            return "sitemap.xml"
        if parent.startswith(self.local):
            rel = urllib.parse.unquote(parent[len(self.local):].split("#", 1)[0])
            return rel[: -len("index.html")] if rel.endswith("index.html") else rel
        return parent


def check(site_dir: Path, site_url: str | None = None, external: bool = False,
          config: Path = CONFIG) -> LinkReport:
    """Serve ``site_dir`` on 127.0.0.1, run LinkChecker over it, and return what it found."""
    site_dir = Path(site_dir)
    site_url = site_url or site_url_of(site_dir)
    report = LinkReport(external_checked=external, site_url=site_url)
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="check-links-"))
    server, server_root, local, root = _serve(site_dir, site_url, workdir)
    try:
        run = _Run(site_dir, site_url, server_root, local, report)
        _write_local_sitemap(run, root)
        start = [local] + [local + _page_of(p, site_dir) for p in sorted(site_dir.rglob("*.html"))]
        start.append(server_root + LOCAL_SITEMAP)
        # The local sitemap sits at the server root, so as a start URL it makes the whole local
        # server "internal" for LinkChecker: a root-relative link that escapes site_url's path is
        # fetched (and reported if missing) rather than skipped as external.
        records = _linkchecker(linkchecker_command(start, site_url, external, config))
        run.links = site_links(site_dir, site_url)
        report.occurrences = sum(len(v) for k, v in run.links.items() if not k.startswith("data:"))
        for record in records:
            _read_record(run, record)
        _check_own_addresses(run)
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
    report.problems = sorted(set(report.problems), key=lambda p: (p.page, p.url, p.line))
    report.seconds = time.monotonic() - started
    return report


def _write_local_sitemap(run: _Run, root: Path) -> None:
    """The sitemap's URLs mapped to the local server, served at its root for LinkChecker to start from."""
    public = sitemap_urls(run.site_dir) if (run.site_dir / "sitemap.xml").exists() else []
    run.report.sitemap_urls = len(public)
    entries = []
    for url in public:
        mapped = to_local(url, run.site_url, run.local)
        if mapped is None:
            run.report.problems.append(BrokenLink(url, "sitemap.xml", "", f"not under site_url {run.site_url}"))
            continue
        run.from_sitemap[mapped] = url
        entries.append(f"<url><loc>{mapped}</loc></url>")
    (root / LOCAL_SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries) + "\n</urlset>\n", encoding="utf-8")


def _linkchecker(command: list[str]) -> list[dict[str, str]]:
    """LinkChecker's CSV records (one per URL checked); RuntimeError when it did not run."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=600, cwd=tempfile.gettempdir())
    records = _records(result.stdout)
    if result.returncode not in (0, 1) or not records:
        raise RuntimeError(f"linkchecker failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return records


def _read_record(run: _Run, record: dict[str, str]) -> None:
    """Count one checked URL, and report it with every place it is written if it is broken."""
    url, parent, report = record["url"], record["parentname"], run.report
    if url.startswith("data:"):
        return
    report.links += 1
    valid = record["valid"] == "True"
    anchor_missing = "Anchor `" in record["warningstring"] and "not found" in record["warningstring"]
    if url.startswith(run.server_root):  # the whole local server, not only site_url's path
        _count_internal(run, url, ok=valid and not anchor_missing, valid=valid)
    elif not url.startswith(run.site_url):  # the site's own public URL is checked locally (_check_own_addresses)
        pages = {page for _, page, _ in run.links.get(url, [])} or {run.page_of(parent)}
        report.external.setdefault(url, set()).update(pages)
    if valid and not anchor_missing:
        return
    message = record["result"] if not valid else record["warningstring"].split(" Available anchors")[0]
    if (parent == "" and url in run.from_sitemap) or parent == run.server_root + LOCAL_SITEMAP:
        report.problems.append(BrokenLink(run.from_sitemap.get(url, url), "sitemap.xml", "", message))
        return
    public = run.site_url + url[len(run.local):] if url.startswith(run.local) else url
    occurrences = run.links.get(public) or [(record["urlname"], run.page_of(parent), int(record["line"] or 0))]
    report.problems += [BrokenLink(written, page, str(line or ""), message) for written, page, line in occurrences]


def _count_internal(run: _Run, url: str, *, ok: bool, valid: bool) -> None:
    path = url[len(run.local):].split("#", 1)[0] if url.startswith(run.local) else ""
    if "#" in url:
        run.report.anchors.add(url)
    if valid and (path == "" or path.endswith("/") or path.endswith(".html")):
        run.report.pages.add(path)
    if ok:
        run.checked_ok.add(url)


def _check_own_addresses(run: _Run) -> None:
    """Links to the site's own public URL (canonical links, absolute self-links): checked locally."""
    for public, occurrences in run.links.items():
        mapped = to_local(public, run.site_url, run.local)
        occurrences = [o for o in occurrences if o[0].startswith(run.site_url)]
        if mapped is None or mapped in run.checked_ok or not occurrences:
            continue
        failure = _fetch(mapped)
        run.report.links += 1
        if failure:
            run.report.problems.extend(BrokenLink(written, page, str(line), failure) for written, page, line in occurrences)
        else:
            run.checked_ok.add(mapped)


def _fetch(url: str) -> str | None:
    """None if ``url`` (and its #anchor, if any) exists on the local server; otherwise why not."""
    target, _, anchor = url.partition("#")
    try:
        with urllib.request.urlopen(target, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.reason}"
    target = re.escape(urllib.parse.unquote(anchor or ""))
    if anchor and not re.search(rf"""\b(id|name)=["']?{target}["'\s>]""", body):
        return f"Anchor `{anchor}' not found."
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="built site folder (default: build one now)")
    parser.add_argument("--external", action="store_true", help="also fetch external links (needs network)")
    parser.add_argument("--site-url", help="public URL the site was built for (default: read from the site)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        if not (site / "index.html").exists():
            raise SystemExit(f"{site} is not a built site (no index.html)")
        report = check(site, args.site_url, external=args.external)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
