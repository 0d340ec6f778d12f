"""Demo content of the network core, as data: themes, member areas, organisations, people,
the home and About pages, and the demo accounts.

Only literals here; ``network.demo`` loads them. Other apps' demo content refers to areas and
themes by the slugs below and to people by name, so every list is written once. Names of
people, addresses and phone numbers are invented; websites and email addresses use the reserved
``.example`` top-level domain.
"""

DEMO_PASSWORD = "network-demo"
SITE_NAME = "Centre Network"
ORGANISERS_GROUP = "Organisers"

# --------------------------------------------------------------------------------------------
# Themes: slug, name, description, Dutch and Danish search terms
# --------------------------------------------------------------------------------------------

THEMES = [
    ("vacancy", "Vacancy",
     "Empty shop units and what centres do about them: pop-up and start-up schemes, talking "
     "to owners who live far away, turning ground floors into housing or workspace, and "
     "drawing a smaller, stronger core shopping area.",
     "leegstand, leegstandsaanpak, transformatie, tomme butikker, tomme lokaler"),
    ("branding", "Branding",
     "The story a centre tells about itself and how it tells it: a shared identity, city "
     "marketing, visitor campaigns and the look of the streets.",
     "branding, citymarketing, profilering, bybranding, markedsføring af bymidten"),
    ("undermining", "Undermining",
     "When organised crime mixes into legal business: shops that launder money, straw-man "
     "owners, intimidation. How to recognise the signals and work with police and the "
     "municipality without putting honest entrepreneurs at risk.",
     "ondermijning, witwassen, stromannen, hvidvask, organiseret kriminalitet"),
    ("public-space", "Public space",
     "Streets, squares, trees, benches, lighting and play: the floor of the centre that "
     "everyone shares, and how its design and upkeep keep people there longer.",
     "openbare ruimte, inrichting, vergroening, byrum, byliv"),
    ("mobility", "Mobility",
     "How people and goods reach the centre: parking, cycling, public transport, deliveries "
     "and the car-free hours of a shopping street.",
     "mobiliteit, bereikbaarheid, parkeren, bevoorrading, mobilitet, parkering, varelevering"),
    ("financing", "Financing and entrepreneurs' funds",
     "Paying for the centre's work for more than a year at a time: entrepreneurs' funds, "
     "business improvement districts, support polls, matching money from the municipality.",
     "ondernemersfonds, bedrijveninvesteringszone, BIZ, draagvlakmeting, financiering, "
     "finansiering, BID"),
    ("governance", "Organisation and governance",
     "Who decides and who pays: the golden triangle of municipality, entrepreneurs and "
     "property owners, foundations and boards, mandates and the centre manager's role.",
     "centrummanagement, binnenstadsmanagement, gouden driehoek, samenwerking, "
     "bymidteudvikling, citymanagement, partnerskab"),
    ("digitalisation", "Digitalisation",
     "Footfall counts and other data, the centre's online presence, shared platforms for "
     "local shops and the skills entrepreneurs need to use them.",
     "digitalisering, data, passantentelling, online zichtbaarheid, digitalisering, "
     "e-handel, kundetælling"),
    ("events", "Events and promotion",
     "Markets, festivals, late-night shopping and seasonal campaigns: what draws visitors, "
     "what it costs and who organises it.",
     "evenementen, promotie, activiteiten, events, arrangementer, byfester"),
    ("safety", "Safety",
     "Feeling safe in the centre by day and by night: lighting, camera surveillance, "
     "shoplifting, nightlife agreements and cooperation with the police.",
     "veiligheid, winkelcriminaliteit, keurmerk veilig ondernemen, tryghed, sikkerhed"),
]

# The themes' names and descriptions in Dutch and Danish (network.localized), by slug: the
# words of /work/shared/GLOSSARY.md, so that a Dutch member reads "Leegstand" where an English
# one reads "Vacancy".
THEME_TRANSLATIONS = {
    "vacancy": dict(
        name_nl="Leegstand",
        name_da="Tomme butikker",
        description_nl=(
            "Lege winkelpanden en wat centra eraan doen: pop-up- en starterregelingen, in gesprek "
            "met eigenaren die ver weg wonen, begane gronden ombouwen tot woningen of werkruimte, "
            "en een kleiner, sterker kernwinkelgebied afbakenen."),
        description_da=(
            "Tomme butikslokaler og hvad bymidterne gør ved dem: pop-up- og "
            "iværksætterordninger, dialog med ejere, der bor langt væk, stueetager, der bliver "
            "til boliger eller arbejdspladser, og en mindre, stærkere butikskerne."),
    ),
    "branding": dict(
        name_nl="Branding en citymarketing",
        name_da="Bybranding",
        description_nl=(
            "Het verhaal dat een centrum over zichzelf vertelt en hoe het dat doet: een gedeelde "
            "identiteit, citymarketing, campagnes voor bezoekers en de uitstraling van de straten."),
        description_da=(
            "Den fortælling, en bymidte har om sig selv, og måden den fortæller den på: en fælles "
            "identitet, bymarkedsføring, kampagner for besøgende og gadernes udtryk."),
    ),
    "undermining": dict(
        name_nl="Ondermijning",
        name_da="Kriminel infiltration",
        description_nl=(
            "Als georganiseerde misdaad zich mengt in legale bedrijvigheid: winkels die geld "
            "witwassen, stromannen als eigenaar, intimidatie. Hoe je de signalen herkent en "
            "samenwerkt met politie en gemeente zonder eerlijke ondernemers in gevaar te brengen."),
        description_da=(
            "Når organiseret kriminalitet blander sig i lovlig forretning: butikker, der "
            "hvidvasker penge, stråmænd som ejere, intimidering. Sådan genkender man tegnene og "
            "samarbejder med politi og kommune uden at bringe hæderlige erhvervsdrivende i fare."),
    ),
    "public-space": dict(
        name_nl="Openbare ruimte",
        name_da="Byrum",
        description_nl=(
            "Straten, pleinen, bomen, bankjes, verlichting en speelplekken: de vloer van het "
            "centrum die iedereen deelt, en hoe inrichting en onderhoud mensen langer laten blijven."),
        description_da=(
            "Gader, pladser, træer, bænke, belysning og legepladser: bymidtens fælles gulv, og "
            "hvordan indretning og vedligehold får folk til at blive længere."),
    ),
    "mobility": dict(
        name_nl="Mobiliteit",
        name_da="Mobilitet",
        description_nl=(
            "Hoe mensen en goederen het centrum bereiken: parkeren, fietsen, openbaar vervoer, "
            "bevoorrading en de autovrije uren van een winkelstraat."),
        description_da=(
            "Hvordan mennesker og varer kommer til bymidten: parkering, cykling, kollektiv "
            "trafik, varelevering og en handelsgades bilfrie timer."),
    ),
    "financing": dict(
        name_nl="Financiering en ondernemersfondsen",
        name_da="Finansiering og fælles fonde",
        description_nl=(
            "Het werk voor het centrum voor meer dan een jaar tegelijk betalen: "
            "ondernemersfondsen, bedrijveninvesteringszones (BIZ), draagvlakmetingen en "
            "cofinanciering door de gemeente."),
        description_da=(
            "At betale for arbejdet i bymidten for mere end et år ad gangen: fælles fonde for "
            "de erhvervsdrivende, BID-ordninger, afstemninger om opbakning og medfinansiering "
            "fra kommunen."),
    ),
    "governance": dict(
        name_nl="Organisatie en bestuur",
        name_da="Organisering og styring",
        description_nl=(
            "Wie beslist en wie betaalt: de gouden driehoek van gemeente, ondernemers en "
            "vastgoedeigenaren, stichtingen en besturen, mandaten en de rol van de "
            "centrummanager."),
        description_da=(
            "Hvem beslutter, og hvem betaler: samarbejdet mellem kommune, erhvervsdrivende og "
            "ejendomsejere, foreninger og bestyrelser, mandater og citychefens rolle."),
    ),
    "digitalisation": dict(
        name_nl="Digitalisering",
        name_da="Digitalisering",
        description_nl=(
            "Passantentellingen en andere data, de online zichtbaarheid van het centrum, "
            "gezamenlijke platforms voor lokale winkels en de vaardigheden die ondernemers nodig "
            "hebben om ze te gebruiken."),
        description_da=(
            "Kundetællinger og andre data, bymidtens synlighed på nettet, fælles platforme for "
            "de lokale butikker og de færdigheder, de erhvervsdrivende skal have for at bruge dem."),
    ),
    "events": dict(
        name_nl="Evenementen en promotie",
        name_da="Arrangementer og markedsføring",
        description_nl=(
            "Markten, festivals, koopavonden en seizoenscampagnes: wat bezoekers trekt, wat het "
            "kost en wie het organiseert."),
        description_da=(
            "Markeder, festivaler, aftenåbent og sæsonkampagner: hvad der trækker besøgende til, "
            "hvad det koster, og hvem der står for det."),
    ),
    "safety": dict(
        name_nl="Veiligheid",
        name_da="Tryghed og sikkerhed",
        description_nl=(
            "Je veilig voelen in het centrum, overdag en 's avonds: verlichting, cameratoezicht, "
            "winkeldiefstal, afspraken over het uitgaansleven en samenwerking met de politie."),
        description_da=(
            "At føle sig tryg i bymidten, både dag og aften: belysning, kameraovervågning, "
            "butikstyveri, aftaler om nattelivet og samarbejde med politiet."),
    ),
}

