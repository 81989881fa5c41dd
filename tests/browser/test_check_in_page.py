"""Browser test of the check-in answer page (issue 14): a pair made through the API,
the check-ins run with the CLI as six weeks later (`nabij check-ins --now`), and the
link of the e-mail opened without any login on a phone (390 px wide): the question and
the answers, one click on an answer, the thank-you, and the same link again (used).
Set-up in console_base.py; every page is checked with axe-core."""

import datetime
import json
import sqlite3
import subprocess
import unittest
import urllib.request

from console_base import BIN, PASSWORD, ConsoleTest


class CheckInPageTest(ConsoleTest):
    def api(self, method, path, token=None, body=None):
        req = urllib.request.Request(self.base + path, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        data = json.dumps(body).encode() if body is not None else None
        with urllib.request.urlopen(req, data=data, timeout=30) as resp:
            return json.loads(resp.read() or b"null")

    def fits(self, page):
        """Nothing wider than the screen: no sideways scrolling."""
        width = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, page.viewport_size["width"], page.url)

    def person(self, token, name, i, email):
        return self.api("POST", "/v1/neighbours", token, {
            "display_name": name,
            "contact": {"email": email},
            "location": {"lat": 51.2234 + i * 0.001, "lon": 5.4212},
            "travel_radius_m": 3000.0,
            "interests": ["walking"],
            "talents": ["walking"],
            "languages": ["nl"],
            "availability": ["tue-afternoon"],
            "capacity": 2,
            "consent": {"channel": "self"},
            "preferred_language": "nl",
        })["id"]

    def test_answer_page_without_login_at_390(self):
        token = self.api("POST", "/v1/auth/login", body={
            "email": "coordinator@pelt.example", "password": PASSWORD})["access_token"]
        anne = self.person(token, "Anne Browser", 0, "anne.browser@example.org")
        bert = self.person(token, "Bert Browser", 1, "bert.browser@example.org")
        req = self.api("POST", "/v1/requests", token, {
            "neighbour_id": anne, "kind": "companionship", "tags": ["walking"],
            "text": "Samen wandelen op dinsdagnamiddag",
            "window": {"type": "weekly", "slots": ["tue-afternoon"]}})["id"]
        m = self.api("POST", "/v1/matches", token, {"request_id": req, "companion_ids": [bert]})["id"]
        for who in (anne, bert):
            self.api("POST", f"/v1/matches/{m}/accept", token, {"neighbour_id": who})

        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(weeks=6, days=1)
        out = subprocess.run(
            [BIN, "--data-dir", self.data, "check-ins", "--org", "pelt", "--now", later.isoformat()],
            check=True, capture_output=True, text=True, env={"NABIJ_PUBLIC_URL": self.base})
        self.assertGreaterEqual(json.loads(out.stdout)["emails"], 2, out.stdout)
        with sqlite3.connect(f"{self.data}/nabij.sqlite3") as db:
            rows = db.execute(
                "SELECT payload FROM outbox WHERE recipient = ? AND template = 'check_in_asked.neighbour'",
                ("anne.browser@example.org",)).fetchall()
        self.assertEqual(len(rows), 1)
        link = json.loads(rows[0][0])["link"]
        self.assertTrue(link.startswith(self.base + "/check-in/"), link)

        # A phone, no login, no cookies.
        context = self.browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(link)
        self.assertEqual(page.locator("h1").inner_text(), "Loopt het nog goed?")
        self.assertIn("Anne Browser", page.content())
        self.assertNotIn("Bert", page.content())
        self.assertEqual(page.locator("nav a[href='/']").count(), 0)
        self.check_page(page, "check-in-answer-390")
        self.fits(page)

        page.get_by_label("Wil je nog iets kwijt? (niet verplicht)").fill("We wandelen graag verder, maar even niet.")
        page.get_by_role("button", name="Even pauzeren").click()
        page.wait_for_load_state()
        self.assertEqual(page.locator("h1").inner_text(), "Bedankt voor je antwoord")
        self.check_page(page, "check-in-thanks-390")
        self.fits(page)

        # The link works once.
        page.goto(link)
        self.assertEqual(page.locator("h1").inner_text(), "Deze link werkt niet meer")
        self.check_page(page, "check-in-used-390")
        self.fits(page)

        # The coordinator sees the pause on the request page.
        match = self.api("GET", f"/v1/matches/{m}", token)
        self.assertIsNotNone(match["paused_at"])
        answers = self.api("GET", f"/v1/matches/{m}/check-ins", token)["check_ins"]
        self.assertIn("pause", [c["answer"] for c in answers])
        coord = self.login("pelt")
        coord.goto(self.base + f"/requests/{req}")
        self.assertIn("Gepauzeerd sinds", coord.content())
        self.check_page(coord, "check-in-request-page")
        context.close()
        coord.close()


if __name__ == "__main__":
    unittest.main()
