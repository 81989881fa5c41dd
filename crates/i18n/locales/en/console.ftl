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

## ---- Services (sociale kaart) and the service form: pages/services.rs, service_form.rs ----

services-title = Service directory
services-lead = The services you refer to when a request is not small help, or when no neighbour is found.
services-add = Add a service
services-done =
    { $code ->
        [added] The service is in the directory.
        [saved] The service has been saved.
       *[removed] The service has been taken off the directory. Earlier referrals are kept.
    }
services-column =
    { $code ->
        [service] Service
        [what] What
        [for] For
        [phone] Phone
        [email] E-mail
       *[area] Area
    }
services-empty = No services in the directory yet.
services-edit-title = Edit the service: { $name }
services-save = Save
services-cancel = Cancel
services-remove = Take off the directory
    .hint = Does the service no longer exist, or do you no longer refer to it? Take it off the directory. Earlier referrals to it are kept.
services-not-saved = The service could not be saved. Check the name and the contact details.
service-form-errors = Something is not right
service-form-label =
    { $field ->
        [name] Name of the service
        [description] What does the service do? (optional)
        [categories] Which requests can it take?
        [phone] Phone (optional)
        [email] E-mail address (optional)
        [website] Website (optional)
       *[area] Area served (optional)
    }
service-category =
    { $code ->
        [personal_care] Personal care (washing, dressing, medication)
        [structural] Regular help every week (cleaning, garden upkeep)
        [heavy] Heavy jobs
        [no_match] Requests for which no neighbour is found
       *[other] { $code }
    }

## ---- Neighbourhood report: pages/report.rs, report/* ----

report-title = Neighbourhood report
report-lead = Per neighbourhood and month: what was asked, who was brought together, what was referred, what is still waiting and where neighbours who like to help are missing. Only numbers, never names.
report-no-neighbourhood = No neighbourhood
report-empty = You have no neighbourhoods to show.
report-download = Download these numbers (CSV, for a spreadsheet)
report-hint = So that nobody can be recognised, counts of 1 to 4 are shown as “<5”. A total that includes such a small count is not shown (“*”): otherwise the small count could be worked out.
report-chart-desc = Count per month.
report-not-offered = Asked for, but offered by nobody else in this neighbourhood:
report-numbers-for = Numbers for
report-what = What
report-total = Total
report-filter = The report cannot be shown like this
    .areas = Neighbourhoods
    .from = From
    .to = Up to and including
    .show = Show the report
report-problem =
    { $code ->
        [month] Choose a month from the list.
        [order] The last month cannot come before the first.
        [too_many] Choose at most 12 months.
       *[area] This neighbourhood does not exist, or you have no access to it.
    }
report-section =
    { $code ->
        [requests] Requests by kind
        [matches] Matches
        [referrals] Referrals and their reasons
        [unmet] Requests still without a match
        [missing] Where neighbours who like to help are missing
       *[reach] How people were reached
    }
report-line =
    { $code ->
        [requests_emotional] A listening ear, a visit
        [requests_companionship] Doing something together
        [requests_practical] A small practical hand
        [matches_started] Started (everyone said yes)
        [matches_closed_mutual] Closed, with help now going both ways
        [referrals_structural] Frequent or structural help
        [referrals_heavy] Heavy work
        [referrals_personal_care] Personal care
        [referrals_out_of_scope_other] Outside neighbourly help, other reason
        [referrals_no_match] Nobody found
        [referrals_coordinator_choice] Coordinator’s choice
        [unmet_open] Still open
        [unmet_expired] Expired
        [unmet_referral_needed] Waiting for a referral
        [no_candidate_nearby] Waiting requests nobody nearby can take now
        [tag_not_offered] Requests for something nobody else in the neighbourhood offers
        [registered_home_visit] Registered during a home visit
        [registered_phone_round] Registered during a phone round
        [registered_referral_card] Registered with a referral card
        [registered_self] Registered themselves
        [calls_made] Calls made (people without e-mail)
        [requests_total] All requests
        [referrals_total] All referrals
        [unmet_total] All requests without a match
        [reach_total] All registrations
        [matches_total] Total
        [missing_total] Total
       *[other] { $code }
    }
# `jan 2026`; $month is 1 to 12, $year the year as text.
report-month =
    { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $year }
