"""The studio in a real browser (issue 21): `ketenspel studio FILE` started as the trainer starts it,
driven in Debian's chromium (headless, selenium with chromium-driver). Needs `chromium` and
`chromium-driver` (`make test` installs them as root where apt is allowed); without them the test is
skipped with that reason printed, never silently."""

from __future__ import annotations

import shutil
import socket

import pytest

from cli import main as cli_main
from sim.loader import available_scenarios, load_scenario
from sim.timefmt import parse_duration
from tests.studio_browser import (
    CHROMIUM,
    DRIVER,
    NO_BROWSER,
    click,
    free_port,
    new_browser,
    start_studio,
    stop,
)

pytest.importorskip("nicegui", reason="the studio runs in .venv/studio: make test runs these tests there")

if not (CHROMIUM and DRIVER):
    pytest.skip(NO_BROWSER, allow_module_level=True)

PETER = available_scenarios()["peter"]


@pytest.fixture
def studio_process(tmp_path):
    """`python main.py studio FILE --port P --no-browser` on a copy of Peter; stopped afterwards."""
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(PETER, copy)
    port = free_port()
    proc = start_studio(copy, port, tmp_path / "studio.log")
    yield copy, port
    stop(proc)


@pytest.fixture
def browser():
    driver = new_browser()
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

    copy, port = studio_process
    wait = waiting(browser)
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
    click(browser, '[data-action="save"]')
    wait.until(lambda _: "age: 12" in copy.read_text(encoding="utf-8"))
    assert cli_main(["validate", str(copy)]) == 0
    assert load_scenario(copy).person_by_id["peter"].age == 12
    assert browser.find_element(By.CSS_SELECTOR, 'input[data-field="family/persons/0/age"]').get_attribute(
        "value") == "12"
    original = available_scenarios()["peter"].read_text(encoding="utf-8")
    assert copy.read_text(encoding="utf-8") == original.replace("      age: 11\n", "      age: 12\n", 1)


def shown(browser, key: str) -> str:
    """The time shown beside timeline item `key` (found anew: the page may have been redrawn)."""
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'[data-when="{key}"]').text


def waiting(browser, seconds: float = 15):
    """Wait for a condition, looking again when the studio redrew what was looked at."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds, ignored_exceptions=(StaleElementReferenceException,))


def absent(browser, css: str) -> bool:
    """Nothing on the page matches `css` (asked at once, not after the implicit wait)."""
    from selenium.webdriver.common.by import By

    browser.implicitly_wait(0)
    try:
        return browser.find_elements(By.CSS_SELECTOR, css) == []
    finally:
        browser.implicitly_wait(10)


def drag(browser, key: str, hours: float, grip: str = ".q-slider__thumb") -> None:
    """Drag the timeline item `key` by `hours` along the axis with the mouse (press, move, let go)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    slider = browser.find_element(By.CSS_SELECTOR, f'[data-drag="{key}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", slider)
    track = slider.find_element(By.CSS_SELECTOR, ".q-slider__track")
    end = float(slider.get_attribute("aria-valuemax") or
                slider.find_element(By.CSS_SELECTOR, "[aria-valuemax]").get_attribute("aria-valuemax"))
    dx = round(track.size["width"] * hours / end)
    handle = slider.find_elements(By.CSS_SELECTOR, grip)[0]
    # Quasar starts a drag on the first small move and counts from there: a nudge, then the way
    ActionChains(browser).click_and_hold(handle).move_by_offset(2, 0).pause(0.1).move_by_offset(dx // 2, 0) \
        .pause(0.1).move_by_offset(dx - dx // 2 - 2, 0).pause(0.1).release().perform()


def test_dragging_an_event_on_the_timeline_moves_it_a_whole_day_and_undo_brings_it_back(studio_process, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    copy, port = studio_process
    wait = waiting(browser)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-tab="timeline"]'))).click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-when="event:0"]')))
    assert shown(browser, "event:0") == "1w ±2d"  # buurt_klaagt: week 1, give or take two days
    drag(browser, "event:0", 3 * 24 + 5)  # three days and a bit: the drop snaps to whole days
    wait.until(lambda _: shown(browser, "event:0") == "1w3d ±2d")
    wait.until(lambda _: browser.find_element(By.CSS_SELECTOR, 'input[data-field="events/0/at"]').get_attribute(
        "value") == "1w3d")  # the keyboard's field follows
    click(browser, "//i[normalize-space()='undo']/ancestor::button", xpath=True)
    wait.until(lambda _: shown(browser, "event:0") == "1w ±2d")
    click(browser, "//i[normalize-space()='redo']/ancestor::button", xpath=True)
    wait.until(lambda _: shown(browser, "event:0") == "1w3d ±2d")
    click(browser, '[data-action="save"]')
    original = PETER.read_text(encoding="utf-8")
    wait.until(lambda _: copy.read_text(encoding="utf-8") != original)
    saved = copy.read_text(encoding="utf-8")
    assert cli_main(["validate", str(copy)]) == 0
    assert load_scenario(copy).event_by_id["buurt_klaagt"].at == 240.0  # 1w3d
    changed = [(a, b) for a, b in zip(original.splitlines(), saved.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][1].strip() == "at: 1w3d"


def test_dragging_an_expectation_window_moves_its_ideal_along_and_the_checks_see_it(studio_process, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    copy, port = studio_process
    wait = waiting(browser)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-tab="timeline"]'))).click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-when="window:0"]')))
    assert shown(browser, "window:0") == "1w – 4w"  # signaal_intern
    drag(browser, "window:0", 7 * 24, grip=".q-slider__selection")  # the bar itself: the whole window
    wait.until(lambda _: shown(browser, "window:0") != "1w – 4w" and shown(browser, "ideal:0") != "2w")
    earliest, latest = (parse_duration(x) for x in shown(browser, "window:0").split(" – "))
    ideal = parse_duration(shown(browser, "ideal:0"))
    shift = earliest - 168
    assert shift >= 4 * 24 and shift % 24 == 0  # about a week, on whole days (Quasar counts from its first move)
    assert (latest - 4 * 168, ideal - 2 * 168) == (shift, shift)  # the ideal moved along, the window kept its width
    days = lambda h: f"{int(h // 24)}d"  # noqa: E731 — how 'Wat dit gezin leert' writes a time
    browser.execute_script("arguments[0].click()", browser.find_element(By.CSS_SELECTOR, '[data-tab="check"]'))
    wait.until(lambda _: f"{days(earliest)} – {days(ideal)} – {days(latest)}" in
               browser.find_element(By.TAG_NAME, "body").text)  # the checks ran on the moved window
    click(browser, '[data-action="save"]')
    wait.until(lambda _: "signaal_intern" in copy.read_text(encoding="utf-8") and
               load_scenario(copy).expectations[0].window.earliest == earliest)
    window = load_scenario(copy).expectations[0].window
    assert (window.earliest, window.ideal, window.latest) == (earliest, ideal, latest)
    assert cli_main(["validate", str(copy)]) == 0


