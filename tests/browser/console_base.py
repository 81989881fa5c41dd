"""Shared set-up of the console's browser tests: a real `nabij serve --demo` on SQLite
per test class, Debian's chromium, screenshots and axe-core checks.

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
    """Base class: starts the server once per subclass. Has no tests of its own."""

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
