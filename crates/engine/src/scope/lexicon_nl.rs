//! Dutch (Flemish and Netherlands usage) cues.

use super::lexicon::*;
use super::normalise::Lang;

/// Persons and body parts that make "wassen" personal care.
const BODY: &str = "=mij|=me|mezelf|=zich|zichzelf|=hem|=haar|=haren|=rug|=voeten|lichaam|\
gezicht|moeder|vader|=man|=vrouw|partner|echtgeno*|=mama|=papa|=oma|=opa|=benen|=handen";
/// Medication as a topic; alone it is not enough (an app, the pharmacy).
const MEDS: &str = "medicat*|medicijn*|=pil|=pillen|pilletje*|geneesmiddel*|medicament*|\
oogdruppel*|=druppels|=zalf|=zalfje|=tabletten|=tabletjes|=puffer";
/// Handling medication for someone: personal care.
const MED_ACTS: &str = "klaarzet*|klaarleg*|klaarma*|=klaar|toedien*|=geven|=geeft|innem*|\
=innemen|=nemen|=neemt|sorteer*|=sorteren|verdel*|uitdel*|insmer*|=smeren|indruppel*|\
=druppelen|=vullen|=gegeven|klaargezet|klaargelegd";
const ROOMS: &str = "badkamer*|keuken*|=huis|woning*|=kamer|=kamers|zolder*|living*|\
woonkamer*|appartement*|gevel*|=muren|=muur|plafond*|slaapkamer*|=trap|=hele|volledig*|\
buitenkant|kozijn*|=deuren|schuur|=gang|=inkom|garage";
const TREES: &str = "=boom|=bomen|*boom|=eik|=beuk|=den|=spar|conifeer*|conifer*|=berk|=wilg|\
=populier|=linde|=kastanjeboom|=notelaar|=eiken";
const TREE_ACTS: &str = "=kappen|=gekapt|=kap|=kapt|=vellen|=geveld|=rooien|=gerooid|omzag*|\
=zagen|omhak*|omgezaagd|=verwijderen|=snoeien|snoei*|stronk*|=uitdoen|=weghalen|=omleggen";
const CLEAN: &str = "poets*|=kuisen|kuis*|opkuis*|schoonma*|stofzuig*|dweil*|strijk*|\
huishoud*|afstof*|=stof|ramen*|vensters|=ruiten";
const GARDEN: &str = "gras*|gazon*|maai*|gemaaid|=haag|=hagen|=heg|=heggen|onkruid*|wied*|\
=bladeren|=harken|=snoeien|snoei*|=tuin|=tuinen|tuinier*|tuinwerk*|moestuin*|=struiken|\
=perken|bijeen";

pub(crate) static NL: LangLexicon = LangLexicon {
    lang: Lang::Nl,
    entries: ENTRIES,
    negators: &["geen", "niet", "zonder", "nooit", "hoeft", "niets"],
    modals: &[
        "kan", "kun", "kunnen", "kon", "konden", "lukt", "lukken", "lukte", "mag", "durf",
        "durven", "geraak", "raak", "slaag", "meer", "zelf", "alleen", "wil",
    ],
    inability_after: &["meer", "goed", "alleen", "zelf", "zomaar", "makkelijk", "lang"],
    backward_markers: &["nodig", "hoeft", "hoef", "hoeven", "nodig."],
    scope_breakers: &["maar", "wel", "gewoon", "enkel", "alleen", "liever", "eerder", "want"],
    skip_words: &[
        "hulp", "nodig", "bij", "met", "voor", "het", "de", "een", "mijn", "om", "aan", "echt",
        "zozeer", "zo", "per", "se", "meer", "hoeft", "vragen", "vraag", "zoek", "ik",
    ],
    neutral_heads: &[
        "app", "kop", "kamer", "stoel", "kast", "kastje", "bril", "winkel", "lamp", "tafel",
        "gordijn", "stang", "kraan", "deur", "rol", "borstel", "bak", "papier", "zeep", "gel",
        "lijst", "schema", "verhaal", "kaart", "boek", "doos", "plank", "bus",
    ],
};

