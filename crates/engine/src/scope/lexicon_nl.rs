//! Dutch (Flemish and Netherlands usage) cues.

use super::lexicon::*;
use super::normalise::Lang;

/// Persons and body parts that make "wassen" personal care.
const BODY: &str = "=mij|=me|mezelf|=zich|zichzelf|=hem|=haar|=haren|=rug|=voeten|lichaam|\
gezicht|moeder|vader|=man|=vrouw|partner|echtgeno*|=mama|=papa|=oma|=opa|=benen|=handen";
/// Medication as a topic; alone it is not enough (an app, the pharmacy).
const MEDS: &str = "medicat*|medicijn*|=pil|=pillen|pilletje*|geneesmiddel*|medicament*|\
oogdruppel*|=druppels|=zalf|=zalfje|=tabletten|=tabletjes|=puffer|inhalator*|=creme|=cremes";
/// Handling medication for someone: personal care.
const MED_ACTS: &str =
    "klaarzet*|klaarleg*|klaarma*|=klaar|toedien*|afgev*|=afgeven|=ingeven|ingev*|=geven|=geeft|innem*|\
=innemen|=nemen|=neemt|sorteer*|=sorteren|verdel*|uitdel*|insmer*|=smeren|indruppel*|\
=druppelen|=vullen|=gegeven|klaargezet|klaargelegd|inneem*|=neem|aanbreng*|opsmer*|=opdoen|\
=aangebracht|=dienen|=dient|=toe|=in =te =nemen|\
=klaar =te =zetten|=klaar =te =leggen|=toegediend|=ingenomen";
const ROOMS: &str = "badkamer*|keuken*|=huis|woning*|=kamer|=kamers|zolder*|living*|\
woonkamer*|appartement*|gevel*|=muren|=muur|plafond*|slaapkamer*|=trap|=hele|volledig*|\
buitenkant|kozijn*|=deuren|schuur|=gang|=inkom|garage";
const TREES: &str = "=boom|=bomen|*boom|*bomen|=eik|=beuk|=den|=dennen|=spar|=sparren|=beuken|=berken|=wilgen|=populieren|=coniferen|conifeer*|conifer*|=berk|=wilg|\
=populier|=linde|=kastanjeboom|=notelaar|=eiken";
const TREE_ACTS: &str = "=kappen|=gekapt|=kap|=kapt|=vellen|=geveld|=rooien|=gerooid|omzag*|\
=zagen|omhak*|omgezaagd|=verwijderen|=snoeien|snoei*|stronk*|=uitdoen|=weghalen|=omleggen";
const CLEAN: &str = "poets*|=kuisen|kuis*|opkuis*|schoonma*|stofzuig*|dweil*|strijk*|\
huishoud*|afstof*|=stof =afnemen|=gepoetst|=gekuist|=gestofzuigd|=gedweild|=gestreken|=geschrobd|=schrobben|\
schoongemaakt|=opgekuist";
const GARDEN: &str = "gras*|gazon*|maai*|gemaaid|gesnoeid|gewied|=afrijden|=afgereden|=haag|=hagen|=heg|=heggen|onkruid*|wied*|\
=bladeren|=harken|=snoeien|snoei*|verticut*|bemest*|=mest|=tuin|=tuinen|tuinier*|moestuin*|=struiken|\
=perken";

pub(crate) static NL: LangLexicon = LangLexicon {
    lang: Lang::Nl,
    entries: ENTRIES,
    negators: &["geen", "niet", "zonder", "nooit", "niets"],
    modals: &[
        "kan", "kun", "kunnen", "kon", "konden", "lukt", "lukken", "lukte", "mag", "durf", "durven",
        "geraak", "raak", "slaag",
    ],
    inability_after: &[
        "meer",
        "goed",
        "alleen",
        "zelf",
        "zomaar",
        "makkelijk",
        "lang",
        "financiele",
        "middelen",
        "geld",
        "kracht",
        "tijd",
        "in",
        "staat",
    ],
    inability_bridge: &["de", "het", "meer", "genoeg"],
    backward_markers: &["nodig", "hoeft", "hoef", "hoeven"],
    scope_breakers: &[
        "maar", "wel", "gewoon", "enkel", "alleen", "liever", "eerder", "want",
    ],
    skip_words: &[
        "hulp", "nodig", "bij", "met", "voor", "het", "de", "een", "mijn", "om", "aan", "echt", "zozeer",
        "zo", "per", "se", "hoeft", "vragen", "vraag", "zoek", "ik",
    ],
    neutral_heads: &[
        "app", "kop", "kamer", "stoel", "kast", "kastje", "bril", "winkel", "lamp", "tafel", "gordijn",
        "stang", "kraan", "deur", "rol", "borstel", "papier", "zeep", "gel", "lijst", "schema", "verhaal",
        "kaart", "boek", "doos", "plank", "bus", "trapje",
    ],
};

