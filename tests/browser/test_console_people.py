"""Browser tests of the console's pages about people: searching neighbours, editing,
pausing and resuming, downloading and erasing someone, and keeping the service
directory. Set-up in console_base.py; every page is checked with axe-core."""

import json
import re
import unittest
from urllib.parse import quote_plus

from console_base import ConsoleTest


class NeighboursTest(ConsoleTest):
    def test_search_edit_pause_export_and_erase(self):
        page = self.login("pelt")
        page.get_by_role("link", name="Buurtbewoners").first.click()
        self.check_page(page, "neighbours-list")
        first = page.locator("table tbody tr td a").first
        name = first.inner_text()

        # Search by part of the name, then by interest or talent and status.
        page.get_by_label("Zoek op naam").fill(name[:4])
        page.get_by_role("button", name="Zoeken").click()
        self.assertIn("q=", page.url)
        self.assertTrue(page.get_by_role("link", name=name, exact=True).is_visible())
        self.check_page(page, "neighbours-search")
        page.get_by_label("Zoek op naam").fill("")
        page.get_by_label("Doet of helpt graag met").select_option("walking")
        page.get_by_label("Stand").select_option("active")
        page.get_by_role("button", name="Zoeken").click()
        self.assertRegex(page.locator(".result-count").inner_text(), r"\d+ person(en)? gevonden")
        self.check_page(page, "neighbours-filtered")

        # Open the person found first.
        page.goto(self.base + "/neighbours?q=" + quote_plus(name))
        page.get_by_role("link", name=name, exact=True).click()
        self.assertEqual(page.locator("h1").inner_text(), name)
        self.assertIn("Wat de persoon samen met anderen deed", page.content())
        self.check_page(page, "neighbour-page")
        neighbour_url = page.url

        # Edit: an error keeps what was typed; then saved.
        page.get_by_role("link", name="Gegevens aanpassen").click()
        self.check_page(page, "neighbour-edit")
        self.assertNotIn("51.", page.locator("#lat").input_value() + page.locator("#lon").input_value())
        page.get_by_label("Naam (zoals de persoon genoemd wil worden)").fill("")
        page.get_by_label("Telefoon (niet verplicht)").fill("011 98 76 54")
        page.locator("#talents-walking").check()
        page.get_by_role("button", name="Bewaren").click()
        self.assertIn("Vul de naam in.", page.content())
        self.assertEqual(page.get_by_label("Telefoon (niet verplicht)").input_value(), "011 98 76 54")
        self.assertTrue(page.locator("#talents-walking").is_checked())
        self.check_page(page, "neighbour-edit-errors")
        page.get_by_label("Naam (zoals de persoon genoemd wil worden)").fill("Rita Testpersoon")
        page.locator("#availability-tue-afternoon").check()
        page.get_by_role("button", name="Bewaren").click()
        page.wait_for_url(re.compile(r".*done=saved$"))
        self.assertIn("De gegevens zijn bewaard.", page.content())
        self.assertEqual(page.locator("h1").inner_text(), "Rita Testpersoon")
        self.assertIn("011 98 76 54", page.content())

        # Pause and resume.
        page.get_by_role("button", name="Even pauzeren").click()
        self.assertIn("De persoon is even gepauzeerd.", page.content())
        self.check_page(page, "neighbour-paused")
        page.get_by_role("button", name="Weer laten meedoen").click()
        self.assertIn("De persoon doet weer mee.", page.content())

        # Download everything held on the person.
        with page.expect_download() as info:
            page.get_by_role("link", name="Alle gegevens downloaden (JSON-bestand)").click()
        download = info.value
        self.assertTrue(download.suggested_filename.endswith(".json"))
        with open(download.path(), encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(data["neighbour"]["display_name"], "Rita Testpersoon")
        self.assertIn("walking", data["neighbour"]["talents"])
        self.assertNotIn('"lat"', json.dumps(data))

        # Erase: a confirmation page first; without ticking the box nothing happens.
        page.get_by_role("link", name="Gegevens wissen…").click()
        self.assertIn("Dit kan niet ongedaan gemaakt worden", page.content())
        self.check_page(page, "neighbour-erase-confirm")
        page.get_by_role("button", name="Alle gegevens definitief wissen").click()
        self.assertIn("Vink aan dat u begrijpt", page.content())
        self.check_page(page, "neighbour-erase-error")
        page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden.").check()
        page.get_by_role("button", name="Alle gegevens definitief wissen").click()
        page.wait_for_url(re.compile(r".*/neighbours\?done=erased$"))
        self.assertIn("De gegevens zijn gewist.", page.content())
        self.check_page(page, "neighbours-erased")
        page.goto(self.base + "/neighbours?q=Rita+Testpersoon")
        self.assertIn("0 personen gevonden", page.content())
        resp = page.goto(neighbour_url)
        self.assertEqual(resp.status, 404)
        page.close()

    def test_erase_without_the_form_is_refused(self):
        page = self.login("pelt")
        page.goto(self.base + "/neighbours")
        href = page.locator("table tbody tr td a").first.get_attribute("href")
        resp = page.request.post(self.base + href + "/erase", form={"confirm": "yes"})
        self.assertEqual(resp.status, 403)
        self.assertEqual(page.goto(self.base + href).status, 200)
        page.close()
        other = self.login("deerlijk")
        self.assertEqual(other.goto(self.base + href + "/edit").status, 404)
        self.assertEqual(other.goto(self.base + href + "/erase").status, 404)
        other.close()


class ServicesTest(ConsoleTest):
    def test_add_edit_and_remove_a_service(self):
        page = self.login("pelt")
        page.get_by_role("link", name="Sociale kaart").first.click()
        self.check_page(page, "services")
        page.get_by_role("link", name="Een dienst toevoegen").click()
        self.check_page(page, "services-new")
        page.get_by_label("E-mailadres (niet verplicht)").fill("winkel-zonder-apenstaart")
        page.get_by_role("button", name="Bewaren").click()
        self.assertIn("Vul de naam van de dienst in.", page.content())
        self.assertEqual(page.get_by_label("E-mailadres (niet verplicht)").input_value(),
                         "winkel-zonder-apenstaart")
        self.check_page(page, "services-new-errors")
        page.get_by_label("Naam van de dienst").fill("Klusjesdienst Test")
        page.get_by_label("Wat doet de dienst? (niet verplicht)").fill("Grotere klussen in huis.")
        page.get_by_label("E-mailadres (niet verplicht)").fill("klus@voorbeeld.be")
        page.get_by_label("Zware klussen").check()
        page.get_by_role("button", name="Bewaren").click()
        self.assertIn("De dienst staat op de kaart.", page.content())
        page.get_by_role("link", name="Klusjesdienst Test").click()
        self.check_page(page, "services-edit")
        page.get_by_label("Telefoon (niet verplicht)").fill("011 55 44 33")
        page.get_by_label("Werkgebied (niet verplicht)").fill("Pelt")
        page.get_by_role("button", name="Bewaren").click()
        self.assertIn("De dienst is bewaard.", page.content())
        row = page.locator("tr", has_text="Klusjesdienst Test")
        self.assertIn("011 55 44 33", row.inner_text())
        page.get_by_role("link", name="Klusjesdienst Test").click()
        page.get_by_role("button", name="Van de kaart halen").click()
        self.assertIn("van de kaart gehaald", page.content())
        self.assertNotIn("Klusjesdienst Test", page.content())
        self.check_page(page, "services-removed")
        page.close()


if __name__ == "__main__":
    unittest.main()
