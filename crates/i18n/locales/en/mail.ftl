# E-mail notifications, English. See nl/mail.ftl for the structure.

mail-and = and
mail-others-none = someone from your neighbourhood
mail-people-none = the neighbours concerned
mail-hello-neighbour = Hello { $name },
mail-hello-coordinator = Hello,
mail-contact-email = Any questions? Just write to your contact person: { $contact }.
mail-contact-organisation = Any questions? Feel free to contact { $organisation }.
mail-sign =
    Warm regards,
    { $organisation }
mail-coordinator-footer =
    Follow it up in nabij.
    { $organisation }
mail-by-phone =
    { $count ->
        [1] One of them has no e-mail address and is on your phone list.
       *[other] { $count } of them have no e-mail address and are on your phone list.
    }
mail-reason =
    { $reason ->
        [out_of_scope] beyond small help
        [no_match] no match found
        [coordinator_choice] coordinator's choice
       *[other] not given
    }

mail-match_proposed-neighbour = Meet someone from your neighbourhood
    .p1 = We would love to introduce you to { $someone }.
    .p2 = Your contact person will get in touch soon to tell you what happens next. Saying no is always fine, no explanation needed.
mail-match_accepted-neighbour = Good news: you can meet
    .p1 = Everyone said yes: you and { $others } can now arrange to meet.
    .p2 = Your contact person can help with a first meeting and stays within reach if anything comes up.
mail-match_declined-neighbour = The proposal will not go ahead
    .p1 = The proposal to meet will not go ahead this time. That is perfectly fine: nobody has to explain why.
    .p2 = There is nothing you need to do. If you are still looking for something, your contact person is glad to keep looking with you.
mail-match_closed-neighbour = Thank you for the time you shared
    .p1 = Your match has come to a close. Thank you for the time you and { $others } shared.
    .p2 = Your contact person may ask how it went. Feel like doing something together again, or do you have a question yourself? Just let us know.
mail-request_referred-neighbour = About your question
    .p1 = A professional service can help you with your question better than a neighbour can.
    .p2 = Your contact person will get in touch and help you find the right service.

mail-match_proposed-coordinator = New proposal: match { $m }
    .p1 = A match was proposed for request { $r }: { $people }. Everyone is free to say yes or no.
mail-match_accepted-coordinator = Match { $m } is active
    .p1 = Match { $m }: everyone said yes, { $people } can arrange to meet. You will get a reminder to follow up later.
mail-match_declined-coordinator = Proposal { $m } will not go ahead
    .p1 = The proposal for request { $r } will not go ahead; no reason is asked. The request is open again unless another proposal is under way.
mail-match_closed-coordinator = Match { $m } has closed
    .p1 = The match of { $people } (request { $r }) has closed.
mail-follow_up_due-coordinator = Time to follow up: match { $m }
    .p1 = Match { $m } ({ $people }) started { $days } days ago. Time to ask how it is going: did they meet, and do they support each other?
mail-request_referred-coordinator = Request { $r } referred
    .p1 = Request { $r } was referred to a professional service (reason: { $reason }). The resident has been told you will get in touch to help further.

# Privacy before yes (issue 14): see nl/mail.ftl.
mail-someone-from =
    { $count ->
        [one] someone
       *[other] { $count } neighbours
    } from { $area }
mail-someone-nearby =
    { $count ->
        [one] someone
       *[other] { $count } neighbours
    } from your neighbourhood
mail-shared = What you have in common: { $shared }.
mail-when = When: { $when }.
mail-when-once = When: { $date }{ $parts }.
mail-slot = { reason-day } { reason-day-part }
mail-day-part = { reason-day-part }
mail-note = Your contact person adds: “{ $note }”
mail-names-after-yes = Names and contact details are passed on only once everyone has said yes.
mail-reach = How to reach each other:
mail-reach-line = { $name }: { $how }
mail-reach-none = { $name }: through your contact person
# Check-ins ($side: requester or companion; $link: the one-click answer page).
mail-check_in_asked-neighbour = { $side ->
        [companion] Is it still light enough?
       *[other] Is it still going well?
    }
    .p1 = { $side ->
        [companion] A while ago you said yes to spending time with someone from your neighbourhood. Is it still light enough, and would you like to go on? You can always stop or pause, without giving a reason.
       *[other] A while ago we put you in touch with someone from your neighbourhood. Is it still going well? We would like to hear.
    }
    .p2 = You can answer with one click: { $link }
    .p3 = You choose: go on, pause for a while, end on a good note, ask your contact person to mediate, or tell us this needs more than a neighbour. The link works once and stays valid for two weeks.
mail-check_in_reminder-neighbour = { $side ->
        [companion] A short reminder: is it still light enough?
       *[other] A short reminder: is it still going well?
    }
    .p1 = { $side ->
        [companion] Last week we asked whether it is still light enough and whether you would like to go on. Perhaps our message got lost. You can always stop or pause, without giving a reason.
       *[other] Last week we asked whether it is still going well. Perhaps our message got lost.
    }
    .p2 = You can answer with one click: { $link }
    .p3 = Would you rather talk? Your contact person will gladly give you a call.
