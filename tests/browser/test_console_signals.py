"""Browser tests of the console's signal pages (issue 13): the inbox, noting a referral
card, one signal with its outcome forms, at 1280 px and at 390 px wide (a phone).
Set-up in console_base.py; every page is checked with axe-core."""

import datetime
import re
import unittest

from console_base import ConsoleTest


class SignalsTest(ConsoleTest):
    def fits(self, page):
        """Nothing wider than the screen: no sideways scrolling."""
        width = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, page.viewport_size["width"], page.url)

    def test_inbox_new_signal_and_outcome_at_1280_and_390(self):
        for width, suffix in ((1280, ""), (390, "-390")):
            page = self.login("pelt")
            page.set_viewport_size({"width": width, "height": 900})
            page.get_by_role("link", name="Signalen", exact=True).click()
            self.assertEqual(page.locator("h1").inner_text(), "Signalen")
            self.check_page(page, "signals-inbox" + suffix)
            self.fits(page)

            # Note a referral card; a missing life domain is explained first.
            page.get_by_role("link", name="Nieuw signaal noteren").click()
            self.check_page(page, "signal-new" + suffix)
            self.fits(page)
            name = f"Maria Browser {width}"
            page.get_by_label("Naam", exact=True).fill(name)
            page.get_by_label("Telefoon", exact=True).fill("011 22 33 44")
            page.get_by_label("Hoe werd de persoon doorgegeven").select_option("signed_card")
            page.get_by_label("Bron", exact=True).select_option("referral_card")
            page.get_by_label("Doorverwijzer (huisarts, apotheek, thuisverpleging …)").fill("Apotheek De Linde")
            page.get_by_label("Kaart ondertekend op").fill(datetime.date.today().isoformat())
            page.get_by_label("Wat werd opgemerkt").fill("Komt weinig buiten sinds de val.")
            page.get_by_role("button", name="Signaal noteren").click()
            self.assertIn("Kies minstens één levensdomein.", page.content())
            self.check_page(page, "signal-new-errors" + suffix)
            page.locator("#life_domains-social_contact").check()
            page.get_by_role("button", name="Signaal noteren").click()
            page.wait_for_url(re.compile(r".*/signals/\d+\?done=filed$"))
            self.assertIn("Het signaal is genoteerd.", page.content())
            self.assertIn("Apotheek De Linde", page.content())
            self.check_page(page, "signal-page" + suffix)
            self.fits(page)

            # The inbox lists it.
            page.goto(self.base + "/signals")
            self.assertTrue(page.get_by_role("link", name=name).is_visible())

            # No action wanted: closed, with who said so.
            page.get_by_role("link", name=name).click()
            form = page.locator("form.outcome").filter(has=page.locator("input[value=no_action_wanted]"))
            form.get_by_label("Wie zei dat er geen actie nodig is").fill("Maria zelf")
            form.get_by_role("button", name="Bewaren en afsluiten").click()
            page.wait_for_url(re.compile(r".*done=closed$"))
            self.assertIn("Het signaal is afgesloten.", page.content())
            self.assertIn("Maria zelf", page.content())
            self.check_page(page, "signal-closed" + suffix)
            self.fits(page)
            page.close()


if __name__ == "__main__":
    unittest.main()
