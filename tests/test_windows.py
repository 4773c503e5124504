"""The browser windows the tests share (tests/conftest.py, Window): what one test leaves in its
page, the next test's page never sees, and a window reaches no other host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.conftest import Window


def test_a_test_leaves_nothing_for_the_next_one(wide_light_window: Window, site_url: str) -> None:
    first_test = wide_light_window.page()
    page = next(first_test)
    page.goto(site_url)
    page.evaluate(
        "() => { localStorage.setItem('proef', '1'); sessionStorage.setItem('proef', '1');"
        " document.cookie = 'proef=1; max-age=3600'; }"
    )
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 500, "height": 500})
    other = page.context.new_page()
    page.context.route("**/*", lambda route: route.abort())
    next(first_test, None)  # the first test ends
    assert other.is_closed()

    second_test = wide_light_window.page()
    page = next(second_test)
    page.goto(site_url)  # no route of the first test holds it up
    assert page.evaluate(
        "() => [localStorage.getItem('proef'), sessionStorage.getItem('proef'), document.cookie]"
    ) == [None, None, ""]
    assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") is False
    assert page.viewport_size == {"width": 1280, "height": 900}
    assert len(page.context.pages) == 1
    next(second_test, None)


def test_a_window_reaches_no_other_host(page: Page) -> None:
    with pytest.raises(PlaywrightError, match="ERR_PROXY_CONNECTION_FAILED"):
        page.goto("http://example.org/")
