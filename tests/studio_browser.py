"""What the studio's real-browser and real-process tests share (issue 21): Debian's chromium and its
driver (found or the tests are skipped with that reason), a free port, `main.py studio FILE` started
as a trainer starts it, and a headless chromium driven by selenium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
NO_BROWSER = ("the studio's browser test needs Debian's chromium and chromium-driver: "
              "apt-get install -y chromium chromium-driver (as root; `make test` does it where apt is allowed)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_studio(file: Path, port: int, log: Path | None = None) -> subprocess.Popen:
    """`python main.py studio FILE --port P --no-browser` in a process of its own, once it listens."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST" and not k.startswith("NICEGUI_")}
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 — the process writes to it
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "studio", str(file), "--port", str(port),
                             "--no-browser"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    said = log.read_text(errors="replace")[-2000:] if log else ""
    pytest.fail(f"the studio did not start (exit {proc.poll()}): {said}")


def stop(proc: subprocess.Popen) -> None:
    """End a studio this test started (by its own process id)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def new_browser(width: int = 1400, height: int = 1000):
    """A headless chromium under selenium (offline: no selenium-manager downloads)."""
    os.environ.update(SE_OFFLINE="true", SE_AVOID_STATS="true", SE_CHROMEDRIVER=DRIVER or "")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.implicitly_wait(10)
    return driver


def click(browser, css: str, xpath: bool = False) -> None:
    """Click what `css` (or an XPath) finds, finding it again when the page redrew it meanwhile (the
    studio redraws its header after every change)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _ in range(50):
        try:
            browser.find_element(By.XPATH if xpath else By.CSS_SELECTOR, css).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError(f"{css}: redrawn again and again, never clickable")
