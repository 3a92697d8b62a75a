"""A real strict mkdocs build, then headless Chromium on the built site."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from openfisca_indonesia_sosial.law.code_health import iter_leaves

PARAMETER = "pbi_jk.iuran_bulanan"


def test_strict_build_passes(built_site):
    out, result = built_site
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert (out / "index.html").is_file()


def test_every_parameter_and_variable_is_built(built_site, tbs):
    out, result = built_site
    assert result.returncode == 0
    for leaf, _ in iter_leaves(tbs.parameters):
        page = out / "reference" / "parameters" / Path(*leaf.name.split(".")) / "index.html"
        assert page.is_file(), leaf.name
    built = {p.parent.name for p in (out / "reference" / "variables").glob("*/*/index.html")}
    assert set(tbs.variables) <= built
    for page in ("timeline", "assumptions", "reference/reforms", "reference/openapi"):
        assert (out / page / "index.html").is_file(), page


def test_search_index_holds_both_languages(built_site):
    out, _ = built_site
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "Iuran Jaminan Kesehatan" in text and "State-paid JKN contribution" in text


@pytest.fixture(scope="module")
def server(built_site):
    out, result = built_site
    if result.returncode != 0:
        pytest.skip("site did not build")
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _assert_not_blank(png: Path) -> None:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000, f"{png.name} is only {len(data)} bytes"
    try:
        from PIL import Image, ImageStat
    except ImportError:  # byte size is then the only check
        return
    with Image.open(png) as image:
        assert image.size[0] >= 800
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 10, "screenshot is (nearly) uniform"
        assert len(grey.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 16


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Bantuan sosial sebagai kode"),
        (f"/reference/parameters/{PARAMETER.replace('.', '/')}/", PARAMETER),
    ],
    ids=["home", "parameter"],
)
def test_screenshot_and_dom(server, chromium, tmp_path, path, title):
    url = server + path
    png = tmp_path / "page.png"
    shot = chromium(
        ["--window-size=1280,1400", f"--screenshot={png}", url], tmp_path / "profile-shot"
    )
    assert png.is_file(), shot.stderr[-2000:]
    _assert_not_blank(png)
    dom = chromium(["--dump-dom", url], tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    headings = [
        re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", dom.stdout, re.S)
    ]
    assert any(title in h for h in headings), headings
    assert re.search(r"<title>[^<]+</title>", dom.stdout)