# --------------------------------------------------------------------------------------------
# Member areas
# --------------------------------------------------------------------------------------------
# The population band is that of the town or district the centre serves, not of the whole
# municipality (so Ebeltoft counts as a small town, Valby as a district of 50,000–100,000).
# name_nl / name_da: the display name in Dutch and Danish ("Binnenstad Vlaardingen",
# "Vlaardingen bymidte"); blank where people say the English name in that language too (a Dutch
# member speaks of "Køge", everyone of "Zwart Janstraat"), which is then shown. Each profile is
# also written in the area's own language (profile_nl / profile_da); elsewhere the English one shows.

AREAS = [
    dict(
        slug="vlaardingen", name="Vlaardingen city centre", municipality="Vlaardingen",
        name_nl="Binnenstad Vlaardingen", name_da="Vlaardingen bymidte",
        country="NL", region="Zuid-Holland", kind="city_centre", population_band="50k-100k",
        latitude="51.91250", longitude="4.34170", website="https://binnenstad-vlaardingen.example",
        member_since=2021, membership_status="active", organisation_model="foundation",
        profile=(
            "An old herring port on the Nieuwe Maas, with a compact centre around the Markt "
            "and the harbour. Shopping streets that were busy in the 1990s now have more "
            "empty units than the town would like, while the quays and their restaurants do "
            "well. Vlaardingen is building a centre organisation "
            "in which the municipality, entrepreneurs and property owners do not just talk "
            "but commit money and people, and it chose to start with the parties that want "
            "to take part rather than wait for everybody. A property owners' association is "
            "being set up so that owners have one voice at the table. Current work: a joint "
            "approach to vacancy, shared promotion and the look and feel of the streets."
        ),
        profile_nl=(
            "Een oude haringhaven aan de Nieuwe Maas, met een compact centrum rond de Markt en de "
            "haven. Winkelstraten die in de jaren negentig druk waren, hebben nu meer leegstand "
            "dan de stad lief is, terwijl de kades met hun restaurants het goed doen. Vlaardingen "
            "bouwt aan een centrumorganisatie waarin gemeente, ondernemers en vastgoedeigenaren "
            "niet alleen praten maar ook geld en mensen inzetten, en koos ervoor te beginnen met "
            "de partijen die mee willen doen in plaats van op iedereen te wachten. Er wordt een "
            "vereniging van vastgoedeigenaren opgericht, zodat de eigenaren met één stem aan "
            "tafel zitten. Nu in uitvoering: een gezamenlijke aanpak van leegstand, gezamenlijke "
            "promotie en de uitstraling van de straten."
        ),
    ),
    dict(
        slug="schiedam", name="Schiedam centre", municipality="Schiedam",
        name_nl="Centrum Schiedam", name_da="Schiedam bymidte",
        country="NL", region="Zuid-Holland", kind="city_centre", population_band="50k-100k",
        latitude="51.91700", longitude="4.39900", website="https://centrum-schiedam.example",
        member_since=2022, membership_status="active", organisation_model="fund",
        profile=(
            "Canals, tall windmills and the old gin distilleries give Schiedam's centre a "
            "character few towns of its size can match, yet it lives in the shadow of "
            "Rotterdam next door. The long Hoogstraat is the main shopping street; its ends "
            "have lost shops while the middle holds up. An entrepreneurs' fund, financed by "
            "a levy that businesses agreed to in a support poll, pays for events, lighting "
            "and the centre manager. The centre is working on making the distillery heritage "
            "part of a visit, on a tighter core shopping area, and together with the "
            "municipality on spotting businesses that seem to be a front for something else."
        ),
        profile_nl=(
            "Grachten, hoge molens en de oude jeneverbranderijen geven het centrum van Schiedam "
            "een karakter waaraan weinig steden van die omvang tippen, maar de stad leeft in de "
            "schaduw van buurstad Rotterdam. De lange Hoogstraat is de belangrijkste "
            "winkelstraat; aan de uiteinden zijn winkels verdwenen, het midden houdt stand. Een "
            "ondernemersfonds, betaald uit een heffing waarmee de ondernemers in een "
            "draagvlakmeting instemden, financiert evenementen, verlichting en de centrummanager. "
            "Het centrum werkt eraan het erfgoed van de branderijen onderdeel van een bezoek te "
            "maken, aan een compacter kernwinkelgebied, en samen met de gemeente aan het "
            "herkennen van bedrijven die een dekmantel lijken voor iets anders."
        ),
    ),
    dict(
        slug="den-bosch", name="'s-Hertogenbosch city centre", municipality="'s-Hertogenbosch",
        name_nl="Binnenstad 's-Hertogenbosch", name_da="'s-Hertogenbosch bymidte",
        country="NL", region="Noord-Brabant", kind="city_centre", population_band="100k-250k",
        latitude="51.68860", longitude="5.30370", website="https://binnenstad-denbosch.example",
        member_since=2019, membership_status="active", organisation_model="foundation",
        profile=(
            "A walled medieval city with the Sint-Jan cathedral, covered canals under the "
            "houses and a lively market square. It draws shoppers and day visitors from a "
            "wide area and regularly scores among the best-liked Dutch city centres. The "
            "challenges come with that success: delivery vans in narrow streets, tension "
            "between visitors and the people who live in the centre, and rents that push out "
            "independent shops. A foundation run jointly by the municipality, entrepreneurs "
            "and property owners employs the centre manager. Current work: a zero-emission "
            "delivery scheme, a plan for the streets just outside the core, and keeping the "
            "mix of shops local."
        ),
        profile_nl=(
            "Een ommuurde middeleeuwse stad met de Sint-Jan, overkluisde grachten onder de huizen "
            "en een levendige Markt. De binnenstad trekt winkelend publiek en dagjesmensen uit "
            "een wijde omtrek en staat geregeld bij de populairste binnensteden van Nederland. De "
            "uitdagingen komen met dat succes: bestelbusjes in smalle straten, spanning tussen "
            "bezoekers en binnenstadsbewoners, en huren die zelfstandige winkels verdrijven. Een "
            "stichting van gemeente, ondernemers en vastgoedeigenaren samen heeft de "
            "centrummanager in dienst. Nu in uitvoering: emissievrije bevoorrading, een plan voor "
            "de straten net buiten de kern, en een winkelaanbod dat lokaal blijft."
        ),
    ),
    dict(
        slug="deventer", name="Deventer city centre", municipality="Deventer",
        name_nl="Binnenstad Deventer", name_da="Deventer bymidte",
        country="NL", region="Overijssel", kind="city_centre", population_band="100k-250k",
        latitude="52.25500", longitude="6.16000", website="https://centrum-deventer.example",
        member_since=2020, membership_status="active", organisation_model="fund",
        profile=(
            "A Hanseatic town on the IJssel whose Brink square and old streets fill up for a "
            "book market in summer and a Dickens festival before Christmas. Those events put "
            "Deventer on the national map, and the question is how to turn a few crowded "
            "days into visits the rest of the year. The centre has a business improvement "
            "district: a levy on business premises, backed by a support poll, funds a small "
            "team and a yearly plan. The team now works on a calendar of smaller events, a "
            "shared loyalty scheme, and helping owners of empty units in the streets towards "
            "the station find tenants who fit."
        ),
        profile_nl=(
            "Een Hanzestad aan de IJssel, waar de Brink en de oude straten volstromen voor de "
            "boekenmarkt in de zomer en het Dickens Festijn voor Kerstmis. Die evenementen zetten "
            "Deventer landelijk op de kaart; de vraag is hoe een paar drukke dagen uitgroeien tot "
            "bezoek in de rest van het jaar. Het centrum heeft een bedrijveninvesteringszone: een "
            "heffing op bedrijfspanden, gesteund door een draagvlakmeting, betaalt een klein team "
            "en een jaarplan. Het team werkt nu aan een agenda van kleinere evenementen, een "
            "gezamenlijk spaarprogramma voor klanten, en helpt eigenaren van lege panden in de "
            "straten richting het station aan huurders die passen."
        ),
    ),
    dict(
        slug="amersfoort", name="Amersfoort city centre", municipality="Amersfoort",
        name_nl="Binnenstad Amersfoort", name_da="Amersfoort bymidte",
        country="NL", region="Utrecht", kind="city_centre", population_band="100k-250k",
        latitude="52.15610", longitude="5.38780", website="https://binnenstad-amersfoort.example",
        member_since=2023, membership_status="active", organisation_model="city_manager",
        profile=(
            "A well-kept medieval core inside a ring of canals, with the Koppelpoort water "
            "gate and the tall Onze Lieve Vrouwetoren, in a city that keeps growing. New "
            "neighbourhoods on the edge have their own shopping centres, so the old centre has "
            "to offer more than shops: culture, food, a place to meet. The municipality "
            "employs a city manager who works with the entrepreneurs' association and the "
            "larger property owners. Amersfoort joined the network to learn how others fund "
            "their centre organisation. It is working on footfall counting at six points, a "
            "better walking route from the station, and a shared agenda with the cultural "
            "institutions."
        ),
        profile_nl=(
            "Een goed bewaarde middeleeuwse kern binnen een ring van grachten, met de Koppelpoort "
            "en de hoge Onze Lieve Vrouwetoren, in een stad die blijft groeien. Nieuwe wijken aan "
            "de rand hebben hun eigen winkelcentra, dus de oude binnenstad moet meer bieden dan "
            "winkels: cultuur, eten en drinken, een plek om elkaar te ontmoeten. De gemeente "
            "heeft een binnenstadsmanager in dienst die samenwerkt met de ondernemersvereniging "
            "en de grotere vastgoedeigenaren. Amersfoort sloot zich bij het netwerk aan om te "
            "leren hoe anderen hun centrumorganisatie financieren. De stad werkt aan "
            "passantentellingen op zes punten, een betere looproute vanaf het station en een "
            "gezamenlijke agenda met de culturele instellingen."
        ),
    ),
    dict(
        slug="leeuwarden", name="Leeuwarden city centre", municipality="Leeuwarden",
        name_nl="Binnenstad Leeuwarden", name_da="Leeuwarden bymidte",
        country="NL", region="Fryslân", kind="city_centre", population_band="100k-250k",
        latitude="53.20120", longitude="5.79990", website="https://binnenstad-leeuwarden.example",
        member_since=2018, membership_status="active", organisation_model="foundation",
        profile=(
            "The capital of Fryslân and the shopping city for much of the north of the "
            "country, with canals, the leaning Oldehove tower and a strong cultural life that "
            "grew during its year as European Capital of Culture. The main streets are in good "
            "shape, but the streets around them have lost shops faster than the city "
            "expected. A centre foundation with seats for the municipality, entrepreneurs and "
            "owners leads the work. Leeuwarden is one of the network's longest-standing "
            "members and is now focusing on turning empty upper floors and side-street units "
            "into homes, and on greener squares."
        ),
        profile_nl=(
            "De hoofdstad van Fryslân en de winkelstad voor een groot deel van het noorden, met "
            "grachten, de scheve Oldehove en een sterk cultureel leven dat groeide in het jaar "
            "als Culturele Hoofdstad van Europa. De hoofdstraten zijn in goede staat, maar in de "
            "straten eromheen verdwenen winkels sneller dan de stad had verwacht. Een "
            "binnenstadsstichting met zetels voor gemeente, ondernemers en eigenaren leidt het "
            "werk. Leeuwarden is een van de langstzittende leden van het netwerk en richt zich nu "
            "op het ombouwen van lege bovenverdiepingen en panden in zijstraten tot woningen, en "
            "op groenere pleinen."
        ),
    ),
    dict(
        slug="rotterdam-zwart-janstraat", name="Zwart Janstraat", municipality="Rotterdam",
        name_nl="", name_da="",
        country="NL", region="Zuid-Holland", kind="shopping_street", population_band="50k-100k",
        latitude="51.93350", longitude="4.47700", website="https://zwartjanstraat.example",
        member_since=2024, membership_status="active", organisation_model="fund",
        profile=(
            "A busy neighbourhood shopping street in Rotterdam-Noord with more than a hundred "
            "small businesses: grocers, bakers, tailors, phone shops and cafés run by people "
            "from all over the world. There are hardly any chain stores and the street is "
            "used by the people who live around it every day. Its business improvement "
            "district pays for a street manager, extra cleaning and festive lighting. The "
            "street joined the network because of a worry it shares with other city streets: "
            "businesses that open, stay empty of customers and still pay the rent. Current "
            "work: clean and safe agreements with the municipality, a facade programme and "
            "better bike parking."
        ),
        profile_nl=(
            "Een drukke buurtwinkelstraat in Rotterdam-Noord met meer dan honderd kleine "
            "ondernemingen: groentewinkels, bakkers, kleermakers, telefoonwinkels en cafés van "
            "mensen van over de hele wereld. Ketens zijn er nauwelijks en de straat wordt elke "
            "dag gebruikt door de mensen die eromheen wonen. De bedrijveninvesteringszone betaalt "
            "een straatmanager, extra schoonmaak en feestverlichting. De straat sloot zich bij "
            "het netwerk aan vanwege een zorg die ze met andere stadsstraten deelt: zaken die "
            "opengaan, geen klanten trekken en toch de huur betalen. Nu in uitvoering: afspraken "
            "over schoon en veilig met de gemeente, een gevelprogramma en betere "
            "fietsparkeerplekken."
        ),
    ),
    dict(
        slug="boxtel", name="Boxtel centre", municipality="Boxtel",
        name_nl="Centrum Boxtel", name_da="Boxtel bymidte",
        country="NL", region="Noord-Brabant", kind="village_centre", population_band="25k-50k",
        latitude="51.59080", longitude="5.32900", website="https://centrum-boxtel.example",
        member_since=None, membership_status="prospect", organisation_model="association",
        profile=(
            "A small Brabant town between 's-Hertogenbosch and Eindhoven, with a main street, a "
            "market square by the church and a railway station that brings commuters but few "
            "shoppers. Most shopkeepers know each other through the entrepreneurs' "
            "association, which organises the fair and the Christmas market on volunteer time. "
            "The association and the municipality want to move to a more professional set-up "
            "with a paid centre manager and perhaps an entrepreneurs' fund, and Boxtel is "
            "taking part in a working group on setting up centre management before deciding "
            "whether to join the network as a full member."
        ),
        profile_nl=(
            "Een kleine Brabantse gemeente tussen 's-Hertogenbosch en Eindhoven, met een "
            "hoofdstraat, een marktplein bij de kerk en een station dat forensen brengt maar "
            "weinig winkelend publiek. De meeste winkeliers kennen elkaar via de "
            "ondernemersvereniging, die de kermis en de kerstmarkt in vrijwilligerstijd "
            "organiseert. De vereniging en de gemeente willen naar een professionelere opzet met "
            "een betaalde centrummanager en misschien een ondernemersfonds, en Boxtel neemt deel "
            "aan een werkgroep over het opzetten van centrummanagement voordat het besluit of het "
            "volwaardig lid van het netwerk wordt."
        ),
    ),
    dict(
        slug="valby", name="Valby", municipality="Copenhagen",
        name_nl="", name_da="",
        country="DK", region="Region Hovedstaden", kind="district_centre",
        population_band="50k-100k",
        latitude="55.66170", longitude="12.51600", website="https://valby-handel.example",
        member_since=2020, membership_status="active", organisation_model="quarter_manager",
        profile=(
            "A district of Copenhagen with its own high street, Valby Langgade, a shopping "
            "centre and a station, and the feel of a town inside the city. Trade along the "
            "street has to compete with the centre of Copenhagen and with the mall, and no "
            "single party was responsible for the whole. Valby is trying out a quarter "
            "manager, a model borrowed from Hamburg: one person who builds a partnership of "
            "the local committee, the trade associations, landlords of shop premises and the "
            "shopping centre, and organises events and joint projects with them. The pilot is "
            "funded by the municipality's business service with local partners; if it works, "
            "the model may spread to other districts of Copenhagen."
        ),
        profile_da=(
            "En bydel i København med sin egen handelsgade, Valby Langgade, et butikscenter og en "
            "station – en by i byen. Handlen langs gaden skal konkurrere med Københavns centrum "
            "og med butikscentret, og ingen havde ansvaret for helheden. Valby afprøver en "
            "kvartermanager, en model lånt fra Hamborg: én person, der bygger et partnerskab op "
            "mellem lokaludvalget, handelsforeningerne, udlejerne af butikslokaler og "
            "butikscentret og står for arrangementer og fælles projekter sammen med dem. Forsøget "
            "finansieres af kommunens erhvervsservice med lokale partnere; virker det, kan "
            "modellen brede sig til andre bydele i København."
        ),
    ),
    dict(
        slug="koge", name="Køge", municipality="Køge",
        name_nl="", name_da="Køge bymidte",
        country="DK", region="Region Sjælland", kind="city_centre", population_band="25k-50k",
        latitude="55.45770", longitude="12.18220", website="https://koge-handel.example",
        member_since=2019, membership_status="active", organisation_model="association",
        profile=(
            "A market town south of Copenhagen with one of Denmark's best-preserved "
            "medieval centres, half-timbered houses around a large square and a harbour that "
            "is being turned into a new neighbourhood. Køge Handel, the town's trade "
            "association, runs events and promotion for the shops and has been part of Danish "
            "town-centre networks from the start. It works with the municipality in a "
            "dialogue group on strengthening trade in the town. During the lockdowns the "
            "association leaned heavily on other towns' experience with digital tools. "
            "Current work: linking the new harbour district to the old centre and a shared "
            "gift card for local shops."
        ),
        profile_da=(
            "En købstad syd for København med en af Danmarks bedst bevarede middelalderlige "
            "bykerner, bindingsværkshuse omkring et stort torv og en havn, der er ved at blive "
            "til en ny bydel. Køge Handel, byens handelsforening, står for arrangementer og "
            "markedsføring for butikkerne og har været med i de danske bymidtenetværk fra "
            "starten. Foreningen samarbejder med kommunen i en dialoggruppe om at styrke handlen "
            "i byen. Under nedlukningerne trak foreningen i høj grad på andre byers erfaringer "
            "med digitale værktøjer. Aktuelt arbejde: at binde den nye havnebydel sammen med den "
            "gamle bymidte og et fælles gavekort til de lokale butikker."
        ),
    ),
    dict(
        slug="roskilde", name="Roskilde", municipality="Roskilde",
        name_nl="", name_da="Roskilde bymidte",
        country="DK", region="Region Sjælland", kind="city_centre", population_band="50k-100k",
        latitude="55.64190", longitude="12.08030", website="https://roskilde-handel.example",
        member_since=2021, membership_status="active", organisation_model="city_manager",
        profile=(
            "A cathedral city on the fjord, best known abroad for its music festival and its "
            "Viking ships, with a pedestrian high street running from the station to the "
            "cathedral square. Many residents commute to Copenhagen and shop there or online, "
            "so the centre works hard on giving people reasons to stay in town: plans for a "
            "food market hall, evening openings and festivals. A city chief employed by the trade "
            "association, with a contribution from the municipality, leads the work. Roskilde "
            "is now rethinking the square by the cathedral and the link between centre and "
            "the music and culture district."
        ),
        profile_da=(
            "En domkirkeby ved fjorden, i udlandet bedst kendt for sin festival og sine "
            "vikingeskibe, med en gågade fra stationen til pladsen ved domkirken. Mange "
            "indbyggere pendler til København og handler der eller på nettet, så bymidten "
            "arbejder hårdt på at give folk grunde til at blive i byen: planer om en "
            "madmarkedshal, aftenåbent og festivaler. En citychef ansat af handelsforeningen, med "
            "et tilskud fra kommunen, leder arbejdet. Roskilde er nu ved at gentænke pladsen ved "
            "domkirken og forbindelsen mellem bymidten og musik- og kulturbydelen."
        ),
    ),
    dict(
        slug="vejle", name="Vejle", municipality="Vejle",
        name_nl="", name_da="Vejle bymidte",
        country="DK", region="Region Syddanmark", kind="city_centre", population_band="50k-100k",
        latitude="55.70930", longitude="9.53570", website="https://vejle-city.example",
        member_since=2022, membership_status="active", organisation_model="city_manager",
        profile=(
            "A growing town at the head of the Vejle fjord, with a long pedestrian street, a "
            "modern harbour front and a railway station in the middle of it all. Vejle has "
            "invested in new housing close to the centre, which brings residents but also "
            "demands for quiet evenings. A city association employs a city chief, financed "
            "by voluntary membership fees, the municipality and sponsors, and the "
            "association is asking whether a fund that every business contributes to would "
            "be fairer and steadier. Current work: that financing question, a plan for empty "
            "units in the northern end of the street, and better signposting from the harbour."
        ),
        profile_da=(
            "En by i vækst for enden af Vejle Fjord, med en lang gågade, en moderne havnefront og "
            "en banegård midt i det hele. Vejle har satset på nye boliger tæt på bymidten, "
            "hvilket giver flere beboere, men også krav om rolige aftener. En cityforening "
            "ansætter en citychef, finansieret af frivillige medlemskontingenter, kommunen og "
            "sponsorer, og foreningen spørger, om en fond, som alle virksomheder bidrager til, "
            "ville være mere retfærdig og stabil. Aktuelt arbejde: finansieringsspørgsmålet, en "
            "plan for de tomme butikker i gågadens nordlige ende og bedre skiltning fra havnen."
        ),
    ),
    dict(
        slug="svendborg", name="Svendborg", municipality="Svendborg",
        name_nl="", name_da="Svendborg bymidte",
        country="DK", region="Region Syddanmark", kind="city_centre", population_band="25k-50k",
        latitude="55.05980", longitude="10.60680", website="https://svendborg-handel.example",
        member_since=2023, membership_status="active", organisation_model="association",
        profile=(
            "A harbour town on the south coast of Funen, gateway to the islands of the South "
            "Funen archipelago. In summer ferries, sailors and holidaymakers fill the steep "
            "streets between harbour and market square; in winter the town is much quieter and "
            "shops have to live from local customers. The trade association runs the centre's "
            "work with a small paid secretariat and a board of shop owners. Svendborg's "
            "current work: evening life outside the season, a new layout for the square, and "
            "safe walking routes between the harbour and the shopping streets."
        ),
        profile_da=(
            "En havneby på Sydfyns kyst og porten til øerne i Det Sydfynske Øhav. Om sommeren "
            "fylder færger, sejlere og turister de stejle gader mellem havnen og torvet; om "
            "vinteren er byen meget stillere, og butikkerne skal leve af de lokale kunder. "
            "Handelsforeningen driver arbejdet i bymidten med et lille lønnet sekretariat og en "
            "bestyrelse af butiksejere. Svendborgs aktuelle arbejde: aftenliv uden for sæsonen, "
            "en ny indretning af torvet og trygge gangruter mellem havnen og handelsgaderne."
        ),
    ),
    dict(
        slug="horsens", name="Horsens", municipality="Horsens",
        name_nl="", name_da="Horsens bymidte",
        country="DK", region="Region Midtjylland", kind="city_centre", population_band="50k-100k",
        latitude="55.86070", longitude="9.85030", website="https://horsens-city.example",
        member_since=2021, membership_status="active", organisation_model="city_manager",
        profile=(
            "An East Jutland town that reinvented itself as a place for concerts and culture, "
            "using its former state prison as a museum and event venue. The pedestrian street "
            "is long and the town has grown fast, with a large out-of-town shopping centre "
            "pulling in the other direction. A city chief, employed by the city association "
            "with support from the municipality, coordinates shop owners, property owners "
            "and event organisers. Horsens uses visitor and footfall data more than most "
            "Danish members and is working on a vacancy register shared with owners and on "
            "a clear plan for where shops should be in ten years."
        ),
        profile_da=(
            "En østjysk by, der har genopfundet sig selv som by for koncerter og kultur og bruger "
            "sit tidligere statsfængsel som museum og spillested. Gågaden er lang, og byen er "
            "vokset hurtigt, mens et stort butikscenter uden for byen trækker i den anden "
            "retning. En citychef, ansat af cityforeningen med støtte fra kommunen, koordinerer "
            "butiksejere, ejendomsejere og arrangører. Horsens bruger besøgs- og "
            "kundetællingsdata mere end de fleste danske medlemmer og arbejder på et register "
            "over tomme lokaler, som deles med ejerne, og på en klar plan for, hvor butikkerne "
            "skal ligge om ti år."
        ),
    ),
    dict(
        slug="ebeltoft", name="Ebeltoft", municipality="Syddjurs",
        name_nl="", name_da="",
        country="DK", region="Region Midtjylland", kind="village_centre", population_band="lt25k",
        latitude="56.19440", longitude="10.68210", website="https://ebeltoft-by.example",
        member_since=2024, membership_status="active", organisation_model="association",
        profile=(
            "A small town on Djursland with cobbled streets, a tiny old town hall and a "
            "frigate museum in the harbour. Its population grows several times over in summer "
            "when holiday homes fill up, which makes the shops' year very uneven. The trade "
            "association is run mostly by volunteers, with help from the municipality's "
            "business consultant. Ebeltoft joined the network to learn from other small "
            "centres, Dutch village centres included, how to keep a year-round offer. Current "
            "work: a shared winter programme, sharing staff between shops and a welcome for "
            "people who move to the area."
        ),
        profile_da=(
            "En lille by på Djursland med brostensbelagte gader, et lille gammelt rådhus og et "
            "fregatmuseum i havnen. Om sommeren bliver indbyggertallet mangedoblet, når "
            "sommerhusene fyldes, og det gør butikkernes år meget ujævnt. Handelsforeningen "
            "drives mest af frivillige med hjælp fra kommunens erhvervskonsulent. Ebeltoft kom "
            "med i netværket for at lære af andre små bymidter, også hollandske landsbycentre, "
            "hvordan man holder et tilbud åbent hele året. Aktuelt arbejde: et fælles "
            "vinterprogram, deling af personale mellem butikker og en velkomst til folk, der "
            "flytter til området."
        ),
    ),
]