static ENTRIES: &[Entry] = &[
    // --- Personal care -------------------------------------------------------------------
    e1(CARE, 2.0, "douch*|=douche|gedoucht"),
    e1(CARE, 1.6, "=bad|=baden|=badje|wasbeurt*|lichaamsverzorg*|lichaamshyg*"),
    e2(CARE, 1.8, 5, BODY, "=wassen|=wast|=gewassen|=te =wassen"),
    e1(CARE, 0.5, "=wassen|=wast|=gewassen"),
    e2(CARE, 2.0, 1, "persoonlijke", "verzorg*|=zorg|hygiene"),
    e1(CARE, 1.0, "hygiene|*hygiene"),
    e1(CARE, 0.6, "*verzorg*"),
    e1(CARE, 1.6, "*verzorging"),
    e1(CARE, 1.4, "*zorg"),
    e1(NEUTRAL, 0.0, "=zorg|=zorgen|=zorgt|mantelzorg*|=geen =zorgen|buurtzorg*|=goede =zorg"),
    e1(CHORE, 1.7, "tuinverzorg*|plantenverzorg*|gazonverzorg*"),
    e1(SMALL, 1.7, "dierenverzorg*|huisdierverzorg*|kattenverzorg*|hondenverzorg*"),
    e1(CARE, 2.0, "aankle*|aangekleed|uitkle*|uitgekleed|=kleden|omkle*|=omgekleed|=aan =te =kleden|=uit =te =kleden"),
    e2(CARE, 1.6, 5, "=kleren|=kleding|=kousen|=sokken|=schoenen|=broek", "aantrek*|uittrek*|=aandoen|=aan =te =trekken|=aangetrokken|=aan =te =doen"),
    e1(CARE, 2.0, "steunkous*|*kousen|compressiekous*|=kous"),
    e1(CARE, 0.6, MEDS),
    e2(CARE, 1.8, 6, MEDS, MED_ACTS),
    e1(CARE, 1.6, "pillendoos*|medicijndoos*|baxter*|dosette*|medicatierol*|weekdoos*"),
    e2(ERRAND, 0.8, 5, MEDS, "apothe*|=ophalen|=halen|=afhalen|meebreng*|=brengen|bestel*|=gaan"),
    e3(TECH, 1.0, 8, "herinner*|=alarm|=wekker|=melding|=meldingen|=app|*app", "gsm*|smartphone*|telefoon*|=tablet|instel*|=instellen|=zetten", MEDS),
    e2(TECH, 0.8, 4, MEDS, "=app|*app|gsm*|smartphone*|telefoon*|=tablet|=ipad|computer*"),
    e1(CARE, 1.8, "insuline*|injectie*|inspuit*|spuitje*|=spuiten|=prik|prikje*|=prikken|bloedsuiker*|suikerspiegel"),
    e1(CARE, 2.0, "=wond|=wonde|=wonden|wondje*|wondverzorg*|wondzorg*|doorlig*|decubitus|=zwachtel*|zwachtel*"),
    e2(CARE, 1.8, 6, "verband*", "wissel*|ververs*|vervang*|=aanleggen|=leggen|verschon*|=doen|=aan|=gewisseld|=vervangen"),
    e1(CARE, 1.2, "=verband|=verbanden|verbandje*"),
    e1(NEUTRAL, 0.0, "=in =verband =met|=in =het =gips|=in =de =gips|=in =gips"),
    e1(CARE, 1.8, "verpleg*|thuisverpleg*|verpleegkund*|zorgkund*|verpleeg*"),
    e2(NEUTRAL, 0.0, 2, "=krijgt|=krijg|=krijgen|=heeft|=hebben|=komt|=komen|=al|=passeert", "verpleg*|thuisverpleg*|thuiszorg*|verpleegkund*|zorgkund*|gezinszorg*|=thuishulp"),
    e2(CARE, 1.8, 4, "=ogen|=oog", "=druppelen|=druppelt|indruppel*|druppel*"),
    e1(CARE, 1.2, "teennagel*|=ingegroeide"),
    e2(CARE, 1.6, 5, "help*|=hulp|=geholpen|breng*|=gebracht|=leggen|=legt|=tillen|=zetten|=stoppen", "=in =bed|=uit =bed|=naar =bed|=op =bed"),
    e1(CARE, 1.0, "=zuurstof|zuurstoffles*"),
    e2(CARE, 1.2, 3, "bloeddruk*|bloedsuiker*|=suiker", "=meten|=opmeten|=controleren|=prikken"),
    e1(CARE, 1.2, "thuiszorg*|gezinszorg*|zorgverlen*"),
    e1(CARE, 2.0, "incontinen*|=luier|=luiers|pamper*|inlegkruis*|=verschonen|verschoon*|=verschoond"),
    e2(CHORE, 0.6, 3, "=bed|=bedden|=lakens|beddengoed", "verschon*|verschoon*|ververs*|opmak*|=opmaakt|=opgemaakt"),
    e2(CARE, 1.8, 2, "=naar|=op|=van|=gaan|=helpen", "=toilet|=wc|=toiletten|=wcs"),
    e1(CARE, 1.8, "toiletbezoek*|toiletgang*|postoel*|plaspot*|ondersteek*|=po"),
    e2(REPAIR, 0.6, 4, "=toilet|=wc|=toiletten", "ontstop*|verstopt|=lekt|=lek|repar*|herstel*|doorspoel*|spoel*|=papier|=rol|kapot|=stuk|=loopt"),
    e1(CARE, 0.6, "=toilet|=wc|=toiletten"),
    e2(CARE, 1.8, 5, "=tanden|gebit*|kunstgebit*|prothese*", "poets*|reinig*|schoonma*|=doen|=poetsen"),
    e1(CARE, 1.2, "=scheren|=scheert|=scheer|scheerbeurt*|=baard"),
    e2(CHORE, 0.5, 3, "=haag|=hagen|=heg|=heggen|=struiken|=gras", "=scheren|=knippen|bijknip*|bijwerk*"),
    e2(CARE, 1.6, 6, "=nagels|teennagel*|=nagel|vingernagel*|=voeten|=teennagels", "=knippen|=verzorgen|=vijlen|=knipt|=geknipt"),
    e1(CARE, 1.2, "pedicure*|voetverzorg*"),
    e2(CARE, 1.2, 4, "=haar|=haren", "=kammen|=fohnen|=drogen|=borstelen|invlechten"),
    e1(CARE, 1.6, "=uit =bed|=in =en =uit =bed|=naar =bed =brengen|=naar =bed =helpen"),
    e2(CARE, 1.6, 3, "=tillen|optil*|=heffen|transfer*|=getild", BODY),
    e2(CARE, 1.6, 6, "=rolstoel|=rolwagen|=zetel|=bed|=toiletstoel", "=tillen|optil*|transfer*|overzet*|=krijgen|=overzetten|=verplaatsen"),
    e1(CARE, 1.6, "=voeden|=eten =geven|=eten =ingeven|=hapjes|sondevoed*|=ingeven"),
    e1(CARE, 1.4, "=bij =het =eten|=met =het =eten|=met =eten"),
    e1(CHORE, 0.4, "=bij =het =eten =maken|=het =eten =maken|=met =het =eten =maken|=het =eten =klaarmaken"),
    e1(CARE, 0.6, "=vork|=bestek|=lepel|=slabbetje"),
    e2(CARE, 1.2, 3, "=helpen|=hulp|=helpt", "=opstaan|=rechtstaan|=rechtkomen"),
    e1(CARE, 1.6, "mondverzorg*|mondzorg*|=adl|tillift*|=transfers"),
    e2(SMALL, 0.6, 3, "=kat|=poes|=hond|=vogels|=vissen|=dieren|huisdier*|=konijn|=kippen|=planten", "=eten =geven|=water =geven|=eten|=voeren|=water|verzorg*|=geven"),
    e2(CHORE, 0.4, 5, "=hond|=honden|=hondje", "uitla*|=uitgelaten|=wandelen|=buiten|=ommetje"),
    e1(CARE, 2.0, "stoma*|katheter*|=sonde|sonde*"),
    e1(CARE, 0.8, "bloeddruk*"),
    // --- Heavy ---------------------------------------------------------------------------
    e1(HEAVY, 2.0, "verhuis*|verhuiz*|=verhuis"),
    e1(NEUTRAL, 0.0, "=verhuisd|=verhuisde|=verhuisden"),
    e2(NEUTRAL, 0.0, 3, "=sinds|=sedert|=pas|=net|onlangs|=recent|recentelijk|=vroeger|=nieuw|=na", "verhuis*|verhuiz*|=verhuisd|verbouw*|renov*|=werken|=werkzaamheden"),
    e1(HEAVY, 2.0, "renov*|verbouw*|gerenoveerd"),
    e1(HEAVY, 0.6, "opknap*|=opgeknapt"),
    e2(HEAVY, 1.6, 6, "opknap*|=opgeknapt|vernieuw*|=herinrichten|=inrichten", ROOMS),
    e1(HEAVY, 1.6, "behang*|=behangen"),
    e1(HEAVY, 0.6, "=schilderen|=schildert|=geschilderd|herschilder*|=verven|=schilder|=verf"),
    e2(HEAVY, 1.6, 6, "=schilderen|=schildert|=geschilderd|herschilder*|=verven|=schilder|=geverfd", ROOMS),
    e1(HEAVY, 0.8, "=tegels|=tegelen|betegel*|=tegel|=tegelwerk|=plavuizen"),
    e2(HEAVY, 1.6, 5, "=tegels|=tegel|=plavuizen|=vloertegels|=muurtegels", "=leggen|=zetten|=plaatsen|=vervangen|uitbre*|=eruit|=gelegd|=gezet|=geplaatst|=afkappen"),
    e2(HEAVY, 1.6, 5, "isoleer*|isoler*|geisoleerd|isolatie*", "zolder*|=dak|=garage|=muren|=muur|spouw*|=vloer|kelder*|=huis|woning*|=zoldering"),
    e1(HEAVY, 1.2, "=isoleren|isolatie*|bevloer*|=zoldervloer|spouwmuur*"),
    e2(HEAVY, 1.6, 5, "=vloer|vloeren|=tapijt|=laminaat|=parket", "=leggen|=plaatsen|=vervangen|uitbre*|=uitbreken|=eruit|=gelegd|uitgebroken"),
    e1(HEAVY, 1.2, "laminaat*|parket*"),
    e1(HEAVY, 1.6, "=dak|=daken|dakpan*|dakgo*|dakwerk*|dakdek*|=goot|=goten|dakbedek*|=schoorsteen|=dakraam"),
    e1(HEAVY, 1.6, "=slopen|sloop*|afbre*|=afbraak|uitbre*|=uitbreken|=gesloopt|=neerhalen|afgebroken|uitgebroken|weggebroken|=neergehaald"),
    e2(HEAVY, 1.6, 6, "=muur|=muren|=wand|tussenmuur*", "uitbre*|=slopen|=bouwen|metsel*|weghal*|afbre*|=weg|uitgebroken|afgebroken|=gesloopt|=gebouwd|gemetseld"),
    e2(HEAVY, 1.6, 5, "=haard|=kachel|=schouw|=open =haard|=schoorsteen|=houtkachel", "verwijder*|=weghalen|uitbre*|=afbreken|=dichtmaken|*metsel*|=uithalen|=eruit"),
    e1(HEAVY, 1.6, "*metsel*|pleister*|stukado*|bepleister*|=beton|=chape|=cement"),
    e2(HEAVY, 2.0, 8, TREES, TREE_ACTS),
    e2(HEAVY, 1.6, 5, TREES, "=weg|=moeten =weg|=omver"),
    e2(HEAVY, 1.0, 1, "=grote|=hoge|=oude|=dikke|=zware|=enorme", TREES),
    e1(HEAVY, 1.2, "kettingzaag*|motorzaag*|boomstronk*|=boomverzorger|boomverzorging"),
    e2(HEAVY, 1.6, 4, TREES, "=om =moeten|=om =mogen|=om"),
    e1(HEAVY, 0.6, "=kappen|=vellen|=rooien|=gekapt|=geveld"),
    e1(HEAVY, 1.2, "stronk*|boomstronk*|hoogtewerk*"),
    e1(HEAVY, 1.6, "*breken|wegbre*|weggebroken|openbre*"),
    e1(NEUTRAL, 0.0, "=onderbreken|=doorbreken|=breken =met"),
    e1(HEAVY, 1.6, "breekwerk*|grondwerk*|beton*|schilderwerk*|zonnepane*|=bestelwagen|verhuiswagen*"),
    e1(HEAVY, 0.8, "=graven|=gegraven"),
    e1(HEAVY, 0.6, "=zwaar|=zware|=zwaarder|=zwaarste|sjouw*|=loodzwaar"),
    e1(HEAVY, 0.4, "meubel*|=meubels|=piano|=kasten|=kleerkast|=dressoir"),
    e2(HEAVY, 1.4, 4, "=diepvries|koelkast*|wasmachine*|=frigo|=piano|=kleerkast|=droogkast|=kasten|=dressoir|=meubels", "verplaats*|=dragen|=sleuren|=sjouwen|=boven|=beneden|=versleuren"),
    e2(HEAVY, 1.2, 1, "=grote|=zware|=massieve|=eiken|=antieke", "=kast|=kasten|=zetel|=bureau|=tafel|=dressoir|=bed|=buffetkast"),
    e3(HEAVY, 1.0, 4, "=naar =beneden|=naar =boven|=de =trap =af|=de =trap =op|=verdieping", "=dragen|=sjouwen|=sleuren|=tillen", "=kast|=kasten|=zetel|=meubels|=meubel|=bed|=diepvries|=piano"),
    e2(SMALL, 0.5, 3, "=zetel|=kast|=kastje|=tafel|=bed|=stoel|=fauteuil|=lamp|=tv|=plant", "verplaats*|verschuiv*|=verzetten|=schuiven"),
    e2(HEAVY, 1.6, 6, "zolder*|kelder*|garage*|=huis|woning*|appartement*|=schuur|berging*|=kot|=inboedel", "=leeg|leegma*|leeggema*|ontruim*|uitmest*|=uitgemest|=uitgekuist|=uitkuisen"),
    e2(HEAVY, 1.2, 3, "zolder*|kelder*|garage*|=schuur|berging*", "=opruimen|opruim*|=ruimen"),
    e2(CHORE, 0.8, 3, "=huis|=woning|=keuken|=kamer|=living|=appartement|=slaapkamer", "=opruimen|opruim*|=opgeruimd"),
    e3(HEAVY, 1.6, 8, "=nieuwe", "=huis|=woning|=appartement|=flat|=adres|=thuis|=studio|=serviceflat", "=brengen|=verhuizen|=dragen|overbreng*|=sjouwen|=overbrengen|=verplaatsen|=vervoeren"),
    e1(HEAVY, 0.6, "containerpark*|recyclagepark*|=stort|=puin|afvalcontainer*|=container|=aanhangwagen"),
    e2(HEAVY, 1.6, 4, "=tuin|vijver*|=oprit|=terras|bestrating*|klinker*|=schutting|omheining*|=afsluiting|tuinhuis*|carport*|=serre|=veranda|=tuinpad", "=aanleggen|heraanleg*|heraangelegd|omspit*|herinricht*|=herinrichten|omploeg*|=graven|uitgrav*|=bouwen|=plaatsen|=zetten|=leggen|vernieuw*|afbre*|=ontwerpen|aangelegd|heraangelegd|omgespit|omgeploegd|uitgegraven|=gebouwd|=geplaatst|=gelegd|afgebroken|=aanleg"),
    e1(HEAVY, 1.0, "omspit*|=spitten|uitgrav*|omgespit|uitgegraven|=omploegen"),
    e2(HEAVY, 1.6, 3, "inloopdouch*|=douche|douchebak*|=bad|=ligbad|=keuken|=badkamer|=toilet|=wc", "=plaatsen|=installeren|vernieuw*|=uitbreken|=vervangen|=geplaatst|=geinstalleerd|uitgebroken|=eruit|=weg|=uithalen|=verwijderen"),
    e1(HEAVY, 1.6, "ombouw*|omgebouwd|=asbest|=steiger|=stellingen|=ruwbouw|=aanbouw|=uitbouw|=alles =eruit|=alles =uitbreken"),
    e2(HEAVY, 1.2, 1, "=grote|=groot|=zware", "=klus|=karwei|=werk|=werken|=verbouwing"),
    e2(HEAVY, 1.6, 6, "=haag|=hagen|=heg|=heggen|coniferenhaag*|conifeerhaag*", "=rooien|=gerooid|uitruk*|uitgrav*|=uitgraven|=verwijderen|=weghalen|uitgetrokken|=uitdoen|=uitgedaan"),
    e2(REPAIR, 0.6, 3, "=lamp|lampje*|=peertje|gloeilamp*|=batterij|=batterijen|=zekering|=slot|=kraan|=kraantje|=stekker|=lichtschakelaar|=schakelaar|=spiegel|=rolgordijn", "vervang*|=ophangen|indraai*|repar*|herstel*|=vastzetten|=aansluiten|=opgehangen|=vervangen"),
    e2(HEAVY, 1.2, 4, "elektriciteit|bekabel*|=leidingen|ketel*|verwarming*|=ramen|=kozijnen|=buizen", "=leggen|vernieuw*|=trekken|=plaatsen|=vervangen|=installeren"),
    // --- Chores (structural with recurrence, or alone when strong) -----------------------
    e2(SMALL, 0.6, 1, "=klein|=kleine|=beetje|=licht|=lichte", "tuin*|*onderhoud*|=onderhoud|=klusje|=klusjes|=tuinwerk|=tuinwerkje|=snoeiwerk"),
    e1(CHORE, 1.0, CLEAN),
    e1(CHORE, 1.6, "poetsh*|poetsvr*|poetsdienst*|poetster*|kuisvrouw*|kuishulp*|huishoudhulp*|schoonmaakhulp*|schoonmaakster*|dienstencheque*|huishoudster*|werkster*"),
    e2(CHORE, 0.8, 5, "=ramen|venster*|=ruiten|=auto|=wagen|=vaat|=kleren|=kleding|=lakens|=gordijnen|=vloer|=vloeren|=terras|=gevel|=trap|=trappen|=badkamer|=keuken|=koelkast|=oven|=stoep|=toilet|=wc", "=wassen|=wast|poets*|=lappen|=zemen|kuis*|schoonma*|=dweilen|=gewassen|=gelapt|=gezeemd|=gepoetst|=gekuist|=doen|=doet|=gedaan"),
    e1(CHORE, 0.6, "afwas*|=vaat|vaatwas*|=strijkgoed|wasgoed|wasmand*|=de =was|=was =doen|=was =ophangen|=was =plooien"),
    e1(CHORE, 0.5, "opwarm*|=eten =brengen|=maaltijd =brengen|=maaltijden =brengen|=warm =maken"),
    e1(CHORE, 0.4, "=koken|=kookt|=kook|maaltijd*|=eten =maken|=potje|=warm =eten|=eten =klaarmaken"),
    e1(CHORE, 0.4, "boodschap*|=winkelen|inkopen|=supermarkt|=winkel|=winkels"),
    e1(CHORE, 0.5, GARDEN),
    e1(CHORE, 0.6, "*onderhoud*|=onderhouden"),
    e1(CHORE, 1.2, "tuinonderhoud*|tuinwerk*|*tuinonderhoud|tuinman*"),
    e2(CHORE, 1.2, 4, "=tuin|=tuinen|=gras|=gazon|=haag|=huis|=woning|=grasveld", "*onderhoud*|=onderhouden|=bijhouden|bijhoud*|=bijgehouden|=verzorgen|=doen"),
    e1(NEUTRAL, 0.0, "=onderhoudend|=onderhoudende"),
    e1(CHORE, 0.8, "hogedrukreinig*|=hogedruk"),
    e1(CHORE, 0.4, "=sneeuw|sneeuwruim*|sneeuwvrij*|=strooien|=zout =strooien"),
    e1(CHORE, 0.4, "vuilnis*|=afval|vuilzak*|vuilbak*|=vuilbakken|=pmd|=containers|=kliko|vuilniszak*|afvalzak*|=papier =buitenzetten"),
    e1(CHORE, 0.3, "=uitlaten|=rit|=ritje|vervoer*|=voeren|=rijden|=voert|=brengen =en =halen"),
    e2(COMPANY, 0.6, 3, "=samen", "=koken|=eten|boodschap*|=winkelen|=markt|tuinier*|=wandelen|=fietsen|=uitlaten"),
    // --- Recurrence ------------------------------------------------------------------------
    e2(RECUR, WEEKLY, 1, "=elke|=iedere|=ieder|=elk|=alle", "=week|=weken|=weekend|=weekends"),
    e2(RECUR, DAILY, 1, "=elke|=iedere|=ieder|=elk|=alle", "=dag|=dagen|=ochtend|=morgen|voormiddag|namiddag|=middag|=avond|=nacht|=ochtenden|=avonden"),
    e2(RECUR, WEEKLY, 1, "=elke|=iedere|=ieder|=elk|=alle", "maandag*|dinsdag*|woensdag*|donderdag*|vrijdag*|zaterdag*|zondag*"),
    e2(RECUR, MONTHLY, 1, "=elke|=iedere|=ieder|=elk|=alle", "=maand|=maanden"),
    e1(RECUR, WEEKLY, "=wekelijks|=wekelijkse|=maandags|=dinsdags|=woensdags|=donderdags|=vrijdags|=zaterdags|=zondags"),
    e1(RECUR, DAILY, "=dagelijks|=dagelijkse|=daags"),
    e1(RECUR, FORTNIGHT, "tweewekelijks*|=veertiendaags|=veertiendaagse"),
    e1(RECUR, MONTHLY, "maandelijks*"),
    e3(RECUR, FORTNIGHT, 3, "=om", "=de", "=week|=weken|=dag|=dagen|=maand"),
    e3(RECUR, SEVERAL, 2, "=keer|=maal|=x|=keren|=keertjes", "=per|=in|=elke", "=week"),
    e3(RECUR, DAILY, 2, "=keer|=maal|=x|=keren", "=per|=in|=elke", "=dag"),
    e2(RECUR, WEEKLY, 1, "=per", "=week"),
    e2(RECUR, DAILY, 1, "=per", "=dag"),
    e1(RECUR, WEEKLY, "=structureel|=structurele|=vaste =basis|=regelmatige =basis|=permanent|=permanente|=blijvend|=blijvende"),
    e2(RECUR, REGULAR, 1, "=vaste|=vast", "=dag|=dagen|=tijden|=momenten|=moment|=uur|=uren|=basis"),
    e1(RECUR, MONTHLY, "=vaste"),
    e1(RECUR, REGULAR, "regelmatig*|=geregeld|=voortaan|=telkens|=steeds|=altijd"),
    e2(RECUR, MONTHLY, 2, "=heel|=hele|=gans|=ganse", "=jaar|=zomer|=seizoen|=winter"),
    e2(RECUR, MONTHLY, 1, "=elke|=iedere|=ieder|=elk", "=lente|=herfst|=zomer|=winter|=seizoen|=jaar|=voorjaar|=najaar"),
    // --- One-off -----------------------------------------------------------------------------
    e1(ONCE, 0.6, "eenmalig*|=eenmaal|=keertje|=uitzonderlijk|=uitzonderlijke|=tijdelijk|=tijdelijke"),
    e2(ONCE, 0.6, 1, "=een|=1|=één|=eens", "=keer|=maal|=x"),
    e1(ONCE, 0.5, "=af =en =toe|=nu =en =dan|=soms|=occasioneel"),
    e1(ONCE, 0.3, "=eens|=even|=eventjes"),
    // --- Small help --------------------------------------------------------------------------
    e1(COMPANY, 0.5, "wandel*|=koffie|koffietje*|=tas|=thee|babbel*|=klappen|klapke*|=praten|=praat|gesprek*|gezelschap*|gezellig*|spel*|=kaarten|=kaartspel|=kapper|kapsalon*|uitstap*|=museum|=kerk|=kerkhof|begraafplaats*|=voorlezen|voorlees*|=fietstocht*|=samen|=markt|=terrasje|=cafe|=film|=concert"),
    e1(EMOTION, 0.5, "luister*|eenzaam*|eenzaamheid|verdriet*|rouw*|troost*|=steun|bezoek*|=kaartje|=kaart|=oor|=somber|=verjaardag"),
    e1(TECH, 0.6, "computer*|=pc|laptop*|=tablet|ipad*|gsm*|smartphone*|telefoon*|=app|*app|whatsapp*|e-mail*|=email|=mail|=mailen|internet*|wifi*|printer*|itsme*|videobel*|facetime*|=zoom|skype*|=online|digita*|install*|instell*|=televisie|=tv|decoder*|afstandsbedien*|=foto|=fotos|=website|=wachtwoord"),
    e1(ERRAND, 0.4, "apothe*|=dokter|huisarts*|ziekenhuis*|tandarts*|=afspraak|=postkantoor|=bank|=gemeentehuis|=meebrengen|=ophalen|=afhalen"),
    e1(REPAIR, 0.5, "=lamp|lampje*|gloeilamp*|=peertje|=peer|schilderij*|gordijn*|=kraan|stopcontact*|fietsband*|=band|=plakken|=klus|=klusje|=klusjes|repar*|herstel*|=ophangen|=vastzetten|=vastmaken|=monteren|=batterij|=batterijen|rookmelder*|=ontstoppen|=in =elkaar =zetten|=kapot|=zekering"),
    e1(SMALL, 0.4, "=papieren|formulier*|=brief|=brieven|belasting*|=administratie|=post|brievenbus*|=klein|=kleine|=kleintje|=vlug"),
    // --- What real requests need (issue 17) -------------------------------------------
    // Heavy goods and stairs: an appliance or furniture with a staircase or a floor.
    e2(HEAVY, 1.6, 8, "meubel*|=kast|=kasten|kleerkast*|=zetel|=zetels|=sofa|=canape|wasmachine*|droogkast*|koelkast*|=frigo|diepvries*|=piano|=matras|=dressoir", "=trap|=trappen|=verdieping|=verdiepingen|=etage|=naar =boven|=naar =beneden|=zonder =lift|=geen =lift|=bovenverdieping"),
    // Height and tools.
    e1(HEAVY, 1.6, "=hoge =ladder|=grote =ladder|hoogwerker*|=op =hoogte|=het =dak =op|=op =het =dak"),
    e1(HEAVY, 0.5, "=ladder|=ladders"),
    e2(HEAVY, 1.4, 4, "plafond*|=hoge =muren|=hoge =ramen|bovenram*", "=wassen|=afwassen|poets*|kuis*|=schilderen|schoonma*|reinig*"),
    e2(HEAVY, 1.6, 4, "radiator*|=cv|=cvketel|=verwarmingsketel|=boiler", "=afmonteren|=monteren|=plaatsen|=vervangen|=verplaatsen|=ophangen|=aansluiten|=weghalen"),
    e2(HEAVY, 1.6, 3, "stopcontact*|=leiding|=leidingen|elektriciteit*|=bedrading|=lichtpunt", "=aanleggen|=aangelegd|=trekken|bijplaats*|=bijzetten|=verleggen"),
    e2(HEAVY, 1.6, 5, "=struiken|=bomen|=boompjes|=boom", "=verwijderen|=rooien|=uitgraven|=weghalen"),
    e1(HEAVY, 1.2, "=professionele =kennis|vakman*|=vakmensen|=aannemer|=loodgieter|=elektricien|=dakdekker"),
    // Frequency, duration and paid roles that make help a job.
    e1(CHORE, 1.6, "nanny*|=au =pair|aupair*|oppasoma*|gastouder*|kindermeisje*|=naschoolse =opvang|=bso|glazenwasser*"),
    e1(CHORE, 1.2, "glazenwass*|=ramen =lappen"),
    e3(CHORE, 1.4, 3, "=10|=12|=15|=16|=20|=24|=25|=30|=32|=35|=36|=38|=40", "=uur|=uren", "=per =week|=in =de =week"),
    e2(NEUTRAL, 0.0, 1, "=mijn|=onze|=haar|=zijn|=hun", "poetsvrouw*|poetshulp*|kuisvrouw*|huishoudhulp*|=nanny|=au =pair|gastouder*|=glazenwasser"),
    e1(RECUR, REGULAR, "periodiek*|=terugkerend|=terugkerende"),
    e1(RECUR, DAILY, "=dag =en =nacht|=voltijds|=fulltime|=halftijds|=inwonend|=inwonende|=elke =nacht|=s =nachts"),
    e3(RECUR, MONTHLY, 2, "=keer|=maal", "=per|=in =de|=elke", "=maand"),
    // Money and paperwork as a service.
    e1(CHORE, 1.6, "schulden|schuldeiser*|schuldhulp*|deurwaarder*|betalingsachterstand*|aanmaning*|incasso*|betalingsregeling*|budgetbeheer|bewindvoer*|thuisadministratie|=achterstallige"),
    e1(CHORE, 1.0, "=ongeopende|=enveloppen|=administratie =oppakken|=administratie =op =orde"),
    e1(CHORE, 0.5, "=rekeningen|=betalingen|=financien|=uitgaven"),
    // Care verbs with their objects.
    e1(CARE, 1.8, "=oogdruppelen|=oogdruppelt|=ogen =druppelen|=indruppelen"),
    // --- Round 3 (issue 17): what the larger tuning set still missed ------------------------
    // Electrics, machines and tools: trades and danger.
    e1(HEAVY, 1.6, "elektriciteitswerk*|=elektrische =werken|=sanitaire =werken|lichtschakelaar*|=meterkast|=verdeelkast|zekeringkast*"),
    e2(HEAVY, 1.6, 5, "stopcontact*|lichtschakelaar*|=schakelaars", "repar*|herstel*|vervang*|verplaats*|=plaatsen|=leggen"),
    e1(HEAVY, 1.6, "=bosmaaier|kettingzaag*|motorzaag*|=elektrische =zaag|=steiger|=stelling|=ladderlift"),
    // Painting walls and ceilings, outside work: trades.
    e1(HEAVY, 1.6, "verfwerk*|schilderwerk*|=sausen|=gesaust|=witten|=behangwerk|behangwerk*"),
    e2(HEAVY, 1.6, 3, "=muren|=muur|=wanden|=wand", "plafond*|=sausen|=verven|=witten|=schilderen|=behangen"),
    e2(HEAVY, 1.6, 3, "kachel*|=houtkachel|=pelletkachel", "=plaatsen|=aansluiten|=vervangen|=installeren|=verplaatsen|=weghalen"),
    e2(HEAVY, 1.6, 3, "kippenren*|afdak*|tuinhuis*|=schuur|=schuurtje|=carport|=pergola|=overkapping|=omheining", "=plaatsen|=bouwen|=zetten|=afbreken|=opzetten|=timmeren"),
    e2(HEAVY, 1.6, 3, "=tuin|=voortuin|=achtertuin|voortuintje*|=tuintje", "=inrichten|=in =te =richten|=aanleggen|=aan =te =leggen|=omspitten|=herinrichten|=ophogen"),
    // Childcare as a job and paid rhythm.
    e1(CHORE, 0.6, "=naar =school =brengen|=van =school =halen|=naar =school|=van =school|kinderopvang*|=oppas|=oppassen|=opvang"),
    e1(CHORE, 0.6, "=betaald|=tegen =betaling|=verdiende|=verdient|=een =centje|=uurloon"),
    e1(RECUR, REGULAR, "=al =jaren|jarenlang|maandenlang|wekenlang|=maanden =lang|=jaren =lang"),
    // Paperwork as a service.
    e1(CHORE, 1.2, "=administratie =bijhouden|=eigen =administratie|=mijn =administratie|=vol =administratie|=in =kaart =brengen|=schoenendoos"),
    // Care verbs with their objects.
    e2(CARE, 1.6, 3, "=voeten|=benen|=rug|=huid|=handen", "inwrijv*|=inwrijven|insmer*|=insmeren|=masseren|=smeren"),
    e2(HEAVY, 1.6, 5, "=tegels|=tegel|tuintegel*|terrastegel*|=klinkers|=stoeptegels", "=verwijderen|=cementeren|=weghalen|=uithalen|=rechtleggen|=opnieuw"),
    e1(HEAVY, 1.2, "tuintegel*|terrastegel*|=cementeren"),
    e2(HEAVY, 1.6, 4, "=vloer|=vloeren|=tapijt|=laminaat|=parket", "=verwijderen|=weghalen|=eruit =halen"),
    e2(HEAVY, 1.6, 4, "=schilderen|=verven|=lakken|=olien|=beitsen", "=ramen|=deuren|=kozijnen|tuinhout*|=schutting|=hek|=tuinhek|=luiken"),
    e2(HEAVY, 1.6, 4, "=kasten|=kast|meubel*|=bed|=bedden", "=demonteren|=afbreken|=uit =elkaar =halen"),
    e1(CHORE, 1.6, "=kinderopvang =aan =huis|=oppas =aan =huis|=opvang =aan =huis"),
    // "bezorgen" (deliver), "bezorgd" (worried) are no care.
    e1(NEUTRAL, 0.0, "bezorg*|=bezorgd|=bezorgde"),
    // One evening or night out: a babysit, not a job.
    e1(ONCE, 0.8, "=een =avond|=een =avondje|=vanavond|=zaterdagavond|=vrijdagavond|=oudejaarsavond|=een =avond =weg"),
    // The rhythm and the hiring of a job advert.
    e1(RECUR, DAILY, "=van =maandag =tot =vrijdag|=op =weekdagen|=vijf =dagen =per =week|=5 =dagen =per =week"),
    e1(RECUR, REGULAR, "=parttime|=deeltijds|=deeltijdse|=vaste =dagen|=vaste =uren"),
    e1(CHORE, 0.8, "=vacature|=vacatures|=inhuren|=in =dienst|=werkgever|=solliciteren|=sollicitanten"),
];
