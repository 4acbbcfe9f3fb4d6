"""Every page in real headless Chromium (Debian's ``chromium``, driven by Playwright's Python
package) against a real uvicorn server over the shared test corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from quotetrace.pipeline import Analyzer
from tests.web.corpus import built_store, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def corpus_location(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> str:
    return built_store(request, str(tmp_path_factory.mktemp("web") / "corpus.db"), "sqlite")


@pytest.fixture(scope="session")
def server(corpus_location: str, analyzer: Analyzer) -> Iterator[str]:
    with running_server(corpus_location, analyzer) as url:
        yield url


@pytest.fixture(scope="session")
def api(server: str) -> Iterator[httpx.Client]:
    """The same server's REST API, to compare pages with."""
    with httpx.Client(base_url=server) as client:
        yield client


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did that it must not: dialogs, console errors, uncaught errors."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.dialogs == []
        assert self.console_errors == []
        assert self.page_errors == []


@pytest.fixture
def watch() -> Watch:
    return Watch()


def _open_page(browser: Browser, watch: Watch, javascript: bool) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error"
            and watch.console_errors.append(message.text))
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """A fresh page with scripts on; every test ends with no dialog and no console error."""
    yield from _open_page(browser, watch, javascript=True)
    watch.assert_quiet()


@pytest.fixture
def page_without_js(browser: Browser, watch: Watch) -> Iterator[Page]:
    yield from _open_page(browser, watch, javascript=False)
    watch.assert_quiet()