static ENTRIES: &[Entry] = &[
    // --- Personal care -------------------------------------------------------------------
    e1(CARE, 2.0, "douch*|=douche|gedoucht"),
    e1(CARE, 1.6, "=bad|=baden|=badje|wasbeurt*|lichaamsverzorg*|lichaamshyg*"),
    e2(CARE, 1.8, 3, BODY, "=wassen|=wast|=gewassen|=wassen."),
    e1(CARE, 0.5, "=wassen|=wast|=gewassen|=verzorgen|=verzorgd"),
    e2(CARE, 2.0, 1, "persoonlijke", "verzorg*|=zorg|hygiene"),
    e1(CARE, 1.0, "hygiene|*hygiene"),
    e1(CARE, 0.6, "*verzorg*"),
    e1(CARE, 2.0, "aankle*|aangekleed|uitkle*|uitgekleed|=kleden|omkle*|=omgekleed"),
    e2(CARE, 1.6, 3, "=kleren|=kleding|=kousen|=sokken|=schoenen|=broek", "aantrek*|uittrek*|=aandoen"),
    e1(CARE, 2.0, "steunkous*|*kousen|compressiekous*|=kous"),
    e1(CARE, 0.6, MEDS),
    e2(CARE, 1.8, 4, MEDS, MED_ACTS),
    e1(CARE, 1.6, "pillendoos*|medicijndoos*|baxter*|dosette*|medicatierol*|weekdoos*"),
    e2(ERRAND, 0.8, 5, MEDS, "apothe*|=ophalen|=halen|=afhalen|meebreng*|=brengen|bestel*|=gaan"),
    e2(TECH, 0.8, 4, MEDS, "=app|*app|gsm*|smartphone*|telefoon*|=tablet|=ipad|computer*"),
    e1(CARE, 1.8, "insuline*|injectie*|inspuit*|spuitje*|=spuiten|=prik|prikje*|=prikken|bloedsuiker*|suikerspiegel"),
    e1(CARE, 2.0, "=wond|=wonde|=wonden|wondverzorg*|wondzorg*|doorlig*|decubitus|=zwachtel*|zwachtel*"),
    e2(CARE, 1.8, 3, "verband*", "wissel*|ververs*|vervang*|=aanleggen|=leggen|verschon*|=doen|=aan"),
    e3(NEUTRAL, 0.0, 1, "=in", "=verband", "=met"),
    e1(CARE, 1.8, "verpleg*|thuisverpleg*|verpleegkund*|zorgkund*|verpleeg*"),
    e1(CARE, 1.2, "thuiszorg*|gezinszorg*|zorgverlen*"),
    e1(CARE, 2.0, "incontinen*|=luier|=luiers|pamper*|inlegkruis*|=verschonen|verschoon*|=verschoond"),
    e2(CHORE, 0.6, 3, "=bed|=bedden|=lakens|beddengoed", "=verschonen|=verversen|=opmaken"),
    e2(CARE, 1.8, 2, "=naar|=op|=van|=gaan|=helpen", "=toilet|=wc|=wc-|=toiletten|=wcs|=po"),
    e1(CARE, 1.8, "toiletbezoek*|toiletgang*|postoel*|plaspot*|ondersteek*|=po"),
    e2(REPAIR, 0.6, 4, "=toilet|=wc|=toiletten", "ontstop*|verstopt|=lekt|=lek|repar*|herstel*|*bril|doorspoel*|spoel*|=papier|=rol|kapot|=stuk|=loopt"),
    e1(CARE, 0.6, "=toilet|=wc|=toiletten"),
    e2(CARE, 1.8, 3, "=tanden|gebit*|kunstgebit*|prothese*", "poets*|reinig*|schoonma*|=doen|=poetsen"),
    e1(CARE, 1.2, "=scheren|=scheert|=scheer|scheerbeurt*|=baard"),
    e2(CHORE, 0.5, 3, "=haag|=hagen|=heg|=heggen|=struiken|=gras", "=scheren|=knippen|bijknip*|bijwerk*"),
    e2(CARE, 1.6, 3, "=nagels|teennagel*|=nagel|vingernagel*|=voeten|=teennagels", "=knippen|=verzorgen|=vijlen|=knipt"),
    e1(CARE, 1.2, "pedicure*|voetverzorg*"),
    e2(CARE, 1.2, 2, "=haar|=haren", "=kammen|=fohnen|=drogen|=borstelen|invlechten"),
    e1(CARE, 1.6, "=uit =bed|=in =en =uit =bed|=naar =bed =brengen|=naar =bed =helpen"),
    e2(CARE, 1.6, 3, "=tillen|optil*|=heffen|transfer*|=getild", BODY),
    e2(CARE, 1.6, 3, "=rolstoel", "=tillen|optil*|transfer*|=in|=uit"),
    e1(CARE, 1.6, "=voeden|=eten =geven|=eten =ingeven|=hapjes|sondevoed*|=ingeven"),
    e2(SMALL, 0.6, 3, "=kat|=poes|=hond|=vogels|=vissen|=dieren|huisdier*|=konijn|=kippen|=planten", "=eten|=voeren|=water|verzorg*|=geven|=uitlaten"),
    e1(CARE, 2.0, "stoma*|katheter*|=sonde|sonde*"),
    e1(CARE, 0.8, "bloeddruk*"),
    // --- Heavy ---------------------------------------------------------------------------
    e1(HEAVY, 2.0, "verhuis*|verhuiz*|=verhuis"),
    e1(NEUTRAL, 0.0, "=verhuisd|=verhuisde|=verhuisden"),
    e2(NEUTRAL, 0.0, 3, "=sinds|=sedert|=pas|=net|onlangs|=recent|recentelijk|=vroeger|=nieuw", "verhuis*|verhuiz*|=verhuisd"),
    e1(HEAVY, 2.0, "renov*|verbouw*|gerenoveerd"),
    e1(HEAVY, 0.6, "opknap*|=opgeknapt"),
    e2(HEAVY, 1.6, 4, "opknap*|=opgeknapt|vernieuw*|=herinrichten|=inrichten", ROOMS),
    e1(HEAVY, 1.6, "behang*|=behangen"),
    e1(HEAVY, 0.6, "=schilderen|=schildert|=geschilderd|herschilder*|=verven|=schilder|=verf"),
    e2(HEAVY, 1.6, 4, "=schilderen|=schildert|=geschilderd|herschilder*|=verven|=schilder", ROOMS),
    e1(HEAVY, 1.2, "=tegels|=tegelen|betegel*|=tegel|=tegelwerk|=plavuizen"),
    e2(HEAVY, 1.6, 3, "=vloer|vloeren|=tapijt|=laminaat|=parket", "=leggen|=plaatsen|=vervangen|uitbre*|=uitbreken|=eruit"),
    e1(HEAVY, 1.2, "laminaat*|parket*"),
    e1(HEAVY, 1.6, "=dak|=daken|dakpan*|dakgo*|dakwerk*|dakdek*|=goot|=goten|dakbedek*|=schoorsteen|=dakraam"),
    e1(HEAVY, 1.6, "=slopen|sloop*|afbre*|=afbraak|uitbre*|=uitbreken|=gesloopt|=neerhalen"),
    e2(HEAVY, 1.6, 4, "=muur|=muren|=wand|tussenmuur*", "uitbre*|=slopen|=bouwen|metsel*|weghal*|afbre*|=weg"),
    e1(HEAVY, 1.6, "metsel*|pleister*|stukado*|bepleister*|=beton|=chape|=cement|=isoleren|isolatie*"),
    e2(HEAVY, 2.0, 7, TREES, TREE_ACTS),
    e1(HEAVY, 0.6, "=kappen|=vellen|=rooien|=gekapt|=geveld"),
    e1(HEAVY, 1.2, "stronk*|boomstronk*|hoogtewerk*"),
    e1(HEAVY, 0.6, "=zwaar|=zware|=zwaarder|=zwaarste|sjouw*|=loodzwaar"),
    e1(HEAVY, 0.4, "meubel*|=meubels|=piano|=kasten|=kleerkast|=dressoir"),
    e2(HEAVY, 1.4, 4, "=diepvries|koelkast*|wasmachine*|=frigo|=piano|=kleerkast|=droogkast|=kasten|=dressoir|=meubels|=zetel", "verplaats*|=dragen|=sleuren|=sjouwen|=boven|=beneden|=versleuren|=naar"),
    e2(HEAVY, 1.6, 4, "zolder*|kelder*|garage*|=huis|woning*|appartement*|=schuur|berging*|=kot|=inboedel", "=leeg|leegma*|leeggema*|ontruim*|uitmest*|=opruimen|=ruimen"),
    e1(HEAVY, 0.6, "containerpark*|recyclagepark*|=stort|=puin|afvalcontainer*|=container|=aanhangwagen"),
    e2(HEAVY, 1.6, 4, "=tuin|vijver*|=oprit|=terras|bestrating*|klinker*|=schutting|omheining*|=afsluiting|tuinhuis*|carport*|=serre|=veranda|=tuinpad", "=aanleggen|omspit*|herinricht*|=herinrichten|omploeg*|=graven|uitgrav*|=bouwen|=plaatsen|=zetten|=leggen|vernieuw*|afbre*|=ontwerpen"),
    e1(HEAVY, 1.0, "omspit*|=spitten|uitgrav*"),
    e2(HEAVY, 1.6, 3, "inloopdouch*|=douche|douchebak*|=bad|=ligbad|=keuken|=badkamer", "=plaatsen|=installeren|vernieuw*|=uitbreken|=vervangen|=steken|=zetten"),
    e2(HEAVY, 1.2, 4, "elektriciteit|bekabel*|=leidingen|ketel*|verwarming*|=ramen|=kozijnen|=buizen", "=leggen|vernieuw*|=trekken|=plaatsen|=vervangen|=installeren"),
    // --- Chores (structural with recurrence, or alone when strong) -----------------------
    e1(CHORE, 1.0, CLEAN),
    e1(CHORE, 1.6, "poetsh*|poetsvr*|poetsdienst*|poetster*|kuisvrouw*|kuishulp*|huishoudhulp*|schoonmaakhulp*|schoonmaakster*|dienstencheque*|huishoudster*|werkster*"),
    e2(CHORE, 0.8, 4, "=ramen|venster*|=ruiten|=auto|=wagen|=vaat|=kleren|=kleding|=lakens|=gordijnen|=vloer|=vloeren|=terras|=gevel", "=wassen|=wast|poets*|=lappen|=zemen|kuis*|schoonma*|=dweilen"),
    e1(CHORE, 0.6, "afwas*|=vaat|vaatwas*|=strijkgoed|wasgoed|wasmand*|=de =was|=was =doen|=was =ophangen|=was =plooien"),
    e1(CHORE, 0.4, "=koken|=kookt|=kook|maaltijd*|=eten =maken|=potje|=warm =eten|=eten =klaarmaken"),
    e1(CHORE, 0.3, "boodschap*|=winkelen|inkopen|=supermarkt|=winkel|=winkels|=markt"),
    e1(CHORE, 0.5, GARDEN),
    e1(CHORE, 1.0, "*onderhoud*|=onderhouden|=bijhouden|=bijhoudt|=bijgehouden"),
    e1(NEUTRAL, 0.0, "=onderhoudend|=onderhoudende"),
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
    e2(RECUR, WEEKLY, 1, "=per|=in =de", "=week"),
    e2(RECUR, DAILY, 1, "=per|=in =de", "=dag"),
    e1(RECUR, WEEKLY, "=structureel|=structurele|=vaste =basis|=regelmatige =basis|=permanent|=permanente|=blijvend|=blijvende"),
    e1(RECUR, REGULAR, "regelmatig*|=geregeld|=voortaan|=telkens|=steeds|=altijd"),
    e2(RECUR, MONTHLY, 2, "=heel|=hele|=gans|=ganse", "=jaar|=zomer|=seizoen|=winter"),
    // --- One-off -----------------------------------------------------------------------------
    e1(ONCE, 0.6, "eenmalig*|=eenmaal|=keertje|=uitzonderlijk|=uitzonderlijke|=tijdelijk|=tijdelijke|=eenmaking"),
    e2(ONCE, 0.6, 1, "=een|=1|=eén|=een|=enkel|=eens", "=keer|=maal|=x"),
    e1(ONCE, 0.5, "=af =en =toe|=nu =en =dan|=soms|=occasioneel|=eens|=even"),
    // --- Small help --------------------------------------------------------------------------
    e1(COMPANY, 0.5, "wandel*|=koffie|koffietje*|=tas|=thee|babbel*|=klappen|klapke*|=praten|=praat|gesprek*|gezelschap*|gezellig*|spel*|=kaarten|=kaartspel|=kapper|kapsalon*|uitstap*|=museum|=kerk|=kerkhof|begraafplaats*|=voorlezen|voorlees*|=fietstocht*|=samen|=markt|=terrasje|=cafe|=film|=concert"),
    e1(EMOTION, 0.5, "luister*|eenzaam*|eenzaamheid|verdriet*|rouw*|troost*|=steun|bezoek*|=kaartje|=kaart|=oor|=bang|=somber|=alleen|=praten|=verjaardag"),
    e1(TECH, 0.6, "computer*|=pc|laptop*|=tablet|ipad*|gsm*|smartphone*|telefoon*|=app|*app|whatsapp*|e-mail*|=email|=mail|=mailen|internet*|wifi*|printer*|itsme*|videobel*|facetime*|=zoom|skype*|=online|digita*|install*|instell*|=televisie|=tv|decoder*|afstandsbedien*|=foto|=fotos|=website|=wachtwoord"),
    e1(ERRAND, 0.4, "apothe*|=dokter|huisarts*|ziekenhuis*|tandarts*|=afspraak|=postkantoor|=bank|=gemeentehuis|=meebrengen|=ophalen|=afhalen"),
    e1(REPAIR, 0.5, "=lamp|lampje*|gloeilamp*|=peertje|=peer|schilderij*|gordijn*|=kraan|stopcontact*|fietsband*|=band|=plakken|=klus|=klusje|=klusjes|repar*|herstel*|=ophangen|=vastzetten|=vastmaken|=monteren|=batterij|=batterijen|rookmelder*|=ontstoppen|=in =elkaar =zetten|=kapot|=zekering"),
    e1(SMALL, 0.4, "=papieren|formulier*|=brief|=brieven|belasting*|=administratie|=post|brievenbus*|=klein|=kleine|=kleintje|=vlug"),
];