# --------------------------------------------------------------------------------------------
# Organisations: key, name, kind, area slug (None for network level), website
# --------------------------------------------------------------------------------------------

ORGANISATIONS = [
    ("network-office", "Centre Network office", "network", None, "https://centre-network.example"),
    ("gebiedskracht", "Gebiedskracht Advies", "consultancy", None, "https://gebiedskracht.example"),
    ("bylivs", "Bylivs Rådgivning", "consultancy", None, "https://bylivs-raadgivning.example"),
    # Netherlands
    ("vla-gem", "Gemeente Vlaardingen", "municipality", "vlaardingen",
     "https://gemeente-vlaardingen.example"),
    ("vla-stichting", "Stichting Binnenstad Vlaardingen", "centre_organisation", "vlaardingen",
     "https://binnenstad-vlaardingen.example"),
    ("vla-vastgoed", "Vastgoedvereniging Binnenstad Vlaardingen", "property_owners", "vlaardingen",
     "https://vastgoed-vlaardingen.example"),
    ("sch-gem", "Gemeente Schiedam", "municipality", "schiedam", "https://gemeente-schiedam.example"),
    ("sch-fonds", "Ondernemersfonds Schiedam Centrum", "centre_organisation", "schiedam",
     "https://centrum-schiedam.example"),
    ("sch-winkeliers", "Winkeliersvereniging Hoogstraat Schiedam", "entrepreneurs", "schiedam",
     "https://hoogstraat-schiedam.example"),
    ("dbs-gem", "Gemeente 's-Hertogenbosch", "municipality", "den-bosch",
     "https://gemeente-denbosch.example"),
    ("dbs-stichting", "Stichting Binnenstadsmanagement 's-Hertogenbosch", "centre_organisation",
     "den-bosch", "https://binnenstad-denbosch.example"),
    ("dbs-vastgoed", "Vastgoedeigenaren Binnenstad 's-Hertogenbosch", "property_owners", "den-bosch",
     "https://vastgoed-denbosch.example"),
    ("dev-gem", "Gemeente Deventer", "municipality", "deventer", "https://gemeente-deventer.example"),
    ("dev-biz", "BIZ Binnenstad Deventer", "centre_organisation", "deventer",
     "https://centrum-deventer.example"),
    ("dev-ov", "Ondernemersvereniging Deventer Centrum", "entrepreneurs", "deventer",
     "https://ondernemers-deventer.example"),
    ("amf-gem", "Gemeente Amersfoort", "municipality", "amersfoort",
     "https://gemeente-amersfoort.example"),
    ("amf-ov", "Ondernemersvereniging Binnenstad Amersfoort", "entrepreneurs", "amersfoort",
     "https://ondernemers-amersfoort.example"),
    ("lwd-gem", "Gemeente Leeuwarden", "municipality", "leeuwarden",
     "https://gemeente-leeuwarden.example"),
    ("lwd-stichting", "Stichting Binnenstad Leeuwarden", "centre_organisation", "leeuwarden",
     "https://binnenstad-leeuwarden.example"),
    ("lwd-vastgoed", "Vastgoedkring Leeuwarden", "property_owners", "leeuwarden",
     "https://vastgoedkring-leeuwarden.example"),
    ("rot-gem", "Gemeente Rotterdam", "municipality", "rotterdam-zwart-janstraat",
     "https://gemeente-rotterdam.example"),
    ("rot-biz", "BIZ Zwart Janstraat", "centre_organisation", "rotterdam-zwart-janstraat",
     "https://zwartjanstraat.example"),
    ("box-gem", "Gemeente Boxtel", "municipality", "boxtel", "https://gemeente-boxtel.example"),
    ("box-ov", "Ondernemersvereniging Boxtel Centrum", "entrepreneurs", "boxtel",
     "https://centrum-boxtel.example"),
    # Denmark
    ("val-kom", "Københavns Kommune", "municipality", "valby", "https://kk-erhverv.example"),
    ("val-handel", "Valby Handelsforening", "entrepreneurs", "valby", "https://valby-handel.example"),
    ("koe-kom", "Køge Kommune", "municipality", "koge", "https://koge-kommune.example"),
    ("koe-handel", "Køge Handel", "entrepreneurs", "koge", "https://koge-handel.example"),
    ("ros-kom", "Roskilde Kommune", "municipality", "roskilde", "https://roskilde-kommune.example"),
    ("ros-handel", "Roskilde Handel", "entrepreneurs", "roskilde", "https://roskilde-handel.example"),
    ("vej-kom", "Vejle Kommune", "municipality", "vejle", "https://vejle-kommune.example"),
    ("vej-city", "Vejle Cityforening", "entrepreneurs", "vejle", "https://vejle-city.example"),
    ("vej-ejer", "Ejendomsejerforeningen Vejle Midtby", "property_owners", "vejle",
     "https://ejere-vejle.example"),
    ("sve-kom", "Svendborg Kommune", "municipality", "svendborg", "https://svendborg-kommune.example"),
    ("sve-handel", "Svendborg Handel", "entrepreneurs", "svendborg",
     "https://svendborg-handel.example"),
    ("hor-kom", "Horsens Kommune", "municipality", "horsens", "https://horsens-kommune.example"),
    ("hor-city", "Horsens Cityforening", "centre_organisation", "horsens",
     "https://horsens-city.example"),
    ("ebe-kom", "Syddjurs Kommune", "municipality", "ebeltoft", "https://syddjurs-kommune.example"),
    ("ebe-handel", "Ebeltoft Handelsstandsforening", "entrepreneurs", "ebeltoft",
     "https://ebeltoft-by.example"),
]

