"""Browser tests of the console's today view, neighbourhood report (with its CSV) and
re-match page. Set-up in console_base.py."""

import csv
import io
import re
import unittest

from playwright.sync_api import expect

from console_base import ConsoleTest


class ReportTest(ConsoleTest):
    def test_today_report_csv_and_rematch(self):
        page = self.login("pelt")
        content = page.content()
        for heading in ("Nieuwe vragen", "Vragen om door te verwijzen", "Voorstellen die op antwoord wachten",
                        "Te bellen (geen e-mail)", "Laatste herberekening van voorstellen"):
            self.assertIn(heading, content)
        self.check_page(page, "today")

        page.get_by_role("link", name="Buurtrapport").click()
        expect(page.get_by_role("heading", name="Buurtrapport", level=1)).to_be_visible()
        self.assertGreater(page.locator("svg[role=img] title").count(), 0)
        self.assertEqual(page.locator("[style]").count(), 0)
        self.check_page(page, "report")

        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile("Download deze cijfers")).click()
        download = info.value
        self.assertTrue(download.suggested_filename.startswith("buurtrapport-pelt-"))
        with open(download.path(), encoding="utf-8") as f:
            rows = list(csv.reader(io.StringIO(f.read())))
        self.assertEqual(rows[0], ["neighbourhood_id", "neighbourhood", "month", "section", "line", "label", "count"])
        self.assertGreater(len(rows), 1)
        # The file holds the numbers of the table: every line's total, cell by cell.
        totals = [r for r in rows[1:] if r[2] == "total"]
        self.assertGreater(len(totals), 0)
        for r in totals:
            cell = page.locator(f'tr[data-line="{r[0]}:{r[4]}"] td').last
            self.assertEqual(cell.inner_text().strip(), r[6], r)
        for r in rows[1:]:
            self.assertTrue(r[6] in ("<5", "*") or (r[6].isdigit() and (int(r[6]) == 0 or int(r[6]) >= 5)), r)

        page.get_by_role("link", name="Opnieuw koppelen").click()
        self.assertIn("Nog geen herberekening.", page.content())
        page.get_by_role("button", name="Herberekening starten").click()
        # The page reloads itself while the run goes on, then shows the summary.
        expect(page.get_by_role("heading", name="Laatste afgewerkte herberekening")).to_be_visible(timeout=60000)
        expect(page.locator("progress")).to_have_count(0)
        self.assertIn("Voorstellen gedaan", page.content())
        self.assertEqual(page.locator('meta[http-equiv="refresh"]').count(), 0)
        self.check_page(page, "rematch")

        page.goto(self.base + "/")
        expect(page.get_by_role("link", name="Naar de herberekening")).to_be_visible()
        self.assertIn("klaar:", page.content())
        page.close()

    def test_report_in_french_and_a_wrong_filter(self):
        page = self.login("deerlijk")
        page.goto(self.base + "/report?lang=fr")
        self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
        expect(page.get_by_role("heading", name="Rapport de quartier", level=1)).to_be_visible()
        self.check_page(page, "report-fr")
        response = page.goto(self.base + "/report?lang=nl&from=1999-01")
        self.assertEqual(response.status, 422)
        self.assertIn("Kies een maand uit de lijst.", page.content())
        self.check_page(page, "report-error")
        page.close()


if __name__ == "__main__":
    unittest.main()
