"""The demo case studies, as data. Written for the demo; facts about Vlaardingen, Valby and Køge
follow the project's source texts, everything else is invented but plausible.

Only literals here; ``casestudies.demo`` loads them. Each case: slug, title, summary, areas
(slugs), themes (slugs), tags, stakeholders (codes), period, when its facts were last checked
(last_updated), the card's one-line result (result_line), organisation, financing, contacts
((area slug, index in people_of) pairs), body (a list of (block type, value) pairs in the case
study's stream-field format: context, approach, result, lessons, transferability, quote),
an optional image (title, scene of network.illustrations, caption, credit: without one the case
gets its first theme's scene), an optional document and related cases (slugs).
"""
import datetime

LIBRARY = {
    "slug": "case-studies",
    "title": "Case studies",
    "intro": (
        "What member areas tried, how they went about it and what came of it: searchable by theme, "
        "country, size of town and who took part."
    ),
}

CASES = [
    dict(
        slug="vlaardingen-golden-triangle",
        title="Vlaardingen builds a centre organisation on the golden triangle",
        summary=(
            "Municipality, shopkeepers and property owners in Vlaardingen agreed to share "
            "decisions and costs for the town centre, starting with the parties willing to commit "
            "rather than waiting for everyone."
        ),
        areas=["vlaardingen"],
        themes=["governance", "financing", "vacancy"],
        tags=["golden triangle", "property owners' association", "coalition of the willing"],
        stakeholders=["municipality", "entrepreneurs", "property_owners"],
        period_start=datetime.date(2021, 3, 1),
        period_end=None,
        ongoing=True,
        last_updated=datetime.date(2026, 9, 15),
        result_line=(
            "Municipality, shopkeepers and property owners all back "
            "one blueprint for the centre organisation"
        ),
        organisation_model="foundation",
        organisation_details=(
            "Foundation with a board drawn from the three parties; a centre manager runs the work "
            "with groups of active entrepreneurs."
        ),
        budget_amount=95000,
        budget_currency="EUR",
        budget_notes="per year, shared by the parties",
        funders="Gemeente Vlaardingen, entrepreneurs, property owners",
        entrepreneurs_fund=False,
        subsidy="",
        contacts=[("vlaardingen", 0), ("vlaardingen", 1), ("vlaardingen", 2)],
        image={
            "title": "Vlaardingen harbour front (demo illustration)",
            "scene": "harbour",
            "caption": "Quays and shopping streets meet at the old harbour.",
            "credit": "Centre Network demo illustration, CC0",
        },
        body=[
            ("context", {
                "text": (
                    "<p>For years the centre was discussed in many meetings and owned by none of "
                    "them. Shopkeepers organised events, the municipality drew up plans and owners "
                    "of empty units were hard to reach. Each party had its own goal: a pleasant "
                    "town to live in for the municipality, a place where trade pays for "
                    "entrepreneurs, a decent return for property owners.</p>"
                    "<p>The municipality asked for a structure in which the three would not just "
                    "talk but commit people and money to one agenda.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Before any new organisation was designed, each party first sorted out its "
                    "own position.</p>"
                ),
                "steps": [
                    {
                        "title": "Representation and mandate",
                        "description": (
                            "Who speaks for the shopkeepers, the owners and the town hall, and how "
                            "do they check back with the people they represent?"
                        ),
                    },
                    {
                        "title": "Each party's own agenda",
                        "description": (
                            "Every party wrote down what it wants from the centre and what return "
                            "it expects, in money or otherwise."
                        ),
                    },
                    {
                        "title": "What each can invest",
                        "description": (
                            "People and budget each party can put into the new organisation, "
                            "stated up front."
                        ),
                    },
                    {
                        "title": "A joint agenda",
                        "description": (
                            "Only then the parties drafted a shared agenda: vacancy, joint "
                            "promotion, and the look and feel of the streets."
                        ),
                    },
                ],
            }),
            ("quote", {
                "quote": (
                    "We work with the people who want to work with us; the door stays open for the "
                    "rest."
                ),
                "attribution": "Member of the municipal executive",
                "role": "Gemeente Vlaardingen",
            }),
            ("result", {
                "text": (
                    "<p>The blueprint of the centre organisation is supported by all three "
                    "parties. Owners are forming their own association so that they have one voice "
                    "at the table, and working groups of active shopkeepers have started on "
                    "promotion.</p>"
                ),
                "figures": [
                    {"value": "3", "label": "parties committed to the blueprint"},
                    {"value": "4", "label": "working groups of entrepreneurs"},
                    {"value": "1", "label": "property owners' association being set up"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>Choosing the 'coalition of the willing' over waiting for full "
                    "representation got things moving, but it has to be explained again and again "
                    "to those not yet at the table.</p>"
                    "<p>For the municipality this is a different way of working: sharing the lead "
                    "means accepting decisions it does not fully control.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>A municipality prepared to share the lead, a few entrepreneurs who will "
                    "take on a role, and at least some owners who can be reached.</p>"
                ),
                "cost": "A part-time process lead for the first year; later the centre manager.",
                "time": "About eighteen months from first talks to a working board.",
                "pitfalls": (
                    "<p>Designing the organisation before each party knows what it wants from "
                    "it.</p>"
                ),
            }),
        ],
        related=["koge-dialogue-group", "leeuwarden-owners-pact"],
    ),
    dict(
        slug="valby-quarter-manager",
        title="A quarter manager for Valby, after the Hamburg model",
        summary=(
            "Copenhagen's Valby district tried out Denmark's first quarter manager: one person who "
            "brings together the local committee, trade associations, landlords and the shopping "
            "centre to keep the high street lively."
        ),
        areas=["valby"],
        themes=["governance", "events"],
        tags=["quarter manager", "Hamburg model", "pilot"],
        stakeholders=["municipality", "entrepreneurs", "property_owners", "residents", "others"],
        stakeholders_other="Local committee, the shopping centre, the area renewal programme",
        period_start=datetime.date(2013, 5, 1),
        period_end=datetime.date(2013, 12, 31),
        ongoing=False,
        last_updated=datetime.date(2024, 2, 12),
        result_line="An eight-month pilot brought five kinds of partners to one table for the first time",
        organisation_model="quarter_manager",
        organisation_details=(
            "A quarter manager employed for a pilot period, steered by local partners."
        ),
        budget_amount=600000,
        budget_currency="DKK",
        budget_notes="for the pilot",
        funders=(
            "Copenhagen municipality's business service, the area renewal programme, the local "
            "committee and local traders"
        ),
        contacts=[("valby", 0), ("valby", 1)],
        image={
            "title": "Valby Langgade (demo illustration)",
            "scene": "street",
            "caption": "The high street and its side streets form the pilot area.",
            "credit": "Centre Network demo illustration, CC0",
        },
        body=[
            ("context", {
                "text": (
                    "<p>Valby's high street competes with the city centre and with a large mall, "
                    "and no single party looked after the street as a whole. A district plan drawn "
                    "up with residents had asked for someone to do exactly that.</p>"
                    "<p>German cities such as Hamburg use quarter managers who organise events, "
                    "coordinate the shops and build partnerships. Copenhagen wanted to know "
                    "whether the model works in a Danish district before using it elsewhere.</p>"
                ),
            }),
            ("approach", {
                "text": "<p>The pilot ran for the rest of the year with one quarter manager.</p>",
                "steps": [
                    {
                        "title": "Map the parties",
                        "description": (
                            "Local committee, trade associations, green business network, "
                            "landlords of shop premises and the shopping centre."
                        ),
                    },
                    {
                        "title": "Small visible projects",
                        "description": (
                            "Joint events and campaigns to show what cooperation can do."
                        ),
                    },
                    {
                        "title": "A lasting partnership",
                        "description": (
                            "Work towards a partnership that commits its members beyond the pilot."
                        ),
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>The pilot brought parties to one table that had never met as a group and "
                    "delivered a series of joint events. Its main output was the experience "
                    "itself: what a quarter manager needs to succeed in a Copenhagen district.</p>"
                ),
                "figures": [
                    {"value": "8", "label": "months of pilot"},
                    {"value": "5", "label": "kinds of partners around the table"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>A pilot of a few months is short for building trust; plan the question of "
                    "permanent funding from the first day, not the last.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>A district with its own high street, partners willing to meet and a funder "
                    "for at least the first year.</p>"
                ),
                "cost": "One salary plus a small activity budget.",
                "time": "A year at least; two is more realistic.",
                "pitfalls": (
                    "<p>Expecting the shopping centre and the street to share goals without "
                    "working on it.</p>"
                ),
            }),
        ],
        related=["vlaardingen-golden-triangle"],
    ),
    dict(
        slug="koge-dialogue-group",
        title="Køge: en dialoggruppe for en stærkere handel",
        summary=(
            "Køge Handel og Køge Kommune mødes fast i en dialoggruppe om detailhandlens udvikling, "
            "så byens handel og politikere arbejder ud fra samme billede."
        ),
        areas=["koge"],
        themes=["governance"],
        tags=["dialoggruppe", "partnerskab"],
        stakeholders=["municipality", "entrepreneurs"],
        period_start=datetime.date(2020, 6, 1),
        period_end=None,
        ongoing=True,
        last_updated=datetime.date(2026, 5, 20),
        result_line=(
            "Handel og kommune mødes fire gange om året, og sager "
            "om bymidten kommer tidligere på bordet"
        ),
        organisation_model="association",
        organisation_details="Handelsforeningen og kommunen i en fast dialoggruppe.",
        written_in="da",
        contacts=[("koge", 0), ("koge", 1)],
        body=[
            ("context", {
                "text": (
                    "<p>Handlen i bymidten manglede et fast sted at tale med kommunen om de lange "
                    "linjer. Sagerne blev taget én ad gangen, ofte for sent.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Handelsforeningen og kommunen aftalte en fast dialoggruppe med politikere, "
                    "forvaltning og repræsentanter for butikkerne.</p>"
                ),
                "steps": [
                    {
                        "title": "Fælles dagsorden",
                        "description": (
                            "Hvert møde har både en aktuel sag og et tema for byens udvikling."
                        ),
                    },
                    {
                        "title": "Viden udefra",
                        "description": "Erfaringer fra andre handelsbyer i netværket bringes ind.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Samarbejdet mellem handel og kommune er blevet tættere, og sager om "
                    "bymidten kommer tidligere på bordet.</p>"
                ),
                "figures": [{"value": "4", "label": "møder om året"}],
            }),
            ("lessons", {
                "text": (
                    "<p>En fast mødestruktur betyder mere end det enkelte møde: det giver "
                    "tillid.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>En handelsforening, der taler for mange butikker, og en kommune, der vil "
                    "lytte.</p>"
                ),
                "cost": "Mødetid.",
                "time": "Et halvt år at komme i gang.",
                "pitfalls": "",
            }),
        ],
        related=["danish-towns-lockdown-digital"],
    ),
    dict(
        slug="danish-towns-lockdown-digital",
        title="Digital tools for local shops during the 2020 lockdown",
        summary=(
            "When Danish shops closed in spring 2020, trading towns met online every day to share "
            "which digital tools kept customers buying locally, and copied what worked."
        ),
        areas=["koge", "roskilde", "vejle"],
        themes=["digitalisation", "events"],
        tags=["lockdown", "click and collect", "gift card"],
        stakeholders=["entrepreneurs", "others"],
        stakeholders_other="The national network of trading towns",
        period_start=datetime.date(2020, 3, 15),
        period_end=datetime.date(2020, 12, 31),
        ongoing=False,
        last_updated=datetime.date(2025, 11, 4),
        result_line="Click-and-collect pages for 140 shops in three towns, live within two weeks",
        organisation_model="association",
        budget_amount=150000,
        budget_currency="DKK",
        budget_notes="shared platform, all three towns",
        funders="The trade associations of the three towns",
        contacts=[("koge", 0), ("roskilde", 0), ("vejle", 0)],
        image={
            "title": "Online shop window (demo illustration)",
            "scene": "digital",
            "caption": "A shared web page for the shops of a town.",
            "credit": "Centre Network demo illustration, CC0",
        },
        body=[
            ("context", {
                "text": (
                    "<p>The lockdown closed shops overnight. Most independents had no web shop and "
                    "no time to build one, while customers were told to shop online.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Instead of monthly, the network of Danish town-centre managers met online "
                    "every day during the first weeks.</p>"
                ),
                "steps": [
                    {
                        "title": "Daily check-in",
                        "description": (
                            "Half an hour: what did your town try yesterday, what worked?"
                        ),
                    },
                    {
                        "title": "Shared tools",
                        "description": (
                            "A joint page listing which shops deliver or take orders by phone; a "
                            "local gift card sold online."
                        ),
                    },
                    {
                        "title": "One voice",
                        "description": (
                            "Towns spoke together when national messages favoured online giants "
                            "over local shops."
                        ),
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Several towns launched click-and-collect listings within two weeks by "
                    "copying each other. Gift-card sales kept some cash flowing to shops that were "
                    "closed.</p>"
                ),
                "figures": [
                    {"value": "2 weeks", "label": "to a working click-and-collect page"},
                    {"value": "140", "label": "shops listed in the three towns"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>Sharing daily beat planning alone; the network's value showed most when "
                    "nobody had answers yet.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>A network that already trusts each other, and a few people in each town "
                    "who can put a simple web page online.</p>"
                ),
                "cost": "Low: mostly time.",
                "time": "Days.",
                "pitfalls": "",
            }),
        ],
        related=["koge-dialogue-group"],
    ),
    dict(
        slug="schiedam-ondermijning-hoogstraat",
        title="Ondermijning herkennen op de Hoogstraat",
        summary=(
            "Schiedam leerde ondernemers, gemeente en politie samen signalen van ondermijning te "
            "herkennen, zonder eerlijke ondernemers verdacht te maken."
        ),
        areas=["schiedam"],
        themes=["undermining", "safety"],
        tags=["ondermijning", "signalen", "politie"],
        stakeholders=["municipality", "entrepreneurs", "others"],
        stakeholders_other="Politie, Regionaal Informatie- en Expertisecentrum",
        period_start=datetime.date(2022, 9, 1),
        period_end=datetime.date(2024, 3, 31),
        ongoing=False,
        last_updated=datetime.date(2025, 6, 10),
        result_line=(
            "60 ondernemers getraind in het herkennen van "
            "ondermijning, en één meldpunt voor de straat"
        ),
        organisation_model="fund",
        budget_amount=40000,
        budget_currency="EUR",
        budget_notes="over anderhalf jaar",
        funders="Gemeente Schiedam, ondernemersfonds",
        entrepreneurs_fund=True,
        subsidy="Regionale bijdrage voor weerbaarheid",
        written_in="nl",
        contacts=[("schiedam", 0), ("schiedam", 1)],
        body=[
            ("context", {
                "text": (
                    "<p>Aan de uiteinden van de Hoogstraat kwamen zaken die weinig klanten leken "
                    "te hebben maar wel lang bleven bestaan. Ondernemers maakten zich zorgen, maar "
                    "wisten niet waar ze het moesten melden.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Een aanpak in drie stappen, met de centrummanager als vertrouwd "
                    "aanspreekpunt.</p>"
                ),
                "steps": [
                    {
                        "title": "Training",
                        "description": "Ondernemers en medewerkers leren signalen herkennen.",
                    },
                    {
                        "title": "Meldroute",
                        "description": "Eén duidelijke plek voor zorgen, anoniem als dat nodig is.",
                    },
                    {
                        "title": "Samen kijken",
                        "description": "Gemeente en politie bespreken signalen en koppelen terug.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Ondernemers melden eerder, en de gemeente kon bij nieuwe vestigingen beter "
                    "doorvragen.</p>"
                ),
                "figures": [
                    {"value": "60", "label": "ondernemers getraind"},
                    {"value": "1", "label": "meldpunt"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>Vertrouwen is alles: zonder terugkoppeling stoppen mensen met melden.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>Een gemeente die capaciteit vrijmaakt en een centrummanager die "
                    "ondernemers goed kent.</p>"
                ),
                "cost": "Training en coördinatie.",
                "time": "Een jaar.",
                "pitfalls": (
                    "<p>Eerlijke ondernemers met een andere achtergrond ten onrechte "
                    "wantrouwen.</p>"
                ),
            }),
        ],
        related=[],
    ),
    dict(
        slug="den-bosch-zero-emission-deliveries",
        title="Zero-emission deliveries in a medieval centre",
        summary=(
            "'s-Hertogenbosch moved shop deliveries in its narrow streets to electric vehicles "
            "from a hub at the edge of the centre, with fixed delivery windows."
        ),
        areas=["den-bosch"],
        themes=["mobility", "public-space"],
        tags=["city logistics", "delivery hub", "zero emission"],
        stakeholders=["municipality", "entrepreneurs", "others"],
        stakeholders_other="Logistics companies",
        period_start=datetime.date(2022, 1, 1),
        period_end=None,
        ongoing=True,
        last_updated=datetime.date(2026, 10, 1),
        result_line="45% fewer delivery vehicles in the core, with 30 shops using the hub",
        organisation_model="foundation",
        budget_amount=1200000,
        budget_currency="EUR",
        budget_notes="over four years",
        funders="Gemeente 's-Hertogenbosch, logistics partners",
        subsidy="National programme for clean city logistics",
        contacts=[("den-bosch", 0), ("den-bosch", 1)],
        document={
            "title": "Delivery plan for the historic centre (demo)",
            "lines": [
                "Delivery plan, historic centre (demo document)",
                "1. Delivery windows 06:00-11:00",
                "2. Hub at the ring road; electric vans and cargo bikes",
                "3. Exceptions for fresh food and pharmacies",
                "4. Evaluation after twelve months",
            ],
        },
        body=[
            ("context", {
                "text": (
                    "<p>Vans and lorries filled the narrow streets in the morning, damaged the "
                    "paving and clashed with the first visitors. Residents complained about noise "
                    "and fumes.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Deliveries are bundled at a hub near the ring road and taken in by "
                    "electric vans and cargo bikes.</p>"
                ),
                "steps": [
                    {
                        "title": "Talk to the shops first",
                        "description": "Which deliveries cannot wait, which can be bundled?",
                    },
                    {
                        "title": "Delivery windows",
                        "description": "Fixed morning windows, enforced by cameras.",
                    },
                    {
                        "title": "Hub and last mile",
                        "description": "A logistics partner runs the hub and the electric fleet.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Fewer vehicles in the core in the morning and a quieter start to the "
                    "shopping day.</p>"
                ),
                "figures": [
                    {"value": "-45%", "label": "delivery vehicles in the core"},
                    {"value": "30", "label": "shops using the hub"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>Shops accepted windows once they saw exceptions for fresh food were taken "
                    "seriously.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>A compact core, a site for a hub and a logistics partner with electric "
                    "vehicles.</p>"
                ),
                "cost": "High up front; running costs shared with users.",
                "time": "Two years to full operation.",
                "pitfalls": "<p>Enforcing windows before the hub works reliably.</p>",
            }),
        ],
        related=[],
    ),
    dict(
        slug="deventer-year-round-programme",
        title="From three crowded festival days to a year-round programme",
        summary=(
            "Deventer's business improvement district used the pull of its book market and Dickens "
            "festival to plan smaller events spread over the whole year."
        ),
        areas=["deventer"],
        themes=["events", "branding", "financing"],
        tags=["festival", "BID", "footfall"],
        stakeholders=["entrepreneurs", "municipality"],
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        ongoing=False,
        last_updated=datetime.date(2024, 4, 22),
        result_line="Footfall up 9% in February–April, with twelve events a year",
        organisation_model="fund",
        organisation_details="Business improvement district with a small events team.",
        budget_amount=180000,
        budget_currency="EUR",
        budget_notes="per year",
        funders="BID levy, Gemeente Deventer",
        entrepreneurs_fund=True,
        contacts=[("deventer", 0), ("deventer", 1)],
        image={
            "title": "Festival stalls on the Brink (demo illustration)",
            "scene": "market",
            "caption": "A winter evening market on the square.",
            "credit": "Centre Network demo illustration, CC0",
        },
        body=[
            ("context", {
                "text": (
                    "<p>Two famous events drew huge crowds for a few days; the rest of the year "
                    "footfall was ordinary and some shops saw little of the festival visitors.</p>"
                ),
            }),
            ("approach", {
                "text": "<p>The BID planned a calendar of smaller events between the big ones.</p>",
                "steps": [
                    {"title": "Footfall data", "description": "Counters showed the quiet months."},
                    {
                        "title": "Small formats",
                        "description": "Monthly evening markets, themed weekends in side streets.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Footfall in the quiet months rose, and more shops in side streets took "
                    "part.</p>"
                ),
                "figures": [
                    {"value": "+9%", "label": "footfall in February–April"},
                    {"value": "12", "label": "events a year"},
                ],
            }),
            ("lessons", {
                "text": "<p>Measure before you plan: the data changed which months got events.</p>",
            }),
            ("transferability", {
                "conditions": "<p>A steady budget for more than one year, e.g. from a levy.</p>",
                "cost": "About a third of the BID budget.",
                "time": "One season to test.",
                "pitfalls": "",
            }),
        ],
        related=[],
    ),
    dict(
        slug="leeuwarden-owners-pact",
        title="Property owners sign a pact on vacancy",
        summary=(
            "In Leeuwarden owners of shop units agreed to share vacancy data, offer short leases "
            "to starters and convert upper floors to homes."
        ),
        areas=["leeuwarden"],
        themes=["vacancy", "governance"],
        tags=["pop-up shops", "living above shops", "short leases"],
        stakeholders=["property_owners", "municipality", "entrepreneurs"],
        period_start=datetime.date(2022, 4, 1),
        period_end=None,
        ongoing=True,
        last_updated=datetime.date(2026, 6, 30),
        result_line="Vacancy in the core fell from 11% to 7%, and 20 homes were made above shops",
        organisation_model="foundation",
        budget_amount=60000,
        budget_currency="EUR",
        budget_notes="per year",
        funders="Gemeente Leeuwarden, Vastgoedkring Leeuwarden",
        subsidy="Provincial programme for vital town centres",
        contacts=[("leeuwarden", 0), ("leeuwarden", 2)],
        body=[
            ("context", {
                "text": (
                    "<p>Vacancy crept up in the streets around the core, and many units belonged "
                    "to owners who lived elsewhere and never met the town.</p>"
                ),
            }),
            ("approach", {
                "text": "<p>The property owners' circle and the municipality drafted a pact.</p>",
                "steps": [
                    {
                        "title": "Share the data",
                        "description": (
                            "Owners report empty units and asking rents to the centre manager."
                        ),
                    },
                    {
                        "title": "Short leases",
                        "description": "Six-month leases for starters at reduced rent.",
                    },
                    {
                        "title": "Upper floors",
                        "description": (
                            "A municipal contribution for turning upper floors into homes."
                        ),
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Empty units in the core fell and twenty homes were created above shops.</p>"
                ),
                "figures": [
                    {"value": "11% → 7%", "label": "vacancy in the core"},
                    {"value": "20", "label": "homes above shops"},
                ],
            }),
            ("lessons", {
                "text": (
                    "<p>Owners who live far away respond to figures and to a single contact "
                    "person.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>An owners' association or at least a list of owners; municipal money for "
                    "conversions.</p>"
                ),
                "cost": "Modest; conversions are the main cost.",
                "time": "Two to three years.",
                "pitfalls": "",
            }),
        ],
        related=["vlaardingen-golden-triangle"],
    ),
    dict(
        slug="zwart-janstraat-street-manager",
        title="A street manager for the Zwart Janstraat",
        summary=(
            "A multicultural shopping street in Rotterdam got its own street manager, paid by a "
            "BIZ, to work on cleanliness, safety and the mix of shops with residents."
        ),
        areas=["rotterdam-zwart-janstraat"],
        themes=["safety", "public-space", "financing"],
        tags=["street manager", "BIZ", "cleanliness"],
        stakeholders=["entrepreneurs", "residents", "municipality"],
        period_start=datetime.date(2019, 1, 1),
        period_end=None,
        ongoing=True,
        last_updated=datetime.date(2026, 3, 9),
        result_line="The BIZ was renewed with 78% support, and complaints about litter dropped",
        organisation_model="fund",
        budget_amount=70000,
        budget_currency="EUR",
        budget_notes="per year",
        funders="BIZ levy, Gemeente Rotterdam",
        entrepreneurs_fund=True,
        contacts=[("rotterdam-zwart-janstraat", 0), ("rotterdam-zwart-janstraat", 1)],
        body=[
            ("context", {
                "text": (
                    "<p>The street has many small shops run by owners from many backgrounds. "
                    "Rubbish, nuisance and a weak image hurt trade.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>Shopkeepers voted for a BIZ that pays a street manager who speaks to every "
                    "shop in person.</p>"
                ),
                "steps": [
                    {
                        "title": "Door to door",
                        "description": "Visit each shop, in its own language where possible.",
                    },
                    {
                        "title": "Clean and safe",
                        "description": "Extra cleaning rounds and agreements with the police.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>Complaints about litter dropped and the BIZ was renewed with a larger "
                    "majority.</p>"
                ),
                "figures": [{"value": "78%", "label": "support in the renewal poll"}],
            }),
            ("lessons", {"text": "<p>Personal contact was worth more than any campaign.</p>"}),
            ("transferability", {
                "conditions": (
                    "<p>A majority of shopkeepers for a BIZ and someone who knows the street.</p>"
                ),
                "cost": "One salary.",
                "time": "A year to build trust.",
                "pitfalls": "",
            }),
        ],
        related=[],
    ),
    dict(
        slug="svendborg-harbour-street-greening",
        title="Greening the street between harbour and high street",
        summary=(
            "Svendborg replaced parking on the street linking its harbour and high street with "
            "trees, benches and space for cafés, testing it first for one summer."
        ),
        areas=["svendborg"],
        themes=["public-space", "mobility"],
        tags=["temporary design", "trees", "parking"],
        stakeholders=["municipality", "entrepreneurs", "residents"],
        period_start=datetime.date(2023, 5, 1),
        period_end=datetime.date(2024, 10, 31),
        ongoing=False,
        last_updated=datetime.date(2025, 1, 27),
        result_line="25% more pedestrians on the link street, and its shops backed the permanent design",
        organisation_model="municipal",
        budget_amount=2500000,
        budget_currency="DKK",
        budget_notes="test summer and permanent design",
        funders="Svendborg Kommune",
        subsidy="",
        contacts=[("svendborg", 0), ("svendborg", 1)],
        image={
            "title": "Harbour street with planters (demo illustration)",
            "scene": "square",
            "caption": "Temporary planters during the test summer.",
            "credit": "Centre Network demo illustration, CC0",
        },
        body=[
            ("context", {
                "text": (
                    "<p>Visitors arriving by ferry hardly found the high street: the link was a "
                    "car park with a pavement.</p>"
                ),
            }),
            ("approach", {
                "text": (
                    "<p>A temporary design for one summer, then a permanent one based on what was "
                    "learned.</p>"
                ),
                "steps": [
                    {"title": "Test summer", "description": "Planters, benches and café terraces."},
                    {
                        "title": "Count and ask",
                        "description": "Footfall counts and a survey of shops.",
                    },
                ],
            }),
            ("result", {
                "text": (
                    "<p>More visitors walked up from the harbour and shops on the link street "
                    "supported the permanent design.</p>"
                ),
                "figures": [{"value": "+25%", "label": "pedestrians on the link street"}],
            }),
            ("lessons", {
                "text": (
                    "<p>A temporary test turned a parking row into a conversation about "
                    "evidence.</p>"
                ),
            }),
            ("transferability", {
                "conditions": (
                    "<p>A street where parking can move elsewhere within walking distance.</p>"
                ),
                "cost": "Temporary test is cheap; permanent design is not.",
                "time": "Two seasons.",
                "pitfalls": "",
            }),
        ],
        related=["den-bosch-zero-emission-deliveries"],
    ),
]

# Demo accounts, to try the review workflow: username, the person they are, label of the login.
ACCOUNTS = [
    ("contributor", "Pieter Jansen", "Case study contributor login"),  # Vlaardingen, municipality
    ("editor", "Emma de Graaf", "Network editor login"),  # network office
]