# --------------------------------------------------------------------------------------------
# People. The first block holds each area's main contact, in AREAS order, so that on a
# fresh database the main contact has the lowest primary key of the people of their area.
# --------------------------------------------------------------------------------------------

PEOPLE = [
    # --- main contacts, one per area ---
    dict(name="Marloes de Wit", role="centre_manager", job_title="Binnenstadsmanager",
         org="vla-stichting", areas=["vlaardingen"],
         email="marloes.dewit@binnenstad-vlaardingen.example", phone="+31 6 0000 1101",
         expertise=["governance", "vacancy", "financing"],
         bio="Runs the centre organisation that the municipality, shopkeepers and property "
             "owners of Vlaardingen set up together. Spent eight years in retail property "
             "management before moving to the public side of the table."),
    dict(name="Jeroen Bakker", role="centre_manager", job_title="Centre manager and fund secretary",
         org="sch-fonds", areas=["schiedam"],
         email="jeroen.bakker@centrum-schiedam.example", phone="+31 6 0000 1102",
         expertise=["financing", "events", "undermining"],
         bio="Manages Schiedam's entrepreneurs' fund and the centre programme it pays for. "
             "Organised the support poll that started the fund and is happy to share the script."),
    dict(name="Sanne van den Heuvel", role="centre_manager", job_title="",
         org="dbs-stichting", areas=["den-bosch"],
         email="sanne.vandenheuvel@binnenstad-denbosch.example", phone="+31 6 0000 1103",
         expertise=["mobility", "branding", "public-space"],
         bio="Centre manager of 's-Hertogenbosch since 2019, with a background in city "
             "marketing. Currently busy with zero-emission deliveries in the medieval core."),
    dict(name="Bram Kuipers", role="centre_manager", job_title="BIZ manager",
         org="dev-biz", areas=["deventer"],
         email="bram.kuipers@centrum-deventer.example", phone="+31 6 0000 1104",
         expertise=["events", "financing"],
         bio="Leads the business improvement district in Deventer's centre. Former event "
             "producer who knows what a festival weekend really costs."),
    dict(name="Ilse Vermeulen", role="centre_manager", job_title="City manager",
         org="amf-gem", areas=["amersfoort"],
         email="ilse.vermeulen@gemeente-amersfoort.example", phone="+31 6 0000 1105",
         expertise=["digitalisation", "mobility"],
         bio="City manager employed by the municipality of Amersfoort and working from an "
             "office in the entrepreneurs' association. Set up the city's footfall counting."),
    dict(name="Wietske Hoekstra", role="centre_manager", job_title="",
         org="lwd-stichting", areas=["leeuwarden"],
         email="wietske.hoekstra@binnenstad-leeuwarden.example", phone="+31 6 0000 1106",
         expertise=["vacancy", "public-space"],
         bio="Centre manager in Leeuwarden and one of the network's longest-serving members. "
             "Works on housing above shops and on greening the squares."),
    dict(name="Yusuf Demir", role="street_manager", job_title="Straatmanager",
         org="rot-biz", areas=["rotterdam-zwart-janstraat"],
         email="yusuf.demir@zwartjanstraat.example", phone="+31 6 0000 1107",
         expertise=["undermining", "safety", "public-space"],
         bio="Street manager of the Zwart Janstraat, where he grew up. Knows most of the "
             "hundred-odd shopkeepers by name and speaks four of their languages."),
    dict(name="Anouk van Dijk", role="chair", job_title="Chair, Ondernemersvereniging Boxtel Centrum",
         org="box-ov", areas=["boxtel"],
         email="anouk.vandijk@centrum-boxtel.example", phone="+31 6 0000 1108",
         expertise=["governance", "events"],
         bio="Runs a shoe shop on the main street and chairs Boxtel's entrepreneurs' "
             "association, which is preparing the move to professional centre management."),
    dict(name="Mikkel Sørensen", role="quarter_manager", job_title="Kvartermanager",
         org="val-kom", areas=["valby"],
         email="mikkel.sorensen@kk-erhverv.example", phone="+45 00 00 21 01",
         expertise=["governance", "events", "vacancy"],
         bio="Valby's quarter manager, the first in Denmark on the Hamburg model. Builds the "
             "partnership of traders, landlords, the shopping centre and the local committee."),
    dict(name="Louise Kjær", role="centre_manager", job_title="Citychef",
         org="koe-handel", areas=["koge"],
         email="louise.kjaer@koge-handel.example", phone="+45 00 00 21 02",
         expertise=["events", "digitalisation", "branding"],
         bio="City chief at Køge Handel, responsible for events, the town's gift card and "
             "the dialogue with the municipality about trade in the centre."),
    dict(name="Rasmus Holm", role="centre_manager", job_title="Citychef",
         org="ros-handel", areas=["roskilde"],
         email="rasmus.holm@roskilde-handel.example", phone="+45 00 00 21 03",
         expertise=["branding", "events"],
         bio="City chief in Roskilde with a past in festival production. Works on evening "
             "life in the centre and on plans for a food market hall."),
    dict(name="Camilla Lund", role="centre_manager", job_title="Citychef",
         org="vej-city", areas=["vejle"],
         email="camilla.lund@vejle-city.example", phone="+45 00 00 21 04",
         expertise=["financing", "governance", "vacancy"],
         bio="City chief in Vejle. Studying how Dutch members fund their centre "
             "organisations, because voluntary membership fees no longer cover the work."),
    dict(name="Jesper Thomsen", role="centre_manager", job_title="Managing director, Svendborg Handel",
         org="sve-handel", areas=["svendborg"],
         email="jesper.thomsen@svendborg-handel.example", phone="+45 00 00 21 05",
         expertise=["public-space", "events"],
         bio="Runs the secretariat of Svendborg's trade association. Sailor, and the person "
             "to ask about a harbour town's season and what to do outside it."),
    dict(name="Signe Dalgaard", role="centre_manager", job_title="Citychef",
         org="hor-city", areas=["horsens"],
         email="signe.dalgaard@horsens-city.example", phone="+45 00 00 21 06",
         expertise=["vacancy", "digitalisation"],
         bio="City chief in Horsens. Built a vacancy register that owners, the municipality "
             "and the city association keep up to date together."),
    dict(name="Henrik Bech", role="chair", job_title="Chair, Ebeltoft Handelsstandsforening",
         org="ebe-handel", areas=["ebeltoft"],
         email="henrik.bech@ebeltoft-by.example", phone="+45 00 00 21 07",
         expertise=["events", "branding"],
         bio="Bookseller in Ebeltoft and chair of the trade association, which is run almost "
             "entirely by volunteers."),
    # --- the network office ---
    dict(name="Eva Brouwer", role="network_coordinator", job_title="Network coordinator",
         org="network-office", areas=[],
         email="eva.brouwer@centre-network.example", phone="+31 6 0000 1001",
         expertise=["governance", "financing"],
         bio="Coordinates the network's programme of thematic sessions, working groups and "
             "intervisions, and facilitates most intervisions herself. Former centre manager."),
    dict(name="Emma de Graaf", role="project_coordinator", job_title="Programme assistant",
         org="network-office", areas=[],
         email="emma.degraaf@centre-network.example", phone="+31 6 0000 1002",
         expertise=["digitalisation", "events"],
         bio="Runs the online sessions on the day, keeps the calendars up to date and "
             "collects slides and summaries afterwards."),
    # --- more people per area ---
    dict(name="Pieter Jansen", role="policy_adviser", job_title="Beleidsadviseur binnenstad",
         org="vla-gem", areas=["vlaardingen"],
         email="pieter.jansen@gemeente-vlaardingen.example", phone="+31 6 0000 1121",
         expertise=["governance", "vacancy"],
         bio="Policy adviser for the centre at the municipality of Vlaardingen and the "
             "municipality's seat at the centre organisation's table."),
    dict(name="Hans Verhoeven", role="chair", job_title="Chair, property owners' association",
         org="vla-vastgoed", areas=["vlaardingen"],
         email="hans.verhoeven@vastgoed-vlaardingen.example", phone="+31 6 0000 1122",
         expertise=["vacancy", "financing"],
         bio="Owns a handful of buildings on the Hoogstraat and is gathering other owners "
             "into an association so that property has a voice in the golden triangle."),
    dict(name="Lotte Mulder", role="business_liaison", job_title="Bedrijfscontactfunctionaris",
         org="sch-gem", areas=["schiedam"],
         email="lotte.mulder@gemeente-schiedam.example", phone="+31 6 0000 1123",
         expertise=["undermining", "vacancy"],
         bio="The municipality's first contact for businesses in the centre. Took part in "
             "the regional training on recognising signs of undermining."),
    dict(name="Thijs van Leeuwen", role="policy_adviser", job_title="Adviseur mobiliteit",
         org="dbs-gem", areas=["den-bosch"],
         email="thijs.vanleeuwen@gemeente-denbosch.example", phone="+31 6 0000 1124",
         expertise=["mobility", "public-space"],
         bio="Mobility adviser at the municipality of 's-Hertogenbosch, working on delivery "
             "time windows and hubs at the edge of the centre."),
    dict(name="Karin Postma", role="chair", job_title="Chair, property owners' association",
         org="dbs-vastgoed", areas=["den-bosch"], listed=False,
         email="karin.postma@vastgoed-denbosch.example", phone="+31 6 0000 1125",
         expertise=["vacancy", "financing"],
         bio="Chairs the association of property owners in the city centre and sits on the "
             "board of the centre-management foundation."),
    dict(name="Ruben Koster", role="business_liaison", job_title="Accountmanager binnenstad",
         org="dev-gem", areas=["deventer"],
         email="ruben.koster@gemeente-deventer.example", phone="+31 6 0000 1126",
         expertise=["vacancy", "digitalisation"],
         bio="Business liaison for the centre at the municipality of Deventer. Matches "
             "empty units with starting entrepreneurs."),
    dict(name="Gert-Jan Wolters", role="chair", job_title="Chair, Ondernemersvereniging Deventer Centrum",
         org="dev-ov", areas=["deventer"], listed=False,
         email="gertjan.wolters@ondernemers-deventer.example", phone="+31 6 0000 1127",
         expertise=["events"],
         bio="Runs a delicatessen near the Brink and chairs the centre's entrepreneurs' "
             "association."),
    dict(name="Daan Visser", role="chair", job_title="Chair, Ondernemersvereniging Binnenstad Amersfoort",
         org="amf-ov", areas=["amersfoort"],
         email="daan.visser@ondernemers-amersfoort.example", phone="+31 6 0000 1132",
         expertise=["events", "branding"],
         bio="Owns two restaurants inside the canal ring and chairs the entrepreneurs' "
             "association, which shares an office with the city manager."),
    dict(name="Nienke Dijkstra", role="policy_adviser", job_title="Programmamanager binnenstad",
         org="lwd-gem", areas=["leeuwarden"],
         email="nienke.dijkstra@gemeente-leeuwarden.example", phone="+31 6 0000 1128",
         expertise=["vacancy", "governance"],
         bio="Leads the municipality's programme for the city centre in Leeuwarden, "
             "including the scheme for homes above shops."),
    dict(name="Sietse Bouma", role="chair", job_title="Chair, Vastgoedkring Leeuwarden",
         org="lwd-vastgoed", areas=["leeuwarden"],
         email="sietse.bouma@vastgoedkring-leeuwarden.example", phone="+31 6 0000 1129",
         expertise=["vacancy", "financing"],
         bio="Represents the property owners of Leeuwarden's centre. Advocate of flexible "
             "leases for starting shopkeepers."),
    dict(name="Fatima El Amrani", role="area_manager", job_title="Wijkmanager Oude Noorden",
         org="rot-gem", areas=["rotterdam-zwart-janstraat"],
         email="fatima.elamrani@gemeente-rotterdam.example", phone="+31 6 0000 1130",
         expertise=["safety", "undermining"],
         bio="Area manager for the neighbourhood around the Zwart Janstraat at the "
             "municipality of Rotterdam, linking residents, police and the street's businesses."),
    dict(name="Maarten Hendriks", role="business_liaison", job_title="Bedrijfscontactfunctionaris",
         org="box-gem", areas=["boxtel"],
         email="maarten.hendriks@gemeente-boxtel.example", phone="+31 6 0000 1131",
         expertise=["governance", "vacancy"],
         bio="The municipality of Boxtel's contact for local businesses, and its "
             "representative in the working group on setting up centre management."),
    dict(name="Ida Rasmussen", role="business_liaison", job_title="Erhvervskonsulent",
         org="val-kom", areas=["valby"],
         email="ida.rasmussen@kk-erhverv.example", phone="+45 00 00 21 21",
         expertise=["vacancy", "governance"],
         bio="Business consultant at the municipality's business service in Copenhagen, "
             "following the Valby pilot for the other districts."),
    dict(name="Tobias Kristensen", role="business_liaison", job_title="Erhvervskonsulent",
         org="koe-kom", areas=["koge"],
         email="tobias.kristensen@koge-kommune.example", phone="+45 00 00 21 22",
         expertise=["governance", "digitalisation"],
         bio="Business consultant at Køge Kommune and secretary of the dialogue group on "
             "trade in Køge."),
    dict(name="Anne Møller", role="project_coordinator", job_title="Projektleder, bymidteudvikling",
         org="ros-kom", areas=["roskilde"],
         email="anne.moller@roskilde-kommune.example", phone="+45 00 00 21 23",
         expertise=["public-space", "mobility"],
         bio="Project manager for the centre at Roskilde Kommune, currently redesigning the "
             "square by the cathedral together with the traders."),
    dict(name="Søren Iversen", role="chair", job_title="Chair, Ejendomsejerforeningen Vejle Midtby",
         org="vej-ejer", areas=["vejle"], listed=False,
         email="soren.iversen@ejere-vejle.example", phone="+45 00 00 21 24",
         expertise=["financing", "vacancy"],
         bio="Chairs the association of property owners in central Vejle."),
    dict(name="Line Østergaard", role="project_coordinator", job_title="Byudvikler",
         org="sve-kom", areas=["svendborg"],
         email="line.ostergaard@svendborg-kommune.example", phone="+45 00 00 21 25",
         expertise=["public-space", "safety"],
         bio="Urban development planner at Svendborg Kommune, working on the square and the "
             "walking routes up from the harbour."),
    dict(name="Niels Andersen", role="policy_adviser", job_title="Planlægger",
         org="hor-kom", areas=["horsens"],
         email="niels.andersen@horsens-kommune.example", phone="+45 00 00 21 26",
         expertise=["mobility", "safety"],
         bio="Planner at Horsens Kommune responsible for the centre's retail structure and "
             "parking strategy."),
    dict(name="Freja Nielsen", role="business_liaison", job_title="Erhvervskonsulent",
         org="ebe-kom", areas=["ebeltoft"],
         email="freja.nielsen@syddjurs-kommune.example", phone="+45 00 00 21 27",
         expertise=["events", "public-space"],
         bio="Business consultant at Syddjurs Kommune who supports the volunteers of "
             "Ebeltoft's trade association."),
    # --- consultants working in several areas ---
    dict(name="Joost Verbeek", role="other", job_title="Senior adviser, centre organisations",
         org="gebiedskracht", areas=["vlaardingen", "boxtel"],
         email="joost.verbeek@gebiedskracht.example", phone="+31 6 0000 1141",
         expertise=["governance", "financing"],
         bio="Advises Dutch centres on setting up a centre organisation and an "
             "entrepreneurs' fund, and leads the network's working group on the subject."),
    dict(name="Kasper Winther", role="other", job_title="Partner",
         org="bylivs", areas=["vejle", "horsens"],
         email="kasper.winther@bylivs-raadgivning.example", phone="+45 00 00 21 41",
         expertise=["financing", "governance", "digitalisation"],
         bio="Danish consultant on town-centre partnerships and data. Has helped several "
             "trade associations compare voluntary and levy-based funding."),
]

