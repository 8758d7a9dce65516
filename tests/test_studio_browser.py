"""The studio in a real browser (issue 21): `ketenspel studio FILE` started as the trainer starts it,
driven in Debian's chromium (headless, selenium with chromium-driver). Needs `chromium` and
`chromium-driver` (`make test` installs them as root where apt is allowed); without them the test is
skipped with that reason printed, never silently."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli import main as cli_main
from sim.loader import available_scenarios, load_scenario

pytest.importorskip("nicegui", reason="the studio runs in .venv/studio: make test runs these tests there")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

if not (CHROMIUM and DRIVER):
    pytest.skip("the studio's browser test needs Debian's chromium and chromium-driver: "
                "apt-get install -y chromium chromium-driver (as root; `make test` does it where apt is allowed)",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def studio_process(tmp_path):
    """`python main.py studio FILE --port P --no-browser` on a copy of Peter; stopped afterwards."""
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST" and not k.startswith("NICEGUI_")}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "studio", str(copy), "--port", str(port),
                             "--no-browser"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the studio did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield copy, port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def browser():
    os.environ.update(SE_OFFLINE="true", SE_AVOID_STATS="true", SE_CHROMEDRIVER=DRIVER)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


def test_studio_listens_only_on_this_computer(studio_process):
    _, port = studio_process
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    others = [a for a in addresses if not a.startswith("127.")]
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=1).close()


def test_trainer_edits_a_family_in_chromium_and_the_saved_file_is_what_the_page_shows(studio_process, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    copy, port = studio_process
    wait = WebDriverWait(browser, 15)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-tab="family"]'))).click()
    browser.find_element(By.CSS_SELECTOR, '[data-item="persons/0"] .q-item').click()
    age = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, 'input[data-field="family/persons/0/age"]')))
    age.send_keys(Keys.CONTROL, "a")
    age.send_keys("130")
    slot = browser.find_element(By.CSS_SELECTOR, '[data-slot="family/persons/0/age"]')
    wait.until(lambda _: "120" in slot.text)  # the check, beside the field: at most 120
    age.send_keys(Keys.CONTROL, "a")
    age.send_keys("12")
    wait.until(lambda _: slot.text == "")
    badge = browser.find_element(By.CSS_SELECTOR, '[data-status="badge"]')
    assert badge.text == "✔"
    browser.find_element(By.CSS_SELECTOR, '[data-action="save"]').click()
    wait.until(lambda _: "age: 12" in copy.read_text(encoding="utf-8"))
    assert cli_main(["validate", str(copy)]) == 0
    assert load_scenario(copy).person_by_id["peter"].age == 12
    assert browser.find_element(By.CSS_SELECTOR, 'input[data-field="family/persons/0/age"]').get_attribute(
        "value") == "12"
    original = available_scenarios()["peter"].read_text(encoding="utf-8")
    assert copy.read_text(encoding="utf-8") == original.replace("      age: 11\n", "      age: 12\n", 1)
