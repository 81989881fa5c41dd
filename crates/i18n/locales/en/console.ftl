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

col-request = Request
col-neighbour = Neighbour
col-kind = Kind
col-waiting = Waiting for

today-title = Today
today-new = New requests (this week), newest first
    .empty = No new requests this week.
today-open = Open requests waiting longer, oldest first
    .empty = No requests waiting longer than a week.
today-referral = Requests to refer to a service
    .empty = Nothing to refer.
today-proposed = Proposals waiting for an answer
    .empty = No proposals waiting.
    .since = Proposed for
today-follow-up = Matches due for follow-up
    .empty = Nobody to follow up now.
    .since = Together for
today-calls = To phone (no e-mail)
    .empty = Nobody to phone.
    .phone = Phone
    .about = About
    .since = Since
    .done = Done?
    .no-number = no number
    .called = Called
today-rematch = Last re-match run
    .empty = No run yet.
    .link = Go to re-matching
today-run-started =
    { $days ->
        [0] Started today
        [1] Started yesterday
       *[other] Started { $days } days ago
    }
today-run-running = running ({ $percent } %)
today-run-done = done
today-run-summary = done: { $proposals } proposals, { $groups } groups, { $referrals } to refer
today-run-failed = failed
today-run-stopped = stopped
call-reason =
    { $code ->
        [match_proposed] Tell about a proposal (saying no is always fine)
        [match_accepted] Tell that everyone said yes
        [match_declined] Tell that the proposal will not go ahead
        [match_closed] Tell that the match was closed
        [follow_up_due] Ask how it is going
        [request_referred] Tell which service the request was referred to
       *[other] Something to tell
    }

label-age =
    { $days ->
        [0] today
        [1] 1 day
       *[other] { $days } days
    }
label-kind =
    { $code ->
        [emotional] A listening ear, a visit
        [companionship] Doing something together
        [practical] A small practical hand
       *[other] Other request
    }
label-request-status =
    { $code ->
        [open] open
        [proposed] proposal made
        [matched] brought together
        [closed] closed
        [referral_needed] to be referred
        [referred] referred
        [cancelled] cancelled
        [expired] expired
       *[other] unknown
    }
label-consent =
    { $code ->
        [home_visit] During a home visit
        [phone_round] During a phone round
        [referral_card] With a signed referral card
        [self] By the person themselves
       *[other] Unknown
    }

rematch-title = Re-match
rematch-intro = A re-match run looks at all open requests together and finds the best-suited neighbour for each. Every proposal waits for everyone’s answer: saying no is always fine. People with the same request are suggested a small group, and requests nobody nearby could take for a long time are flagged for referral.
rematch-already = A run is already going on. You can follow its progress below; a second one cannot start at the same time.
rematch-running = Running
rematch-progress = Progress
rematch-started = Started
rematch-reloading = This page reloads every 2 seconds until the run is done.
rematch-stop-reloading = Stop reloading automatically
rematch-check-again = Check the progress again
rematch-follow = Follow automatically (reloads every 2 seconds)
rematch-dry-run = Trial only: count what would happen, propose nothing
rematch-start = Start a run
rematch-limited = A re-match run covers the whole organisation. You work for some of its neighbourhoods, so you cannot start one yourself: ask a coordinator of the whole organisation. Of runs others started, you see only that they ran, not their counts.
rematch-last = Last finished run
rematch-trial = This was a trial: nothing was proposed or changed.
rematch-considered = Open requests considered
rematch-proposals-made = Proposals made
rematch-groups-suggested = Groups suggested
rematch-referrals-flagged = Requests flagged for referral
rematch-unmatched = Still without a proposal
rematch-duration = Duration
rematch-recent = Recent runs
    .empty = No run yet.
    .number = No.
    .status = Status
    .proposals = Proposals
    .groups = Groups
    .refer = To refer
    .trial = trial
rematch-ago =
    { $unit ->
        [now] just now
        [min] { $n } min ago
        [hour] { $n } h ago
       *[day] { $n } days ago
    }
rematch-status =
    { $code ->
        [running] running
        [succeeded] done
        [failed] failed
        [cancelled] stopped
       *[other] unknown
    }
rematch-error =
    { $code ->
        [stale] The run gave no sign of life for a long time and was stopped.
        [not_started] The run could not start.
       *[other] Something went wrong during the run. Try again later.
    }

groups-title = Group suggestions
groups-empty = No group suggestions. They come from a re-match run.
groups-heading = Together with others who ask the same
groups-hint = Accepting puts nobody in a group: each person says yes or no to a proposal.
groups-group = Small group
groups-accept = Accept the group
groups-split = Split
groups-all = All group suggestions
groups-decided = This group was decided meanwhile.
groups-status =
    { $code ->
        [suggested] suggestion
        [accepted] accepted by a coordinator
       *[other] split
    }

# Field rules (nabij_store::rules), shown next to a form field.
rule-empty = Fill in this field.
rule-too-long = This is too long ({ $max } characters at most).
rule-control = Do not use line breaks or control characters here.
rule-format = This holds invisible formatting characters (for example ones that reverse the reading direction). Type the text again instead of pasting it.
rule-phone = A phone number holds at least { $min } digits, and otherwise only spaces, dots, dashes, brackets, / and +.
rule-email = This e-mail address is not right. It looks like name@example.be.
rule-url = A website address starts with http:// or https://, without spaces, for example https://www.example.be.