# --------------------------------------------------------------------------------------------
# Pages: the home page's text, and the About page
# --------------------------------------------------------------------------------------------

HOME_PAGE = dict(
    title="Town-centre managers learning from each other",
    intro=(
        "Centre Network connects the people who look after town centres, district centres and "
        "shopping streets in the Netherlands and Denmark, so that nobody has to work out "
        "vacancy, funding or safety on their own."
    ),
    body=[
        ("heading", "What members do here"),
        ("paragraph",
         "<p>Members are centre managers, quarter and street managers, business liaisons at "
         "municipalities and the chairs of the associations they work with. They use the "
         "network in four ways, and most use all four in the course of a year.</p>"),
        ("heading", "Case studies"),
        ("paragraph",
         "<p>Member areas write down what they tried, why, how it went and what it cost: a "
         "support poll for an entrepreneurs' fund, a register of empty shops kept together "
         "with owners, a quarter manager in a Copenhagen district. Each case names the "
         "people to call for the details.</p>"),
        ("heading", "Monthly online thematic sessions"),
        ("paragraph",
         "<p>Once a month members meet online for ninety minutes on one theme, such as "
         "vacancy, public space, branding or undermining. One or two areas present, the rest "
         "ask questions. Subscribe to the calendar and moved or cancelled sessions update "
         "by themselves.</p>"),
        ("heading", "Working groups"),
        ("paragraph",
         "<p>Small groups of five to eight areas meet a few times to work on one task "
         "together, for example setting up centre management: the organisation, the money "
         "and the first projects. Everyone leaves with a plan for their own centre.</p>"),
        ("heading", "Intervision"),
        ("paragraph",
         "<p>In an intervision one area brings a question it is stuck on and peers from other "
         "areas help think it through, under a facilitator and in confidence. What is said "
         "stays with the group unless the case owner agrees to share a summary.</p>"),
    ],
)

