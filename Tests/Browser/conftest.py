"""pytest fixtures of the browser tests: one Chromium for the suite, fresh ones on demand, and on a
failure what every open browser shows (address, language, text, and a screenshot)."""

import os
import re

import pytest

import browser
import support


@pytest.fixture(scope="session")
def chrome():
    driver = browser.start()
    yield driver
    browser.stop(driver)


@pytest.fixture
def page(chrome):
    """The suite's browser, without cookies from an earlier test, at 1280 px."""
    browser.clear_cookies(chrome)
    chrome.set_window_size(1280, 900)
    chrome.get_log("performance")
    chrome.get_log("browser")
    return chrome


@pytest.fixture
def fresh_browser():
    """Starts browsers that share nothing with the suite's (no cookies); stopped after the test."""
    started = []

    def make():
        driver = browser.start()
        started.append(driver)
        return driver

    yield make
    for driver in started:
        browser.stop(driver)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", item.name)
    for number, driver in enumerate(list(browser.ACTIVE), start=1):
        shot = os.path.join(support.SHOTS, f"failure-{name}-{number}.png")
        try:
            os.makedirs(support.SHOTS, exist_ok=True)
            driver.save_screenshot(shot)
        except Exception:  # the browser died with the test
            shot = "(no screenshot)"
        report.sections.append((f"browser {number} at the failure", browser.dump(driver) + f"\nscreenshot: {shot}"))
