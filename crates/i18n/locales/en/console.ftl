# The coordinators' console, English. See nl/console.ftl.

shell-skip = Skip to content
shell-main-menu = Main menu
shell-today = Today
shell-neighbours = Neighbours
shell-register = Register someone
shell-services = Service directory
shell-report = Neighbourhood report
shell-rematch = Re-match
shell-logout = Log out
shell-language = Language
shell-language-name = English

error-back-today = Back to today
error-not-found = Not found
    .text = This page does not exist, or you have no access to it.
error-forbidden = Not allowed
    .text = This form has expired or did not come from this site. Open the page again and retry.
error-failure = Something went wrong
    .text = Try again in a moment. If it keeps failing, tell the administrator.

login-title = Log in
login-email = E-mail address
login-password = Password
login-missing = Enter your e-mail address and your password.
login-throttled = Too many failed attempts. Wait a few minutes and try again.
login-mismatch = This e-mail address and password do not match.
