"""Browser tests of the coordinators' console against a real `nabij serve` on SQLite.

Run with `make browser-test` (installs Debian's chromium and the pinned Python
packages); `make test` runs it as its last step. Every page checked is run through
axe-core (axe-playwright-python) and must have no violation.

Environment: NABIJ_BIN (the nabij binary, default target/debug/nabij), CHROMIUM
(default /usr/bin/chromium). Screenshots go to target/console-screens/.
"""

import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("NABIJ_BIN", str(ROOT / "target" / "debug" / "nabij"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENS = ROOT / "target" / "console-screens"
PASSWORD = "buurtgezel-demo"

from axe_playwright_python.sync_playwright import Axe


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ConsoleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="nabij-browser-")
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.server = subprocess.Popen(
            [BIN, "--data-dir", cls.data, "serve", "--demo", "--no-mail-worker",
             "--listen", f"127.0.0.1:{cls.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(cls.base + "/ready", timeout=2)
                break
            except Exception:
                if time.time() > deadline or cls.server.poll() is not None:
                    cls.server.kill()
                    raise RuntimeError("nabij serve did not become ready")
                time.sleep(0.5)
        SCREENS.mkdir(parents=True, exist_ok=True)
        cls.pw = sync_playwright().start()
        cls.browser = cls.pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.pw.stop()
        cls.server.terminate()
        cls.server.wait(timeout=20)
        shutil.rmtree(cls.data, ignore_errors=True)

    def login(self, slug):
        page = self.browser.new_page()
        page.goto(self.base + "/login")
        page.get_by_label("E-mailadres").fill(f"coordinator@{slug}.example")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden").click()
        page.wait_for_url(self.base + "/")
        return page

    def check_page(self, page, name):
        page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
        self.assertIn(page.locator("html").get_attribute("lang"), ("nl", "fr", "en"))
        result = Axe().run(page)
        self.assertEqual(result.violations_count, 0, result.generate_report())

    def test_register_file_and_see_candidates(self):
        page = self.login("pelt")
        self.check_page(page, "today")
        page.get_by_role("link", name="Iemand inschrijven").first.click()
        self.check_page(page, "register")
        page.get_by_role("button", name="Inschrijven").click()  # empty: errors, in Dutch
        self.assertIn("zonder toestemming schrijven we niemand in", page.content())
        self.check_page(page, "register-errors")
        page.get_by_label("Naam (zoals de persoon genoemd wil worden)").fill("Maria Peeters")
        page.get_by_label("Tijdens een belronde").check()
        page.get_by_label("Buurt").select_option(index=1)
        page.get_by_role("button", name="Inschrijven").click()
        self.assertIn("Maria Peeters", page.content())
        self.check_page(page, "neighbour")
        page.get_by_label("In de woorden van de persoon").fill("Samen wandelen in het park")
        page.get_by_role("button", name="Vraag noteren").click()
        self.assertIn("Buren die kunnen meegaan", page.content())
        self.check_page(page, "request")
        page.goto(self.base + "/neighbours")
        self.check_page(page, "neighbours")
        page.goto(self.base + "/services")
        self.check_page(page, "services")
        page.goto(self.base + "/?lang=fr")
        self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
        page.close()

    def test_other_organisation_sees_nothing_and_csrf_less_post_is_refused(self):
        page = self.login("pelt")
        page.goto(self.base + "/neighbours")
        href = page.locator("table a").first.get_attribute("href")
        page.close()
        other = self.login("deerlijk")
        resp = other.goto(self.base + href)
        self.assertEqual(resp.status, 404)
        resp = other.request.post(self.base + "/neighbours/new", form={"display_name": "X"})
        self.assertEqual(resp.status, 403)
        other.close()


if __name__ == "__main__":
    unittest.main()
