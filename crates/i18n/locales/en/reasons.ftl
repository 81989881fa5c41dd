# Reasons of a candidate and of a group suggestion (en). See nl/reasons.ftl.

reason-nearby = lives right nearby
reason-distance-m = { $m } m away
reason-distance-km = { $km } km away
reason-tag-helps = { $tag_helps }
reason-tag-likes = { $tag_likes }
reason-known = you already know each other from an earlier match
reason-few-chances = has had few chances to help yet
reason-free = is free at the requested time
reason-free-partly = is free at some of the requested times
reason-availability-unknown = availability not asked yet: ask when it suits
reason-load = has helped often lately; we take care not to ask too much

reason-group-same = { $n } neighbours ask for the same: { $tag_label }
reason-group-span = live within { $m } m of each other
reason-group-free = all free on { reason-day } { reason-day-part }

reason-day = { $day ->
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
    [sun] Sunday
   *[mon] Monday
}
reason-day-part = { $part ->
    [morning] morning
    [afternoon] afternoon
   *[evening] evening
}

# The decimal mark of a number with decimals ("1.2 km").
reason-decimal-mark = .