STANDARD_PAGES = [
    dict(
        slug="about", title="About the network", show_in_menus=True,
        intro=(
            "A learning network for the professionals and volunteers who keep town centres "
            "alive, with members in the Netherlands and Denmark."
        ),
        body=[
            ("heading", "Who it is for"),
            ("paragraph",
             "<p>The network is for anyone whose job is to make a centre work as a whole rather "
             "than one shop or one building: centre managers and city chiefs, quarter managers "
             "in districts of larger cities, street managers, area managers and business "
             "liaisons at municipalities, and the chairs of entrepreneurs' and property owners' "
             "associations. Member areas range from the historic core of a provincial capital "
             "to a single shopping street in Rotterdam and a harbour town of a few thousand "
             "people in Jutland.</p>"),
            ("heading", "The golden triangle"),
            ("paragraph",
             "<p>Almost every member works in what Dutch centres call the golden triangle: the "
             "municipality, the entrepreneurs and the property owners. Each wants something "
             "different from the centre. The municipality wants a place where people like to "
             "live and visit, entrepreneurs want customers, and owners want a sound return on "
             "their buildings. Centre management is the craft of getting the three to commit "
             "time and money to a shared plan instead of waiting for each other. Many of the "
             "network's cases and intervisions are about one corner of that triangle that has "
             "not yet come to the table, most often owners who live elsewhere.</p>"),
            ("heading", "How membership works"),
            ("paragraph",
             "<p>Membership is per area, not per person. An area that joins can bring as many "
             "of its people as it likes to the online sessions; working groups and intervisions "
             "take at most three people per area so that the groups stay small. Members "
             "agree to share at least one case study in their first year and to take part "
             "in an intervision when another area asks for their experience. Areas that are "
             "still setting up centre management can join a working group as a prospective "
             "member before they decide.</p>"
             "<p>Everyone can read the area profiles and public case studies. Contact details, "
             "the people listing and intervision records are for members who are logged "
             "in.</p>"),
            ("heading", "Dutch and Danish roots"),
            ("paragraph",
             "<p>The network grew out of two traditions. In the Netherlands centre management "
             "has become a profession with its own foundations, entrepreneurs' funds and "
             "business improvement districts, and platforms for centre managers have run "
             "working groups for years. In Denmark trading towns built a network of city "
             "chiefs that met online every month, and met daily during the first lockdown to "
             "help each other's shops through it. Both found they had more to learn from "
             "abroad than they expected: Danish members are curious about Dutch levy-funded "
             "funds, and Dutch members about the Danish habit of running a centre on "
             "volunteers and a strong trade association. Sessions are held in English, "
             "and the site is also available in Dutch and Danish.</p>"),
        ],
    ),
]


# Demo accounts: username, person (None for the admin), staff, superuser, group, where to log in
ACCOUNTS = [
    ("admin", None, True, True, None, "Admin login", "/admin/"),
    ("organiser", "Eva Brouwer", True, False, ORGANISERS_GROUP, "Organiser login", "/admin/"),
    ("member", "Marloes de Wit", False, False, None, "Member login", "/account/login/"),
    ("medlem", "Louise Kjær", False, False, None, "Member login", "/account/login/"),
]

# The generated illustration of each member area (network.illustrations, docs/images.md): the
# scene drawn, in the style of the area's country. Towns on the water get a quay.
AREA_SCENES = {
    "vlaardingen": "harbour", "schiedam": "street", "den-bosch": "market", "deventer": "square",
    "amersfoort": "banners", "leeuwarden": "street", "rotterdam-zwart-janstraat": "bicycles",
    "boxtel": "square", "valby": "street", "koge": "square", "roskilde": "market",
    "vejle": "bicycles", "svendborg": "harbour", "horsens": "banners", "ebeltoft": "harbour",
}
