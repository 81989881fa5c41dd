"""Browser tests of acting on a request in the console: candidates with reasons, score
bars and the sketch map; propose, accept, close with the follow-up; refer an
out-of-scope request to a service; groups. Set-up in console_base.py."""

import re
import unittest

from console_base import ConsoleTest


class ActOnRequestTest(ConsoleTest):
    def register(self, page, name):
        """Registers a resident on behalf (demo neighbourhood) and opens her page."""
        page.goto(self.base + "/neighbours/new")
        page.get_by_label("Naam (zoals de persoon genoemd wil worden)").fill(name)
        page.get_by_label("Bij een huisbezoek").check()
        page.get_by_label("Buurt").select_option(index=1)
        page.get_by_role("button", name="Inschrijven").click()
        self.assertIn(name, page.content())
        return page.url

    def file_request(self, page, neighbour_url, text):
        page.goto(neighbour_url)
        page.get_by_label("In de woorden van de persoon").fill(text)
        page.get_by_role("button", name="Vraag noteren").click()
        self.assertRegex(page.url, r"/requests/\d+$")
        return page.url

    def test_propose_accept_and_close_with_follow_up(self):
        page = self.login("pelt")
        maria = self.register(page, "Maria Wandel")
        request_url = self.file_request(page, maria, "Samen wandelen in het park")

        # Candidates, each with reasons, a bar per score component and a box to tick.
        candidates = page.locator("ol.candidates > li")
        self.assertGreater(candidates.count(), 0, "demo data has neighbours nearby")
        first = candidates.first
        self.assertGreater(first.locator("ul.reasons li").count(), 0)
        self.assertEqual(first.locator("svg.bar[role=img]").count(), 6)
        self.assertEqual(page.locator("svg.sketch[role=img]").count(), 1)
        name = first.locator("h3").inner_text().split(" ", 1)[1]
        self.check_page(page, "request-candidates")

        # Nothing ticked: explained on the page.
        page.get_by_role("button", name="Voorstellen").click()
        self.assertIn("Vink eerst aan wie u wilt voorstellen.", page.content())
        self.check_page(page, "request-propose-error")

        page.get_by_label(f"{name} voorstellen").check()
        page.get_by_role("button", name="Voorstellen").click()
        self.assertIn("#matches", page.url)
        self.assertIn("voorgesteld, wacht op antwoord", page.content())
        self.check_page(page, "request-proposed")

        # Both say yes: the match runs.
        page.get_by_role("button", name="Maria Wandel zegt ja").click()
        page.get_by_role("button", name=f"{name} zegt ja").click()
        self.assertIn("Hebben jullie elkaar ontmoet?", page.content())
        self.check_page(page, "request-active")

        # Close without answers: explained, the note kept.
        page.get_by_label("Notitie (niet verplicht)").fill("Ze wandelen elke dinsdag.")
        page.get_by_role("button", name="Koppeling afsluiten").click()
        self.assertIn("Beantwoord beide vragen", page.content())
        self.assertEqual(page.get_by_label("Notitie (niet verplicht)").input_value(),
                         "Ze wandelen elke dinsdag.")
        self.check_page(page, "request-close-errors")

        page.get_by_role("group", name="Hebben jullie elkaar ontmoet?").get_by_label("Ja").check()
        page.get_by_role("group", name="Gaat de hulp nu in twee richtingen?") \
            .get_by_label("Nog niet").check()
        page.get_by_role("button", name="Koppeling afsluiten").click()
        content = page.content()
        self.assertIn("Ze wandelen elke dinsdag.", content)
        self.assertIn("nee of nog niet", content)
        page.goto(request_url)
        self.assertIn("afgesloten", page.locator("dl.facts").first.inner_text())
        self.check_page(page, "request-closed")

        # Another organisation sees none of it; a form without its CSRF token is refused.
        other = self.login("deerlijk")
        self.assertEqual(other.goto(request_url).status, 404)
        resp = other.request.post(request_url + "/propose", form={"companion": "1"})
        self.assertEqual(resp.status, 403)
        other.close()
        page.close()

    def test_refer_an_out_of_scope_request(self):
        page = self.login("pelt")
        jan = self.register(page, "Jan Verzorging")
        request_url = self.file_request(
            page, jan, "Ik heb hulp nodig bij het wassen en aankleden, thuisverpleging")
        self.assertIn("Geen kleine hulp", page.content())
        self.assertTrue(page.get_by_label("Geen kleine hulp: dit hoort bij een dienst").is_checked())
        self.check_page(page, "request-out-of-scope")
        select = page.get_by_label("Dienst uit de sociale kaart")
        options = select.locator("option")
        self.assertGreater(options.count(), 1, "the demo directory has services")
        service = options.nth(1).inner_text()
        select.select_option(index=1)
        page.get_by_role("button", name="Doorverwijzen").click()
        self.assertIn("#refer", page.url)
        self.assertIn(f"doorverwezen naar {service}", page.content())
        self.assertIn("doorverwezen", page.locator("dl.facts").first.inner_text())
        self.assertEqual(page.get_by_role("button", name="Doorverwijzen").count(), 0)
        self.check_page(page, "request-referred")
        page.goto(request_url + "?lang=fr")
        self.assertIn("Orienter vers un service", page.content())
        page.goto(request_url + "?lang=nl")
        page.close()

    def test_groups_page(self):
        page = self.login("pelt")
        page.goto(self.base + "/groups")
        self.assertEqual(page.get_by_role("heading", level=1).inner_text(), "Groepsvoorstellen")
        self.assertTrue(re.search(r"Groepje|Geen groepsvoorstellen", page.content()))
        self.check_page(page, "groups")
        page.close()


if __name__ == "__main__":
    unittest.main()
