//! English cues.

use super::lexicon::*;
use super::normalise::Lang;

/// Persons and body parts that make "wash" personal care.
const BODY: &str = "=me|=myself|=him|=her|=hair|=back|=feet|=body|=face|=mum|=mother|=dad|\
=father|=husband|=wife|=partner|=legs|=hands|=mom";
const MEDS: &str = "medication*|=meds|medicine*|=pills|=pill|=tablets|=prescription|\
=prescriptions|=eye =drops|=eyedrops|=drops|=ointment|=inhaler|=medicines";
const MED_ACTS: &str = "=sort|=sorting|=sorted|=set =out|=give|=giving|=gives|administer*|\
=take|=taking|=prepare|=preparing|=dose|=doses|=dosing|organis*|organiz*|=apply|=applying|\
=put|=manage|=managing|=fill|=filling|=lay =out|=count";
const ROOMS: &str = "=house|=room|=rooms|=living =room|=lounge|=bedroom|=kitchen|=walls|=wall|\
=ceiling|=ceilings|=facade|=exterior|=outside|=whole|=entire|=fence|=shed|=hallway|=stairs|\
=staircase|=window =frames|=garage|=flat|=apartment|=doors|=skirting";
const TREES: &str = "=tree|=trees|=oak|=beech|=pine|=birch|=willow|=poplar|=conifer|=conifers|\
=sycamore|=ash|=chestnut|=fir|=leylandii|=cherry =tree";
const TREE_ACTS: &str = "=fell|=felling|=felled|=cut =down|=chop =down|=chopping =down|\
=cutting =down|=take =down|=taking =down|=remove|=removing|=removal|=uproot|=stump|=pollard|\
=lop|=saw|=come =down|=chop|=grind";
const CLEAN_STRONG: &str = "=housework|housekeep*|=chores|=hoover|hoover*|=vacuum|vacuum*|\
=mop|=mopping|=dusting|=ironing|=iron|=scrub|=scrubbing|=spring =clean|=deep =clean";
const GARDEN: &str = "=mow|=mowing|=mowed|=mown|=lawn|=lawns|=grass|=hedge|=hedges|=weeding|\
=weed|=weeds|=leaves|=rake|=raking|=gardening|=garden|=gardens|=prune|=pruning|=trim|=trimming|\
=borders|=flowerbeds|=allotment|=water =the =plants|=watering|scarif*|=feed =the =lawn|=fertilise|=fertilize";

pub(crate) static EN: LangLexicon = LangLexicon {
    lang: Lang::En,
    entries: ENTRIES,
    negators: &["no", "not", "without", "never", "nothing", "nor"],
    modals: &[
        "can", "could", "cannot", "able", "unable", "manage", "hard", "struggle",
    ],
    inability_after: &[
        "able", "longer", "anymore", "strong", "steady", "safely", "easily", "capable", "fit",
    ],
    inability_bridge: &["be", "been", "feel", "very"],
    backward_markers: &["needed", "necessary", "required", "wanted"],
    scope_breakers: &["but", "just", "only", "rather", "instead", "simply", "because"],
    skip_words: &[
        "a", "an", "the", "any", "help", "need", "with", "for", "my", "me", "to", "looking", "want",
        "really", "some", "do", "asking", "ask", "of", "in", "it", "is", "am", "i",
    ],
    neutral_heads: &["app"],
};

