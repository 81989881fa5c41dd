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
today-flagged = Requests waiting for your choice: refer or re-open
    .empty = No requests waiting for a choice.
    .why = Why
    .since = Flagged
    .reopen = Re-open
    .refer = Refer
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
        [check_in_asked] Ask whether it is still going well (check-in, no e-mail address)
        [check_in_reminder] Ask again whether it is still going well (check-in, second try)
        [recurring_call] Call back as agreed
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

schedule-title = Scheduled tasks
    .empty = No scheduled task has run yet.
    .task = Task
    .when = Started
    .status = Status
    .outcome = Outcome
schedule-task =
    { $code ->
        [lapse] Let proposals without an answer lapse
        [expiry] Flag requests open a long time
        [follow_ups] Follow-up reminders
        [rematch] Nightly re-match
       *[other] { $code }
    }
schedule-count =
    { $code ->
        [proposals_lapsed] proposals lapsed
        [open_too_long] open a long time
        [proposals_declined] several proposals not taken
        [follow_ups] reminders
       *[other] { $code }
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

## ---------------------------------------------------------------- neighbour pages
## crates/api/src/console/pages/neighbour/ and templates/console/neighbour/: the list
## (neighbours-), registering (register-), the form both register and edit show
## (neighbour-form-), one neighbour's page (neighbour-), its history
## (neighbour-history-), editing (neighbour-edit-) and erasing (neighbour-erase-).

# Words several neighbour pages share.
neighbour-hood = Neighbourhood
neighbour-likes = Likes doing or helping with
neighbour-status = Status
    .active = taking part
    .paused = paused

neighbours-title = Neighbours
neighbours-erased = The data has been erased.
neighbours-search = Search neighbours
    .name = Search by name
    .all-hoods = All neighbourhoods
    .anything = Anything
    .everybody = Everybody
    .submit = Search
    .show-all = Show all
neighbours-found =
    { $total } { $total ->
        [1] person found
       *[other] people found
    } · page { $page } of { $pages }
neighbours-name = Name
neighbours-empty = Nobody found.
neighbours-pages = Pages
    .prev = Previous page
    .next = Next page

register-title = Register someone
register-lead = After a home visit, a phone round or with a referral card: register the person with their consent.
register-consent = How did the person give consent?
register-hood-empty = — choose a neighbourhood —
register-lat = Latitude of the home
register-lon = Longitude of the home
register-more = More about the person
    .hint = Optional: you can also add this later.
register-languages-hint = Nothing ticked: the language of messages.
register-submit = Register

neighbour-form-errors = Something is not right
neighbour-form-name = Name (as the person likes to be called)
neighbour-form-phone = Phone (optional)
neighbour-form-email = E-mail address (optional)
neighbour-form-position-hint = Optional. Without a position we use the centre of the neighbourhood.
neighbour-form-radius = How far can or will the person go?
neighbour-form-message-language = Language of messages
neighbour-form-languages = Languages the person speaks
neighbour-form-interests = What does the person like doing?
    .hint = To bring together people who enjoy the same things.
neighbour-form-talents = What does the person like helping with?
    .hint = Only what the person likes to do, never as a duty.
neighbour-form-availability = When is the person usually available?
    .hint = Tick the times that suit. Nothing ticked: the person is not yet proposed to go along with anyone.
neighbour-form-capacity = With how many people at a time does the person want to do something together?

neighbour-edit-title = Edit the details of { $name }
neighbour-edit-hood-empty = — no neighbourhood —
neighbour-edit-position-hint = The position of the home is kept but not shown here. Only fill this in if the person has moved. If you choose another neighbourhood without a position, we use the centre of that neighbourhood.
neighbour-edit-lat = New latitude of the home
neighbour-edit-lon = New longitude of the home
neighbour-edit-languages-hint = At least one.
neighbour-edit-save = Save
neighbour-edit-cancel = Cancel

neighbour-erase-title = Erase the data of { $name }
neighbour-erase-error = Nothing was erased
    .confirm = Tick that you understand this cannot be undone.
neighbour-erase-lead = Do this when the person asks for all their data to be erased, or no longer wants to take part. If they only want a break, pause them instead.
neighbour-erase-happens = What happens
    .data = The name, phone number, e-mail address, position of the home, languages, what the person likes doing and when are erased for good.
    .requests = Requests of the person that are still open are cancelled; the text of all their requests is erased.
    .matches = Proposals and matches with the person are ended. Whoever was going along can be proposed to someone else again.
    .messages = Messages to the person that were not sent yet will not be sent.
neighbour-erase-stays = What stays
    .log = The log keeps a line that data was erased, without a name or other personal data, and the neighbourhood figures stay right.
neighbour-erase-copy = This cannot be undone. Does the person want a copy first?
    .link = Download all data first.
neighbour-erase-confirm = I understand this cannot be undone.
neighbour-erase-submit = Erase all data for good
neighbour-erase-back = Do not erase, go back

# The facts on a neighbour's page (Buurt and Stand: neighbour-hood, neighbour-status).
neighbour-facts =
    .phone = Phone
    .email = E-mail
    .position = Position of the home
    .position-kept = kept to look for neighbours close by, not shown
    .radius = How far
    .languages = Languages
    .interests = Likes doing
    .talents = Likes helping with
    .availability = Usually available
    .capacity = How many at a time
    .consent = Consent
neighbour-actions = What would you like to do?
    .edit = Edit the details
    .pause = Pause for now
    .pause-hint = While paused, the person is not proposed to anyone. Current matches stay.
    .resume = Take part again
    .resume-hint = The person can then be proposed again.
    .export = Download all data (JSON file)
    .erase = Erase the data…
# The line after a change (`?done=`).
neighbour-done =
    .saved = The details have been saved.
    .unchanged = Nothing had changed.
    .paused = The person is paused for now.
    .resumed = The person takes part again.
neighbour-requests = Requests
    .kind = Kind
    .since = Since
    .empty = No requests yet.
neighbour-new-request = Note a request
    .kind = What could a neighbour help with?
    .text = In the person’s own words
    .date = On a given day (optional)
    .date-hint = Leave empty when any time will do.
    .submit = Note the request
neighbour-request-failed = Request not noted
    .text = Choose a kind of request, keep the text under 2000 characters and a date within the year.
    .back = Back

neighbour-history = What the person did together with others
    .empty = No matches or thanks yet.
    .someone = a neighbour
    .met = they met
# The date of an event (day and month with two digits).
neighbour-history-date = { $year }-{ $month }-{ $day }
# A match: $side is this neighbour's side (companion, requester), $status the match's
# (proposed, active, closed); $who the others in it, $what the request.
neighbour-history-match =
    { $side ->
        [companion]
            { $status ->
                [proposed] Proposal to help { $who } with: { $what }
                [active] Helps { $who } with: { $what }
               *[other] Helped { $who } with: { $what }
            }
       *[requester]
            { $status ->
                [proposed] Proposal: { $who } would help with: { $what }
                [active] Is being helped by { $who } with: { $what }
               *[other] Was helped by { $who } with: { $what }
            }
    }
# Help or thanks: $direction is gave or got, $kind help or thanks, $who the other.
neighbour-history-exchange =
    { $direction ->
        [gave]
            { $kind ->
                [help] Helped { $who }
               *[thanks] Thanked { $who }
            }
       *[got]
            { $kind ->
                [help] Was helped by { $who }
               *[thanks] Was thanked by { $who }
            }
    }

# ---------------------------------------------------------------------------------------
# The request page and its actions. See nl/console.ftl.

request-title = Request #{ $id }
request-status = Status
request-error = This could not be done
    .to-form = To the form

request-scope = Does this request fit neighbour help?
    .in = Small help: a neighbour can help.
    .out = Not small help: refer to a service.
    .overridden = changed by a coordinator
    .services = Services that can help
    .service = Service
    .what = What
    .phone = Phone
request-override = Change the verdict
    .question = What kind of help is this, in your view?
    .reason = Why? (required)
    .save = Save the verdict
    .invalid = Choose a kind of help and say briefly why (500 characters at most).
    .back = Back to the request
request-category =
    { $code ->
        [small_help] Small help (a neighbour can help)
        [structural] Regular, structural help (a service)
        [heavy] Heavy work (a service)
        [personal_care] Personal care (a service)
       *[other] Unknown
    }

request-candidates = Neighbours who could join
    .empty = Nobody nearby now. Look for another solution or refer.
    .distance = About { $metres } m
    .tick = { $name } propose
    .how = More than one neighbour ticked?
    .each = A proposal each: whoever says yes joins
    .together = One proposal together, as a small group: it starts when everyone says yes
    .hint = Everyone hears of it and is free to say yes or no.
    .propose = Propose
    .shared-note = What may they hear about each other already? (short, no names or address)
    .shared-note-hint = Until everyone says yes, they hear of each other only the neighbourhood, what they have in common, the time and this text. Names and contact details follow once everyone said yes.
request-component =
    { $code ->
        [proximity] Nearness
        [fit] Fits the request
        [reciprocity] Reciprocity
        [continuity] Already know each other
        [availability] Free time
       *[load] Room to help
    }
request-propose = Nobody was proposed. { $reason }
    .none = First tick whom you want to propose.
    .too-many = Choose at most eight neighbours together.
    .note-invalid = The shared text is too long or holds characters that cannot be used: at most 280 characters, on one line.

request-map = Sketch: roughly where the neighbours live
    .centre = { $name } in the centre.
    .spot = { $number }: { $name }, about { $metres } m, { $direction }.
    .caption = A sketch, not a map: positions are rounded to blocks of 250 m. The numbers are those of the list.
request-direction =
    { $code ->
        [same] in the same block
        [e] east
        [ne] north-east
        [n] north
        [nw] north-west
        [w] west
        [sw] south-west
        [s] south
       *[se] south-east
    }

request-matches = Proposals and matches
    .heading = Proposal of { $date } · { $status }
    .who = Who takes part
    .part = In this proposal
    .answer = Answer
    .note-answer = Note the answer
    .outside = someone outside your neighbourhoods
    .this-person = This person
    .met = Met
    .both-ways = Help both ways
    .no-or-not-yet = no or not yet
    .note = Note
request-match-status =
    { $code ->
        [proposed] proposed, waiting for answers
        [active] running
        [declined] did not go ahead
        [closed] closed
       *[other] unknown
    }
request-match-part =
    { $code ->
        [companion] joins
       *[asked] asked
    }
request-match-answer =
    { $code ->
        [accepted] yes
        [declined] no
       *[other] no answer yet
    }
request-match-says =
    { $verb ->
        [accept] { $name } says yes
       *[decline] { $name } says no
    }
request-close = Close, with a short follow-up
    .met = Did you meet?
    .mutual = Does help now go both ways?
    .yes = Yes
    .no = No
    .not-yet = Not yet
    .choose = Choose an answer.
    .note = Note (optional)
    .note-error = The note is too long (2000 characters at most).
    .note-hint = Short and without sensitive details.
    .submit = Close the match
    .note-too-long = The note is too long: 2000 characters at most.
    .both = Answer both questions to close.

request-refer = Refer to a service
    .item = { $date }: referred to { $service } ({ $reason })
    .item-no-service = no service from the list
    .hint = The person and you will hear of it. The request is no longer offered to neighbours.
    .service = Service from the directory
    .no-service = No service from the list
    .fits = Fits this request
    .others = Other services
    .no-services-yet = No services yet: fill in the directory
    .why = Why refer?
    .submit = Refer
    .service-gone = This service is not (or no longer) in the directory. Choose another.
    .invalid = Choose a service (or none) and a reason.
request-life = The request's course
    .forbidden = You may not do this for this request.
request-flag =
    { $code ->
        [open_too_long] This request has been open a long time without a match
        [proposals_declined] Several proposals for this request did not go ahead
       *[no_candidates] Nobody nearby has been found for this request for a long time
    } (flagged { $days ->
        [0] today
        [one] 1 day ago
       *[other] { $days } days ago
    }). Choose: refer it to a service, or re-open it.
    .refer = Refer (to the form)
    .reopen = Re-open
    .reopen-hint = The request takes part in matching again; its time starts again.
request-flag-reason =
    { $code ->
        [open_too_long] Open a long time
        [proposals_declined] Several proposals did not go ahead
       *[no_candidates] Nobody nearby
    }
request-cancel = Cancel the request
    .why = Why cancel?
    .note = Note (required for "something else")
    .hint = Proposals still waiting are withdrawn; the people in them are told, without names.
    .submit = Cancel the request
    .invalid = Choose a reason. For "something else", say briefly why (at most 500 characters).
    .conflict = This request can no longer be cancelled: it is matched, closed or referred already.
    .done = Cancelled:
request-cancel-reason =
    { $code ->
        [no_longer_needed] No longer needed
        [solved_otherwise] Solved another way
        [person_asked] The person asked for it
        [filed_in_error] Entered by mistake
       *[other] Something else
    }
request-edit = Change the request
    .text = What is the request?
    .tags = Topics (codes separated by spaces)
    .date = On a given day (empty: stays as it is)
    .hint = A new text is judged again; a verdict changed earlier then lapses.
    .save = Save the change
    .invalid = Check the text, the topics and the date (between today and a year from now).
    .conflict = This request cannot be changed now: a proposal is waiting, or it is matched, closed or referred already.
request-referral-reason =
    { $code ->
        [out_of_scope] Not small help: this belongs with a service
        [no_match] Nobody found nearby
        [coordinator_choice] The coordinator’s choice
       *[other] Other reason
    }

request-refusal =
    { $code ->
        [capacity_reached] { $who } has no room left to join anyone at the moment.
        [neighbour_paused] { $who } is taking a break.
        [declined_before] { $who } was proposed with this person before and it did not go ahead. We do not propose them together again.
        [already_proposed] { $who } is already proposed for this request.
        [already_declined] This person already said no to this proposal.
        [match_not_proposed] This proposal was answered meanwhile.
        [match_not_active] This match is not running (any more), so it cannot be closed.
        [not_registered] { $who } is not (or no longer) registered with us.
        [invalid] This choice cannot be saved. Check it and try again.
       *[changed] This request changed meanwhile (for example already referred or closed). Look at it again.
    }
    .someone = This neighbour

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

## ---- Labels of a neighbour's record: pages/labels.rs ----
# The name of a language a person speaks (`language-name.<code>`).
language-name = { $code }
    .nl = Dutch
    .fr = French
    .en = English
    .de = German
    .ar = Arabic
    .tr = Turkish
    .pl = Polish
    .ro = Romanian
    .es = Spanish
    .it = Italian
    .pt = Portuguese
    .ru = Russian
    .uk = Ukrainian
    .fa = Persian (Farsi)
    .ps = Pashto
    .ti = Tigrinya
    .so = Somali
    .bg = Bulgarian
    .sq = Albanian
    .ber = Berber (Tamazight)
# Days of the week, Monday first (`day-name.<mon…sun>`), and parts of the day.
day-name = { $day }
    .mon = Monday
    .tue = Tuesday
    .wed = Wednesday
    .thu = Thursday
    .fri = Friday
    .sat = Saturday
    .sun = Sunday
day-part = { $part }
    .morning = morning
    .afternoon = afternoon
    .evening = evening

## ---- Messages of the form checks (register, edit, service form) ----
form-check = { "" }
    .name = Enter the name.
    .hood-or-position = Choose a neighbourhood, or fill in the position of the home.
    .not-saved = These details could not be saved. Check the name, the contact details and the position.
    .one-language = Choose at least one language the person speaks.
    .hood-from-list = Choose a neighbourhood from the list.
    .distance-from-list = Choose a distance from the list.
    .number-from-list = Choose a number from the list.
    .language-from-list = Choose a language from the list.
    .only-from-list = Choose only from the list.
    .service-name = Enter the name of the service.
    .consent = Choose how the person gave consent: without consent we register nobody.
    .lat-lon = Fill in both latitude and longitude as numbers, for example 51.2345 and 5.4321.

# Check-ins: the answer page without login (the reader only), the check-ins of a match
# on the request page with the phone-answer form, and Today's pairs that need you.
check-in-title = { $side ->
        [companion] Is it still light enough?
       *[other] Is it still going well?
    }
check-in-hello = Hello { $name },
check-in-intro = { $side ->
        [companion] { $organisation } would like to know how it goes. Is it still light enough, and would you like to go on? You can always stop or pause, without giving a reason. One click is enough.
       *[other] { $organisation } would like to know how it goes. Is it still going well? One click is enough.
    }
check-in-answer = { $code ->
        [go_on] { $side ->
            [companion] Yes, I gladly go on
           *[other] It goes well, we go on
        }
        [pause] Pause for a while
        [end_well] End on a good note
        [mediate] I would like help from my contact person
       *[other] This needs more than a neighbour
    }
check-in-answer-hint = { $code ->
        [go_on] We will ask again in a few weeks.
        [pause] You stay in touch; we ask nothing until you want to go on.
        [end_well] We close it, with thanks for the time you shared.
        [mediate] Your contact person will get in touch.
       *[other] Your contact person will look with you for the help that fits.
    }
check-in-note = Anything you would like to add? (optional)
    .hint = Short, at most 1000 characters. Only your contact person reads it.
    .too-long = Your message is too long: at most 1000 characters.
check-in-choose = Choose one of the answers.
check-in-gone = This link no longer works
    .p1 = Perhaps you already answered, or the link has expired. Nothing was recorded.
    .p2 = Would you still like to tell us something? Just contact your contact person.
check-in-thanks = Thank you for your answer
    .p1 = { $code ->
        [go_on] Good to hear! We will ask again in a few weeks.
        [pause] You are pausing for a while. We ask nothing until you want to go on; just tell your contact person.
        [end_well] Thank you for the time you shared. We close it on a good note.
        [mediate] Your contact person will get in touch.
       *[other] Your contact person will get in touch and look with you for the help that fits.
    }
check-ins = Check-ins
    .none = Nobody asked how it goes yet.
    .asked = Asked
    .who = Who
    .how = How
    .answer = Answer
check-in-channel = { $code ->
        [email] e-mail
        [call] call list
       *[other] noted by phone
    }
check-in-state = { $code ->
        [asked] waiting for an answer (asked { $tries } times)
        [unanswered] no answer after two tries
       *[other] answered
    }
check-in-answer-short = { $code ->
        [go_on] go on
        [pause] pause
        [end_well] ended well
        [mediate] asks to mediate
       *[other] needs more than a neighbour
    }
check-in-via = { $code ->
        [link] through the link
       *[other] by phone, noted by { $by }
    }
check-in-form = Note an answer given by phone
    .who = Who answered?
    .answer = What is the answer?
    .note = Note on the answer (optional)
    .submit = Note the answer
    .choose = Choose who answered and what the answer is.
    .note-too-long = The note is too long: at most 1000 characters.
match-paused = Paused since { $date }
today-check-ins = Pairs that need you
    .empty = No pair needs you right now.
    .why = Why
    .since = Since
today-check-in-why = { $code ->
        [unanswered] no answer after two tries
        [mediate] asks to mediate
       *[other] needs more than a neighbour
    }
