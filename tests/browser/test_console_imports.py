"""Browser test of the console's import pages (issue 16): upload a spreadsheet, choose
the columns (guesses pre-filled), read the dry run's findings per row, correct the file
and import it. Residents (placed by neighbourhood: the demo organisation has no address
register) and services. Set-up in console_base.py; every page is checked with axe-core."""

import datetime
import pathlib
import tempfile
import unittest

from console_base import ConsoleTest

HEADER = "Naam;GSM;Wijk;Talen;Hobby's;Beschikbaarheid;Toestemming via;Datum toestemming"


class ImportsTest(ConsoleTest):
    def write(self, name, text):
        path = pathlib.Path(tempfile.mkdtemp(prefix="nabij-import-")) / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    def test_residents_upload_map_check_and_import(self):
        today = datetime.date.today().strftime("%d/%m/%Y")
        good = [
            f"Import Anna;0470 11 22 33;Neerpelt;Nederlands;wandelen;di namiddag;huisbezoek;{today}",
            f"Import Bart;0470 44 55 66;Overpelt;Nederlands, Frans;;;belronde;{today}",
        ]
        bad = good + [f"Import Carla;geen nummer;Nergenshuizen;Nederlands;;;zelf;{today}"]
        page = self.login("pelt")
        page.get_by_role("link", name="Invoeren", exact=True).click()
        self.assertEqual(page.locator("h1").inner_text(), "Invoeren uit een rekenblad")
        self.check_page(page, "imports-start")

        page.get_by_label("Bestand (CSV of XLSX)").set_input_files(self.write("bewoners.csv", "\n".join([HEADER] + bad) + "\n"))
        page.get_by_role("button", name="Bestand lezen").click()
        self.assertEqual(page.locator("h1").inner_text(), "Kolommen kiezen")
        # The guesses are filled in.
        self.assertEqual(page.locator("#map_display_name").input_value(), "Naam")
        self.assertEqual(page.locator("#map_consent_date").input_value(), "Datum toestemming")
        self.check_page(page, "imports-map")

        page.get_by_role("button", name="Controleren").click()
        self.assertEqual(page.locator("h1").inner_text(), "Controle van het bestand")
        content = page.content()
        self.assertIn("Dit is geen telefoonnummer", content)
        self.assertIn("Er is geen wijk", content)
        self.assertEqual(page.get_by_role("button", name="Invoeren").count(), 0)
        self.check_page(page, "imports-report-errors")

        # The corrected file: checked, then imported.
        page.get_by_role("link", name="Een ander bestand invoeren").click()
        page.get_by_label("Bestand (CSV of XLSX)").set_input_files(self.write("bewoners.csv", "\n".join([HEADER] + good) + "\n"))
        page.get_by_role("button", name="Bestand lezen").click()
        page.get_by_role("button", name="Controleren").click()
        self.check_page(page, "imports-report-ok")
        page.get_by_role("button", name="Invoeren", exact=True).click()
        self.assertIn("Ingevoerd: 2 van 2 rijen", page.content())
        self.check_page(page, "imports-done")

    def test_services_in_french(self):
        page = self.login("pelt")
        page.goto(self.base + "/imports?lang=fr")
        page.get_by_label("Des services (carte sociale)").check()
        text = "Naam;Omschrijving;Telefoon\nBrowser Thuiszorg;Verzorging aan huis;011 12 34 56\n"
        page.get_by_label("Fichier (CSV ou XLSX)").set_input_files(self.write("diensten.csv", text))
        page.get_by_role("button", name="Lire le fichier").click()
        page.get_by_role("button", name="Vérifier").click()
        self.check_page(page, "imports-services-report-fr")
        page.get_by_role("button", name="Importer", exact=True).click()
        self.assertIn("Importé : 1 lignes sur 1", page.content())


if __name__ == "__main__":
    unittest.main()