static ENTRIES: &[Entry] = &[
    // --- Personal care -------------------------------------------------------------------
    e1(CARE, 2.0, "shower"),
    e2(REPAIR, 0.6, 3, "=shower|=bath|=tub|=bathtub", "=head|=curtain|=rail|=drain|=tap|=taps|=leak|=leaking|=leaks|=fix|=repair|=blocked|=unblock|=screen|=door|=hose|=plug|=seal|=sealant|=silicone|=grout|=pump|=tray"),
    e2(HEAVY, 1.6, 4, "=shower|=bath|=bathtub|=kitchen|=bathroom|=toilet|=wet =room", "=install|=installing|=fit|=fitting|=replace|=replacing|=remodel|=renovate|=refit|=rip|=redo|=put =in|=come =out|=rip =out|=take =out|=removed|=remove|=ripped"),
    e2(HEAVY, 1.6, 4, "=convert|=converting|=conversion|=converted|=turn|=turning", "=loft|=attic|=garage|=basement|=cellar|=into =a =bedroom|=into =a =room"),
    e1(HEAVY, 1.6, "scaffold*|=asbestos|=big =job|=major =job|=major =work|=gut =the"),
    e1(CARE, 1.8, "bath|=bathe|=bathtub|=tub"),
    e2(CARE, 1.8, 2, BODY, "=wash|=washing|=washed|=washes"),
    e1(CARE, 0.5, "=wash|=washing"),
    e1(CARE, 2.0, "=dressed|=undress|=undressed|=undressing|=dressing =and =undressing|=washing =and =dressing|=wash =and =dress|=bathing =and =dressing"),
    e1(CARE, 1.0, "=dressing"),
    e1(NEUTRAL, 0.0, "=dressing =gown|=dressing =table|=dressing =up"),
    e2(CARE, 1.8, 2, "=help|=helping|=helps|=assist|=assistance", "=dress|=dressing"),
    e1(CARE, 1.8, "=dress =me|=dress =myself|=dress =him|=dress =her"),
    e2(CARE, 2.0, 3, "=dressing|=dressings|=bandage|=bandages", "=change|=changing|=changed|=wound|=leg|=ulcer|=fresh|=clean|=new|=apply|=put|=redo|=needs|=need|=needing|=foot|=arm|=heel|=sore"),
    e1(NEUTRAL, 0.0, "=salad =dressing"),
    e1(CARE, 2.0, "wound*|=ulcer|=ulcers|bedsore*|=pressure =sore|=pressure =sores|=sores|=open =sore|=leg =ulcer"),
    e2(CARE, 1.6, 3, "=clothes|=clothing|=socks|=shoes|=trousers|=coat|=tights|=pyjamas", "=put|=putting|=on|=change|=changing|=into"),
    e1(CARE, 2.0, "=compression|=support =stockings|=stockings"),
    e1(CARE, 0.6, MEDS),
    e2(CARE, 1.8, 4, MEDS, MED_ACTS),
    e1(CARE, 1.6, "=pill =box|=pillbox|=pill =organiser|=pill =organizer|=dosette|=blister =pack|=blister =packs|=dispenser"),
    e2(ERRAND, 0.8, 5, MEDS, "=pharmacy|chemist*|=pick =up|=collect|=collecting|=fetch|=get|=bring|=order|=ordering|=pickup|=drop"),
    e3(TECH, 1.0, 8, "=reminder|=reminders|=alarm|=alarms|=notification|=app", "=phone|smartphone*|=tablet|=set|=setting|=set =up|=ipad|=watch", MEDS),
    e2(TECH, 0.8, 4, MEDS, "=app|*app|=phone|smartphone*|=tablet|=ipad|=computer|=reminder|=reminders|=alarm|=alarms"),
    e1(CARE, 1.8, "insulin*|injection*|=inject|=injecting|=blood =sugar|=glucose"),
    e1(CARE, 1.8, "=nurse|=nursing|=nurses|=district =nurse"),
    e1(COMPANY, 0.5, "=nursing =home|=care =home|=retirement =home"),
    e2(NEUTRAL, 0.0, 3, "=has|=have|=gets|=get|=coming|=comes|=come|=visits|=visit|=already|=receives", "=nurse|=nurses|=district =nurse|=district =nurses|=carer|=carers|=home =care|=care =workers"),
    e1(CARE, 1.8, "=toileting|=toilet =visits"),
    e1(CARE, 1.0, "=oxygen"),
    e2(CARE, 1.8, 1, "=to =the|=go =to =the|=use =the|=on =the|=using =the|=get =to =the", "=toilet|=loo|=bathroom|=commode|=lavatory"),
    e2(CARE, 1.6, 2, "=toilet|=loo|=commode", "=help|=helping|=assist|=visits|=trips|=going"),
    e2(REPAIR, 0.6, 4, "=toilet|=loo", "=fix|=repair|=blocked|=unblock|=leak|=leaking|=seat|=flush|=cistern|=roll|=rolls|=paper|=broken|=running|=look"),
    e1(CARE, 0.6, "=toilet|=loo|=commode"),
    e1(CARE, 2.0, "incontinen*|=pads|=nappies|=nappy|=diapers|=diaper|=continence"),
    e1(CARE, 1.2, "shave|=beard"),
    e2(CARE, 1.6, 3, "toenail*|=nails|=nail|=fingernails|=feet", "=cut|=cutting|=trim|=trimming|=clip|=clipping|=file|=care"),
    e1(CARE, 1.6, "toenail*|=chiropody|=podiatry"),
    e2(CARE, 1.8, 3, "=teeth|=dentures|=denture", "=brush|=brushing|=clean|=cleaning"),
    e2(CARE, 1.2, 2, "=hair", "=comb|=combing|=brush|=brushing|=dry|=drying|=blow"),
    e1(CARE, 1.6, "=out =of =bed|=into =bed|=in =and =out =of =bed|=bed =at =night|=to =bed"),
    e2(CARE, 1.6, 2, "=lift|=lifting|=hoist|=hoisting|=transfer|=transferring", BODY),
    e1(CARE, 1.6, "=feed =me|=spoon =feed|=spoonfeed|=feed =him|=feed =her|=help =me =eat|=help =him =eat|=help =her =eat"),
    e2(CARE, 1.6, 2, "=feed|=feeding|=fed", BODY),
    e1(CARE, 1.6, "=daily =wash|=morning =wash|=strip =wash|=bed =wash|=my =wash|=a =wash =down"),
    e2(CARE, 1.6, 3, "=mother|=father|=mum|=dad|=husband|=wife|=he|=she|=him|=her|=partner", "=needs =changing|=need =changing|=be =changed|=changing =at =night"),
    e1(CARE, 0.6, "=fork|=cutlery|=spoon|=bib"),
    e2(CARE, 1.2, 2, "=help|=helping|=assist", "=get =up|=getting =up|=stand =up|=standing =up"),
    e2(CARE, 1.4, 3, "=cream|=lotion|=ointment", "=apply|=applying|=put|=rub|=legs|=back|=skin|=feet"),
    e2(SMALL, 0.6, 3, "=cat|=dog|=cats|=dogs|=birds|=fish|=pets|=pet|=rabbit|=chickens|=plants|=tortoise", "=feed|=feeding|=water|=watering|=look =after|=sit|=sitting"),
    e1(CARE, 2.0, "stoma*|=catheter|colostomy|=peg =feed"),
    e2(CARE, 2.0, 1, "=personal|=intimate", "=care|=hygiene"),
    e1(CARE, 1.6, "=wound =care|=foot =care|=night =care|=nail =care|=skin =care|=mouth =care|=oral =care|=home =care|=nursing =care|=palliative =care|=catheter =care|=stoma =care|=eye =care|=continence =care|=bedside =care"),
    e1(CARE, 1.0, "hygiene"),
    e1(CARE, 0.8, "=blood =pressure"),
    e1(CARE, 1.2, "=carer|=care =worker|=caregiver|=home =care|=homecare"),
    // --- Heavy ---------------------------------------------------------------------------
    e2(HEAVY, 2.0, 3, "=move|=moving|=removal|=removals|=movers|=relocate|=relocating|=relocation", "=house|=home|=flat|=apartment|=out|=in|=into|=boxes|=van|=truck|=lorry|=abroad|=bungalow|=place|=day|=care =home|=nursing =home"),
    e1(HEAVY, 1.0, "=move|=moving|=removals|=movers|=relocate|=relocating|=relocation"),
    e2(NEUTRAL, 0.0, 2, "=just|=recently|=newly|=since|=already|=have|=ve|=had|=when|=after", "=moved|=move|=moving|=builders|renovat*|=building =work|=works|=decorators"),
    e2(NEUTRAL, 0.0, 1, "=move|=moving", "=around|=about|=freely|=well|=easily|=much|=my =arm|=my =legs"),
    e1(NEUTRAL, 0.0, "=moved"),
    e2(SMALL, 0.5, 3, "=move|=moving|=shift|=push", "=sofa|=couch|=chair|=chairs|=table|=bed|=desk|=lamp|=plant|=plants|=tv|=television|=rug|=mattress|=armchair|=bookcase|=cabinet|=sideboard"),
    e2(HEAVY, 1.4, 4, "=move|=moving|=carry|=carrying|=lift|=lifting|=shift|=haul|=get|=take", "=piano|=wardrobe|=fridge|=freezer|=furniture|=heavy|=washing =machine|=dresser|=cupboards"),
    e1(HEAVY, 0.6, "=heavy|=heavier|=heaviest|=lugging|=lug"),
    e1(HEAVY, 0.4, "=furniture|=wardrobe|=piano|=boxes"),
    e2(HEAVY, 1.0, 3, "=pack|=packing|=unpack|=unpacking", "=boxes|=house|=belongings|=everything|=things|=home"),
    e1(HEAVY, 2.0, "renovat*|refurbish*|remodel*|rebuild*|=building =work|=building =works|=construction|=extension|=loft =conversion|=builders"),
    e2(HEAVY, 2.0, 8, TREES, TREE_ACTS),
    e2(HEAVY, 1.0, 1, "=big|=large|=tall|=huge|=old|=massive|=overgrown", TREES),
    e1(HEAVY, 1.2, "=tree =surgeon|=stump|=stumps|=felling|=chainsaw"),
    e1(HEAVY, 1.6, "roof*|reroof*|=re =roof|=gutter|=gutters|=chimney|=slates"),
    e1(HEAVY, 2.0, "demolish*|demolition|knock =down|=tear =down|=tear =out|=torn =out|=torn =down|rip =out|pull =down|knock =through|=take =out =the =fireplace"),
    e2(HEAVY, 1.6, 4, "=fireplace|=chimney =breast|=hearth|=stove|=boiler", "=remove|=removed|=removing|rip|=out|=replace|=replaced"),
    e3(HEAVY, 1.6, 8, "=new", "=flat|=house|=home|=apartment|=place|=address|=bungalow", "=move|=moving|=take|=taking|=bring|=bringing|=carry|=carrying|=transport|=get|=shift"),
    e2(HEAVY, 1.6, 5, "=wall|=walls", "=build|=building|=knock|=remove|=demolish|=plaster|=render|=rebuild|=take =down|=taking =down|=break =down|=pull =down|=removing|=knocked"),
    e1(HEAVY, 1.6, "wallpaper*"),
    e2(REPAIR, 0.6, 3, "=hang|=hanging|=put =up", "=painting|=paintings|=picture|=pictures|=mirror|=shelf|=shelves|=clock|=curtains|=frame|=photo|=photos"),
    e1(HEAVY, 0.6, "=paint|=repaint|=decorate"),
    e1(HEAVY, 1.0, "=painting|=repainting|=decorating|redecorat*"),
    e2(HEAVY, 1.6, 5, "=paint|=painting|=repaint|=repainting|=decorate|=decorating|redecorat*", ROOMS),
    e1(HEAVY, 0.8, "=tiles|=tiling|=tile|=retile"),
    e2(HEAVY, 1.6, 4, "=tiles|=tile|=tiling", "=lay|=laying|=fit|=fitting|=replace|=replacing|=new|=retile|=put =up|=grout|=regrout|=floor|=floors|=wall|=walls|=bathroom|=kitchen|=hallway"),
    e2(HEAVY, 1.6, 3, "=floor|=floors|=flooring|=laminate|=carpet|=carpets|=floorboards|=lino", "=lay|=laying|=install|=fit|=fitting|=replace|=rip|=ripping|=sand|=sanding|=new|=up"),
    e1(HEAVY, 0.8, "=plaster"),
    e1(NEUTRAL, 0.0, "=in =plaster|=in =a =cast|=plaster =cast"),
    e1(HEAVY, 1.6, "=plastering|=plaster =the|=re =plaster|=replaster|=rendering|=bricklaying|=brickwork|=concrete|=cement|=screed|insulat*|=board =the =loft|=boarding"),
    e2(HEAVY, 1.6, 5, "=garage|=loft|=attic|=basement|=cellar|=shed|=house|=flat|=home|=apartment|=bungalow", "=clear =out|=clearing =out|=clear|=clearing|=empty|=emptying|=declutter|=decluttering|=gut|=clearance|=emptied|=cleared"),
    e1(HEAVY, 0.6, "=skip|=the =tip|=rubble|=dump|=recycling =centre|=recycling =center|=trailer"),
    e2(HEAVY, 1.6, 4, "=patio|=driveway|=paving|=pond|=fence|=fencing|=decking|=shed|=greenhouse|=conservatory", "=build|=building|=lay|=laying|=dig|=digging|=install|=erect|=replace|=demolish|=put =up|=take =down|=pave|=new"),
    e2(HEAVY, 1.6, 3, "=garden|=gardens|=back =garden|=front =garden", "=redo|=re =do|=redesign|=overhaul|=relandscape|=remodel|=dig =up|=rebuild|=transform|=make =over|=makeover"),
    e2(HEAVY, 1.6, 4, "=hedge|=hedges|=hedgerow", "=remove|=removing|rip =out|=dig =out|=take =out|=grub =out|=uproot|=removed"),
    e1(HEAVY, 1.2, "landscap*|=dig =up|=dig =out|=digging =up|excavat*|=redesign =the =garden"),
    e2(HEAVY, 1.2, 3, "=electrics|=wiring|=plumbing|=pipes|=boiler|=radiators|=central =heating|=windows|=window =frames", "=install|=replace|=new|=fit|=redo|=lay"),
    e1(HEAVY, 1.6, "=rewire|=rewiring|=double =glazing"),
    e1(HEAVY, 1.6, "=block =paving|=paving|=relay|=re =lay|=solar =panels|=repaper|=re =paper|=heavy =lifting|=groundwork|=groundworks"),
    e2(HEAVY, 1.2, 1, "=big|=large|=heavy|=huge|=massive|=solid", "=wardrobe|=cupboard|=sofa|=couch|=dresser|=sideboard|=bookcase|=desk|=furniture|=table"),
    // --- Chores --------------------------------------------------------------------------
    e2(SMALL, 0.6, 1, "=light|=little|=small|=bit =of|=quick", "=gardening|=garden|=garden =tidy|=tidy|=tidying|=jobs|=clean|=weeding|=tidy =up"),
    e1(CHORE, 1.0, CLEAN_STRONG),
    e1(CHORE, 0.8, "clean*|=tidy|=tidying|=tidy =up"),
    e1(CHORE, 1.6, "=cleaner|=cleaning =lady|=housekeeper|=cleaning =service|=domestic =help|=home =help|=char|=household =help"),
    e2(CHORE, 0.8, 3, "=windows|=car|=dishes|=clothes|=floors|=floor|=curtains|=sheets|=bedding|=kitchen|=bathroom|=oven|=fridge|=carpets|=stairs|=steps|=patio", "=wash|=washing|=clean|=cleaning|=scrub|=wipe|=do"),
    e1(CHORE, 0.6, "laundry|=the =washing|=washing =up|=dishes|=bed =linen|=change =the =sheets|=make =the =bed"),
    e1(CHORE, 0.4, "=cook|=cooking|=cooked|=meals|=meal|=cook =for =me"),
    e2(CHORE, 0.5, 3, "=make|=making|=cook|=cooking|=prepare|=preparing|=fix|=get", "=dinner|=dinners|=lunch|=lunches|=breakfast|=supper|=food|=tea"),
    e1(CHORE, 0.4, "=shopping|=groceries|=grocery|=supermarket"),
    e1(CHORE, 0.5, GARDEN),
    e1(CHORE, 1.2, "=garden =maintenance|=gardener|=upkeep|=groundskeeping"),
    e2(CHORE, 1.2, 4, "=garden|=lawn|=hedges|=house|=grounds|=yard", "=maintenance|=maintain|=maintaining|=upkeep|=keep =on =top|=keep =tidy|=look =after|=looking =after|=keep =up"),
    e1(CHORE, 0.8, "pressurewash*|=pressure =wash|=pressure =washing|=jet =wash|powerwash*|=power =wash"),
    e1(CHORE, 0.4, "=snow|=gritting|=grit"),
    e1(CHORE, 0.4, "=bins|=bin|=rubbish|=trash|=garbage|=recycling"),
    e1(CHORE, 0.3, "=lift|=ride|=drive|=driving|=taxi|=transport|=take =me|=run =me|=dog =walking"),
    e2(CHORE, 0.4, 4, "=walk|=walking|=walks|=take|=exercise", "=dog|=dogs|=puppy"),
    e2(COMPANY, 0.6, 4, "=together|=with =me|=join =me", "=cook|=cooking|=meal|=meals|=shopping|=market|=gardening|=walk|=lunch|=dinner"),
    // --- Recurrence ------------------------------------------------------------------------
    e2(RECUR, WEEKLY, 1, "=every|=each", "=week|=weekend|=weekends|=monday|=tuesday|=wednesday|=thursday|=friday|=saturday|=sunday"),
    e2(RECUR, DAILY, 1, "=every|=each", "=day|=morning|=evening|=night|=afternoon|=lunchtime|=bedtime"),
    e2(RECUR, FORTNIGHT, 1, "=every =other|=every =two|=every =second|=every|=each", "=week|=weeks|=fortnight|=day|=days"),
    e2(RECUR, MONTHLY, 1, "=every|=each", "=month"),
    e1(RECUR, WEEKLY, "=weekly|=mondays|=tuesdays|=wednesdays|=thursdays|=fridays|=saturdays|=sundays"),
    e1(RECUR, DAILY, "=daily|=nightly|=everyday"),
    e1(RECUR, FORTNIGHT, "=fortnightly|=biweekly"),
    e1(RECUR, MONTHLY, "=monthly"),
    e3(RECUR, SEVERAL, 2, "=twice|=thrice|=times", "=a|=per|=each|=every", "=week"),
    e3(RECUR, WEEKLY, 2, "=once", "=a|=per|=each|=every", "=week"),
    e3(RECUR, DAILY, 2, "=once|=twice|=times", "=a|=per|=each|=every", "=day"),
    e3(RECUR, MONTHLY, 2, "=once|=twice|=times", "=a|=per|=each|=every", "=month"),
    e2(RECUR, WEEKLY, 1, "=per|=hours =a|=hour =a|=days =a", "=week"),
    e1(RECUR, REGULAR, "=at =weekends|=on =weekends|=weekends"),
    e1(RECUR, REGULAR, "regular*|=ongoing|=permanent|=permanently|=long =term|=longterm|=always|=all =the =time|=routinely|=constantly|=structural"),
    e2(RECUR, MONTHLY, 1, "=every|=each", "=spring|=autumn|=summer|=winter|=season|=year|=fall"),
    e1(RECUR, MONTHLY, "=all =year|=year =round|=all =summer|=whole =summer|=every =summer|=during =the =summer"),
    // --- One-off -----------------------------------------------------------------------------
    e1(ONCE, 0.6, "=once|=one =off|=oneoff|=one =time|=onetime|=just =once|=single =time"),
    e1(ONCE, 0.5, "=occasional|=occasionally|=now =and =then|=now =and =again|=from =time =to =time|=sometimes|=temporary|=temporarily|=once =in =a =while"),
    // --- Small help --------------------------------------------------------------------------
    e1(COMPANY, 0.5, "walk*|=stroll|=coffee|=tea|=cuppa|=chat|=chatting|=talk|=talking|=company|=companionship|=game|=games|=cards|=scrabble|=chess|=bingo|=market|=museum|=church|=cemetery|=library|=read|=reading|=newspaper|=together|=outing|=trip|=park|=hairdresser|=barber|=cinema|=film|=concert|=knitting|=puzzle|=show =me =around|=friend"),
    e1(EMOTION, 0.5, "listen*|=lonely|=loneliness|=isolated|=sad|=grief|=grieving|=bereaved|=visit|=visits|=visiting|=card|=support|=low|=anxious|=comfort|=friendly|=birthday|=getwell|=get =well|=passed =away|=widow|=widowed|=widower"),
    e1(TECH, 0.6, "computer*|=pc|=laptop|=tablet|=ipad|=phone|smartphone*|=mobile|=app|=apps|*app|whatsapp|=email|=emails|=e =mail|=internet|=wifi|=printer|=online|=digital|=video =call|=videocall|=facetime|=zoom|=skype|=set =up|=setup|=install|=installing|=tv|=television|=remote|=photos|=website|=password|=kindle"),
    e1(ERRAND, 0.4, "=pharmacy|chemist*|=doctor|=gp|=hospital|=dentist|=appointment|=post =office|=bank|=pick =up|=collect|=parcel"),
    e1(REPAIR, 0.5, "=light =bulb|=lightbulb|=bulb|=lamp|=shelf|=shelves|=curtain|=curtains|=tap|=dripping|=socket|=puncture|=tyre|=bike|=bicycle|=fix|=fixing|=repair|=odd =job|=odd =jobs|=diy|=assemble|=flat =pack|=flatpack|=battery|=batteries|=smoke =alarm|=fuse|=hinge|=cupboard|=blind|=blinds|=loose|=squeaky"),
    e1(SMALL, 0.4, "=form|=forms|=paperwork|=letter|=letters|=tax|=council|=small|=little|=quick|=quickly|=choose|=choosing|=pick =out"),
    // --- What real requests need (issue 17) -------------------------------------------
    // Heavy goods and stairs.
    e2(HEAVY, 1.6, 14, "=couch|=sofa|=piano|=washing =machine|=washer|=dryer|=fridge|=freezer|=wardrobe|=furniture|=armoire|=dresser|=mattress|=bookcase", "=stairs|=stairway|=staircase|=upstairs|=downstairs|=flights|=flight =of =stairs|=storey|=third =floor|=second =floor|=top =floor|=no =lift|=no =elevator|=elevator|=balcony|=pulley|=hoist"),
    // Height and tools.
    e1(HEAVY, 1.6, "=chain =saw|=up =a =ladder|=on =a =ladder|=tall =ladder|=extension =ladder|=at =height|=climb =the =tree|=climber|=cherry =picker|=scissor =lift|=on =the =roof"),
    e1(HEAVY, 0.5, "=ladder|=ladders"),
    e2(HEAVY, 2.0, 8, "=maple|=maples|=elm|=yew|=spruce|=cedar|=walnut|=sycamores|=oaks|=limb|=limbs", "=come =down|=fell|=felled|=remove|=removing|=cut|=cutting|=damaged|=dead"),
    e1(HEAVY, 1.2, "=painter|=decorator|=painters|=decorators|=plasterer|=electrician|=roofer|=handyman =business|=overhaul =of =the =decor|=the =ceilings|=all =the =ceilings"),
    // Frequency, duration and paid roles that make help a job.
    e1(CHORE, 1.6, "=nanny|=au =pair|=aupair|=childminder|=livein|=live =in =carer|=live =in =care|=live =in =help|=cleaning =lady|=hire =a =cleaning"),
    e1(RECUR, DAILY, "=full =time|=fulltime"),
    e2(NEUTRAL, 0.0, 1, "=my|=our|=her|=his|=their", "=cleaner|=carer|=carers|=nanny|=au =pair|=cleaning =lady|=childminder"),
    e1(RECUR, DAILY, "=every =night|=overnight|=around =the =clock|=round =the =clock|=24 =hours|=all =aspects =of =her =care|=all =aspects =of =his =care"),
    // Money and paperwork as a service.
    e1(CHORE, 1.6, "=debt|=debts|=creditors|=bailiff|=bailiffs|=arrears|=final =demand|=final =demands|=debt =collectors|=budgeting|=power =of =attorney"),
    e1(CHORE, 0.8, "=bills|=unpaid|=overdue"),
    // Care verbs with their objects.
    e1(CARE, 1.8, "=medication =management|=manage =medication|=medication =is =taken|=administering =medication|=ensuring =medication"),
    e2(CARE, 0.8, 6, "=operation|=surgery|=hip|=knee|=stroke", "=walk|=walking|=mobility|=exercises"),
    e1(CARE, 0.8, "=mobility"),
    // --- Round 3 (issue 17): what the larger tuning set still missed ------------------------
    // Heavy goods up or down flights of stairs; an oven or a couch carried.
    e1(HEAVY, 1.2, "=flights =of =stairs|=flight =of =stairs|=four =flights|=three =flights|=two =flights|=five =flights|=4 =flights|=3 =flights"),
    e2(HEAVY, 1.4, 4, "=carry|=carrying|=get|=getting|=lift|=lifting|=haul|=hauling|=drag", "=oven|=cooker|=couch|=sofa|=range|=safe|=freezer|=washer|=dryer"),
    // Electrics: a fuse box, sockets and switches to add or move.
    e1(HEAVY, 1.6, "=fuse =box|=fusebox|=consumer =unit|=fuse =board|=light =switches|=electrical =work|=electrical =works|=electrical =wiring"),
    e2(HEAVY, 1.6, 3, "=socket|=sockets|=outlet|=outlets|=switches", "=new|=move|=moving|=add|=adding|=install|=installing|=extra|=wire|=rewire|=replace|=replacing"),
    // A tree that is dead, damaged or threatening: felling.
    e2(HEAVY, 1.6, 4, "=tree|=trees", "=decaying|=dead|=dying|=damaged|=rotten|=rotting|=leaning|=threatening|=fallen|=uprooted|=storm"),
    // Transfers and handling a client's body: personal care.
    e1(CARE, 1.8, "=transferring|=transfers|=bed =to =chair|=from =bed|=out =of =the =wheelchair|=into =the =wheelchair|=hoist"),
    e2(CARE, 1.8, 6, "=client|=clients|=patient|=patients|=service =users|=service =user|=residents", "=lifting|=positioning|=turning|=transferring|=bathing|=dressing|=toileting|=feeding|=washing"),
    // Recurrence and duration that make a chore a job.
    e3(RECUR, FORTNIGHT, 2, "=once|=twice", "=a|=per|=each|=every", "=fortnight"),
    e2(RECUR, REGULAR, 2, "=for|=over|=during", "=weeks|=months|=years"),
    // Childcare as a job: the school run and care after school (a chore; a job with a rhythm).
    e1(CHORE, 0.6, "=school =run|=school =runs|=school =drop =off|=school =pick =up|=school =pickup|=after =school|=childcare|=child =care|=babysitting|=babysitter|=babysit"),
    // Paid: money for the hours makes a rhythm a job.
    e1(CHORE, 0.6, "=paid|=wage|=wages|=hourly|=salary|=pay =rate"),
    // One evening or night out: a babysit, not a job.
    e1(ONCE, 0.8, "=one =evening|=an =evening|=tonight|=this =evening|=saturday =night|=friday =night|=new =years =eve|=date =night|=night =out"),
    // The rhythm and the hiring of a job advert.
    e1(RECUR, DAILY, "=monday =to =friday|=mon =to =fri|=weekdays|=five =days =a =week|=5 =days =a =week|=six =days =a =week"),
    e1(RECUR, REGULAR, "=part =time|=parttime|=shifts|=rota"),
    e1(CHORE, 0.8, "=hire|=hiring|=employ|=employing|=employer|=recruit|=recruiting|=vacancy|=vacancies"),
];
