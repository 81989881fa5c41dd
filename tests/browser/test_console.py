"""Browser tests of the coordinators' console: registering, filing a request, seeing
candidates, and what another organisation cannot see. Set-up in console_base.py."""

import unittest

from console_base import ConsoleTest


class RegisterAndRequestTest(ConsoleTest):
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