def test_dragging_an_expert_step_writes_the_policy_beside_the_family(studio_process, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    copy, port = studio_process
    wait = waiting(browser)
    browser.get(f"http://127.0.0.1:{port}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-tab="timeline"]'))).click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-when="step:2"]')))
    assert shown(browser, "step:2") == "3d2h"  # zorgcoordinator: vir_register, at 10:00 on day 4
    drag(browser, "step:2", 2 * 24 - 3)
    wait.until(lambda _: shown(browser, "step:2") == "5d2h")  # two days later, still at the same hour
    click(browser, '[data-action="save"]')
    policy = copy.parent / "policies" / "peter_expert.yaml"
    wait.until(lambda _: policy.exists() and "{at: 5d2h, role: zorgcoordinator, do: vir_register" in
               policy.read_text(encoding="utf-8"))


def test_two_tabs_on_one_file_never_lose_an_edit_and_the_second_can_take_over(studio_process, browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    copy, port = studio_process
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))  # redrawn bars
    url = f"http://127.0.0.1:{port}/"

    def age_field():
        if absent(browser, 'input[data-field="family/persons/0/age"]'):
            browser.execute_script("arguments[0].click()", browser.find_element(By.CSS_SELECTOR, '[data-tab="family"]'))
            browser.find_element(By.CSS_SELECTOR, '[data-item="persons/0"] .q-item').click()
        return wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, 'input[data-field="family/persons/0/age"]')))

    def type_age(value: str) -> None:
        age = age_field()
        age.send_keys(Keys.CONTROL, "a")
        age.send_keys(value)
        wait.until(lambda _: " •" in browser.find_element(By.CSS_SELECTOR, ".bg-blue-9").text)  # taken, not saved

    # The first tab edits, and does not save yet
    browser.get(url)
    first = browser.current_window_handle
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-action="save"]')))
    type_age("12")
    # The second tab on the same file only looks, says so, and has nothing that could overwrite the file
    browser.switch_to.new_window("tab")
    second = browser.current_window_handle
    browser.get(url)
    bar = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-status="readonly"]')))
    assert "ander tabblad" in bar.text
    assert absent(browser, '[data-action="save"]')
    age = age_field()
    assert age.get_attribute("value") == "12"  # it sees the first tab's work
    assert age.get_attribute("disabled") is not None
    assert "age: 12" not in copy.read_text(encoding="utf-8")
    # 'Neem over': the first tab's pending change is saved first, then the second edits
    click(browser, '[data-action="take-over"]')
    wait.until(lambda _: "      age: 12\n" in copy.read_text(encoding="utf-8"))
    wait.until(lambda _: browser.find_elements(By.CSS_SELECTOR, '[data-action="save"]'))
    assert absent(browser, '[data-status="readonly"]')
    type_age("13")
    click(browser, '[data-action="save"]')
    wait.until(lambda _: "      age: 13\n" in copy.read_text(encoding="utf-8"))
    # The first tab now only looks, and says why
    browser.switch_to.window(first)
    bar = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, '[data-status="readonly"]')))
    assert "overgenomen" in bar.text
    wait.until(lambda _: age_field().get_attribute("value") == "13")  # it sees the second tab's work as made
    assert absent(browser, '[data-action="save"]')
    # When the editing tab is closed, the one left may edit again
    browser.switch_to.window(second)
    browser.close()
    browser.switch_to.window(first)
    WebDriverWait(browser, 20).until(lambda _: browser.find_elements(By.CSS_SELECTOR, '[data-action="save"]'))
    assert absent(browser, '[data-status="readonly"]')
    assert "bewerken" in browser.find_element(By.CSS_SELECTOR, '[data-status="editor"]').text
    type_age("14")
    click(browser, '[data-action="save"]')
    wait.until(lambda _: "      age: 14\n" in copy.read_text(encoding="utf-8"))
    assert cli_main(["validate", str(copy)]) == 0
