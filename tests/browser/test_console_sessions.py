"""Browser test of sessions that end (issue 12): a session cookie kept from before
logout opens nothing. Set-up in console_base.py."""

import unittest

from console_base import ConsoleTest


class LogoutRevocationTest(ConsoleTest):
    def test_a_cookie_kept_from_before_logout_opens_the_login_page(self):
        page = self.login("pelt")
        kept = page.context.cookies()
        self.assertTrue(any(c["name"] == "nabij_session" for c in kept))
        page.get_by_role("button", name="Afmelden").click()
        page.wait_for_url(self.base + "/login")
        page.close()

        # Another browser gets the kept cookies: it sees the login page, not the console.
        context = self.browser.new_context()
        context.add_cookies(kept)
        again = context.new_page()
        again.goto(self.base + "/")
        self.assertEqual(again.url, self.base + "/login")
        self.assertTrue(again.get_by_label("Wachtwoord").is_visible())
        self.assertFalse(any(c["name"] == "nabij_session" and c["value"]
                             for c in context.cookies()))
        self.check_page(again, "login-after-logout")
        context.close()


if __name__ == "__main__":
    unittest.main()
