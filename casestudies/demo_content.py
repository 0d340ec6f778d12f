"""The demo case studies, as data. Written for the demo; facts about Vlaardingen, Valby and Køge
follow the project's source texts, everything else is invented but plausible.

Each case: slug, title, summary, areas (slugs), themes (slugs), tags, stakeholders (codes),
period, organisation, financing, contacts ((area slug, index in people_of) pairs), body
(a list of ("kind", value) pairs using the helpers below), optional image/document and
related cases (slugs).
"""
import datetime

D = datetime.date


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def context(*paragraphs):
    return ("context", {"text": p(*paragraphs)})


def approach(text, steps=()):
    return ("approach", {"text": p(text),
                         "steps": [{"title": title, "description": description}
                                   for title, description in steps]})


def result(text, figures=()):
    return ("result", {"text": p(text),
                       "figures": [{"value": value, "label": label} for value, label in figures]})


def lessons(*paragraphs):
    return ("lessons", {"text": p(*paragraphs)})


def transfer(conditions, cost="", time="", pitfalls=""):
    return ("transferability", {"conditions": p(conditions), "cost": cost, "time": time,
                                "pitfalls": p(pitfalls) if pitfalls else ""})


def quote(text, who="", role=""):
    return ("quote", {"quote": text, "attribution": who, "role": role})


LIBRARY = {
    "slug": "case-studies",
    "title": "Case studies",
    "intro": ("What member areas tried, how they went about it and what came of it: searchable by "
              "theme, country, size of town and who took part."),
}

CASES = [
    dict(
        slug="vlaardingen-golden-triangle",
        title="Vlaardingen builds a centre organisation on the golden triangle",
        summary=("Municipality, shopkeepers and property owners in Vlaardingen agreed to share "
                 "decisions and costs for the town centre, starting with the parties willing to "
                 "commit rather than waiting for everyone."),
        areas=["vlaardingen"], themes=["governance", "financing", "vacancy"],
        tags=["golden triangle", "property owners' association", "coalition of the willing"],
        stakeholders=["municipality", "entrepreneurs", "property_owners"],
        period_start=D(2021, 3, 1), period_end=None, ongoing=True,
        organisation_model="foundation",
        organisation_details=("Foundation with a board drawn from the three parties; a centre "
                              "manager runs the work with groups of active entrepreneurs."),
        budget_amount=95000, budget_currency="EUR", budget_notes="per year, shared by the parties",
        funders="Gemeente Vlaardingen, entrepreneurs, property owners",
        entrepreneurs_fund=False, subsidy="",
        contacts=[("vlaardingen", 0), ("vlaardingen", 1), ("vlaardingen", 2)],
        image={"title": "Vlaardingen harbour front (demo illustration)",
               "colours": ((22, 78, 99), (240, 180, 90)),
               "caption": "Quays and shopping streets meet at the old harbour.",
               "credit": "Centre Network demo"},
        body=[
            context("For years the centre was discussed in many meetings and owned by none of them. "
                    "Shopkeepers organised events, the municipality drew up plans and owners of "
                    "empty units were hard to reach. Each party had its own goal: a pleasant town to "
                    "live in for the municipality, a place where trade pays for entrepreneurs, a "
                    "decent return for property owners.",
                    "The municipality asked for a structure in which the three would not just talk "
                    "but commit people and money to one agenda."),
            approach("Before any new organisation was designed, each party first sorted out its own "
                     "position.", [
                         ("Representation and mandate",
                          "Who speaks for the shopkeepers, the owners and the town hall, and how do "
                          "they check back with the people they represent?"),
                         ("Each party's own agenda",
                          "Every party wrote down what it wants from the centre and what return it "
                          "expects, in money or otherwise."),
                         ("What each can invest",
                          "People and budget each party can put into the new organisation, stated "
                          "up front."),
                         ("A joint agenda",
                          "Only then the parties drafted a shared agenda: vacancy, joint promotion, "
                          "and the look and feel of the streets."),
                     ]),
            quote("We work with the people who want to work with us; the door stays open for the "
                  "rest.", "Member of the municipal executive", "Gemeente Vlaardingen"),
            result("The blueprint of the centre organisation is supported by all three parties. "
                   "Owners are forming their own association so that they have one voice at the "
                   "table, and working groups of active shopkeepers have started on promotion.", [
                       ("3", "parties committed to the blueprint"),
                       ("4", "working groups of entrepreneurs"),
                       ("1", "property owners' association being set up"),
                   ]),
            lessons("Choosing the 'coalition of the willing' over waiting for full representation "
                    "got things moving, but it has to be explained again and again to those not yet "
                    "at the table.",
                    "For the municipality this is a different way of working: sharing the lead "
                    "means accepting decisions it does not fully control."),
            transfer("A municipality prepared to share the lead, a few entrepreneurs who will take on "
                     "a role, and at least some owners who can be reached.",
                     cost="A part-time process lead for the first year; later the centre manager.",
                     time="About eighteen months from first talks to a working board.",
                     pitfalls="Designing the organisation before each party knows what it wants "
                              "from it."),
        ],
        related=["koge-dialogue-group", "leeuwarden-owners-pact"],
    ),
    dict(
        slug="valby-quarter-manager",
        title="A quarter manager for Valby, after the Hamburg model",
        summary=("Copenhagen's Valby district tried out Denmark's first quarter manager: one "
                 "person who brings together the local committee, trade associations, landlords "
                 "and the shopping centre to keep the high street lively."),
        areas=["valby"], themes=["governance", "events"],
        tags=["quarter manager", "Hamburg model", "pilot"],
        stakeholders=["municipality", "entrepreneurs", "property_owners", "residents", "others"],
        stakeholders_other="Local committee, the shopping centre, the area renewal programme",
        period_start=D(2013, 5, 1), period_end=D(2013, 12, 31), ongoing=False,
        organisation_model="quarter_manager",
        organisation_details="A quarter manager employed for a pilot period, steered by local partners.",
        budget_amount=600000, budget_currency="DKK", budget_notes="for the pilot",
        funders=("Copenhagen municipality's business service, the area renewal programme, the "
                 "local committee and local traders"),
        contacts=[("valby", 0), ("valby", 1)],
        image={"title": "Valby Langgade (demo illustration)",
               "colours": ((120, 40, 50), (250, 220, 150)),
               "caption": "The high street and its side streets form the pilot area.",
               "credit": "Centre Network demo"},
        body=[
            context("Valby's high street competes with the city centre and with a large mall, and "
                    "no single party looked after the street as a whole. A district plan drawn up "
                    "with residents had asked for someone to do exactly that.",
                    "German cities such as Hamburg use quarter managers who organise events, "
                    "coordinate the shops and build partnerships. Copenhagen wanted to know whether "
                    "the model works in a Danish district before using it elsewhere."),
            approach("The pilot ran for the rest of the year with one quarter manager.", [
                ("Map the parties", "Local committee, trade associations, green business network, "
                                    "landlords of shop premises and the shopping centre."),
                ("Small visible projects", "Joint events and campaigns to show what cooperation can do."),
                ("A lasting partnership", "Work towards a partnership that commits its members "
                                          "beyond the pilot."),
            ]),
            result("The pilot brought parties to one table that had never met as a group and "
                   "delivered a series of joint events. Its main output was the experience itself: "
                   "what a quarter manager needs to succeed in a Copenhagen district.", [
                       ("8", "months of pilot"),
                       ("5", "kinds of partners around the table"),
                   ]),
            lessons("A pilot of a few months is short for building trust; plan the question of "
                    "permanent funding from the first day, not the last."),
            transfer("A district with its own high street, partners willing to meet and a funder "
                     "for at least the first year.",
                     cost="One salary plus a small activity budget.",
                     time="A year at least; two is more realistic.",
                     pitfalls="Expecting the shopping centre and the street to share goals without "
                              "working on it."),
        ],
        related=["vlaardingen-golden-triangle"],
    ),
    dict(
        slug="koge-dialogue-group",
        title="Køge: en dialoggruppe for en stærkere handel",
        summary=("Køge Handel og Køge Kommune mødes fast i en dialoggruppe om detailhandlens "
                 "udvikling, så byens handel og politikere arbejder ud fra samme billede."),
        areas=["koge"], themes=["governance"],
        tags=["dialoggruppe", "partnerskab"],
        stakeholders=["municipality", "entrepreneurs"],
        period_start=D(2020, 6, 1), period_end=None, ongoing=True,
        organisation_model="association",
        organisation_details="Handelsforeningen og kommunen i en fast dialoggruppe.",
        written_in="da",
        contacts=[("koge", 0), ("koge", 1)],
        body=[
            context("Handlen i bymidten manglede et fast sted at tale med kommunen om de lange "
                    "linjer. Sagerne blev taget én ad gangen, ofte for sent."),
            approach("Handelsforeningen og kommunen aftalte en fast dialoggruppe med politikere, "
                     "forvaltning og repræsentanter for butikkerne.", [
                         ("Fælles dagsorden", "Hvert møde har både en aktuel sag og et tema for "
                                              "byens udvikling."),
                         ("Viden udefra", "Erfaringer fra andre handelsbyer i netværket bringes ind."),
                     ]),
            result("Samarbejdet mellem handel og kommune er blevet tættere, og sager om bymidten "
                   "kommer tidligere på bordet.", [("4", "møder om året")]),
            lessons("En fast mødestruktur betyder mere end det enkelte møde: det giver tillid."),
            transfer("En handelsforening, der taler for mange butikker, og en kommune, der vil "
                     "lytte.", cost="Mødetid.", time="Et halvt år at komme i gang."),
        ],
        related=["danish-towns-lockdown-digital"],
    ),
    dict(
        slug="danish-towns-lockdown-digital",
        title="Digital tools for local shops during the 2020 lockdown",
        summary=("When Danish shops closed in spring 2020, trading towns met online every day to "
                 "share which digital tools kept customers buying locally, and copied what worked."),
        areas=["koge", "roskilde", "vejle"], themes=["digitalisation", "events"],
        tags=["lockdown", "click and collect", "gift card"],
        stakeholders=["entrepreneurs", "others"],
        stakeholders_other="The national network of trading towns",
        period_start=D(2020, 3, 15), period_end=D(2020, 12, 31), ongoing=False,
        organisation_model="association",
        budget_amount=150000, budget_currency="DKK", budget_notes="shared platform, all three towns",
        funders="The trade associations of the three towns",
        contacts=[("koge", 0), ("roskilde", 0), ("vejle", 0)],
        image={"title": "Online shop window (demo illustration)",
               "colours": ((30, 60, 120), (160, 220, 230)),
               "caption": "A shared web page for the shops of a town.", "credit": "Centre Network demo"},
        body=[
            context("The lockdown closed shops overnight. Most independents had no web shop and "
                    "no time to build one, while customers were told to shop online."),
            approach("Instead of monthly, the network of Danish town-centre managers met online "
                     "every day during the first weeks.", [
                         ("Daily check-in", "Half an hour: what did your town try yesterday, what "
                                            "worked?"),
                         ("Shared tools", "A joint page listing which shops deliver or take "
                                          "orders by phone; a local gift card sold online."),
                         ("One voice", "Towns spoke together when national messages favoured "
                                       "online giants over local shops."),
                     ]),
            result("Several towns launched click-and-collect listings within two weeks by copying "
                   "each other. Gift-card sales kept some cash flowing to shops that were closed.", [
                       ("2 weeks", "to a working click-and-collect page"),
                       ("140", "shops listed in the three towns"),
                   ]),
            lessons("Sharing daily beat planning alone; the network's value showed most when "
                    "nobody had answers yet."),
            transfer("A network that already trusts each other, and a few people in each town who "
                     "can put a simple web page online.", cost="Low: mostly time.", time="Days."),
        ],
        related=["koge-dialogue-group"],
    ),
    dict(
        slug="schiedam-ondermijning-hoogstraat",
        title="Ondermijning herkennen op de Hoogstraat",
        summary=("Schiedam leerde ondernemers, gemeente en politie samen signalen van "
                 "ondermijning te herkennen, zonder eerlijke ondernemers verdacht te maken."),
        areas=["schiedam"], themes=["undermining", "safety"],
        tags=["ondermijning", "signalen", "politie"],
        stakeholders=["municipality", "entrepreneurs", "others"],
        stakeholders_other="Politie, Regionaal Informatie- en Expertisecentrum",
        period_start=D(2022, 9, 1), period_end=D(2024, 3, 31), ongoing=False,
        organisation_model="fund",
        budget_amount=40000, budget_currency="EUR", budget_notes="over anderhalf jaar",
        funders="Gemeente Schiedam, ondernemersfonds", entrepreneurs_fund=True,
        subsidy="Regionale bijdrage voor weerbaarheid",
        written_in="nl",
        contacts=[("schiedam", 0), ("schiedam", 1)],
        body=[
            context("Aan de uiteinden van de Hoogstraat kwamen zaken die weinig klanten leken te "
                    "hebben maar wel lang bleven bestaan. Ondernemers maakten zich zorgen, maar "
                    "wisten niet waar ze het moesten melden."),
            approach("Een aanpak in drie stappen, met de centrummanager als vertrouwd aanspreekpunt.", [
                ("Training", "Ondernemers en medewerkers leren signalen herkennen."),
                ("Meldroute", "Eén duidelijke plek voor zorgen, anoniem als dat nodig is."),
                ("Samen kijken", "Gemeente en politie bespreken signalen en koppelen terug."),
            ]),
            result("Ondernemers melden eerder, en de gemeente kon bij nieuwe vestigingen beter "
                   "doorvragen.", [("60", "ondernemers getraind"), ("1", "meldpunt")]),
            lessons("Vertrouwen is alles: zonder terugkoppeling stoppen mensen met melden."),
            transfer("Een gemeente die capaciteit vrijmaakt en een centrummanager die ondernemers "
                     "goed kent.", cost="Training en coördinatie.", time="Een jaar.",
                     pitfalls="Eerlijke ondernemers met een andere achtergrond ten onrechte wantrouwen."),
        ],
        related=[],
    ),
    dict(
        slug="den-bosch-zero-emission-deliveries",
        title="Zero-emission deliveries in a medieval centre",
        summary=("'s-Hertogenbosch moved shop deliveries in its narrow streets to electric vehicles "
                 "from a hub at the edge of the centre, with fixed delivery windows."),
        areas=["den-bosch"], themes=["mobility", "public-space"],
        tags=["city logistics", "delivery hub", "zero emission"],
        stakeholders=["municipality", "entrepreneurs", "others"],
        stakeholders_other="Logistics companies",
        period_start=D(2022, 1, 1), period_end=None, ongoing=True,
        organisation_model="foundation",
        budget_amount=1200000, budget_currency="EUR", budget_notes="over four years",
        funders="Gemeente 's-Hertogenbosch, logistics partners",
        subsidy="National programme for clean city logistics",
        contacts=[("den-bosch", 0), ("den-bosch", 1)],
        document={"title": "Delivery plan for the historic centre (demo)",
                  "lines": ["Delivery plan, historic centre (demo document)",
                            "1. Delivery windows 06:00-11:00",
                            "2. Hub at the ring road; electric vans and cargo bikes",
                            "3. Exceptions for fresh food and pharmacies",
                            "4. Evaluation after twelve months"]},
        body=[
            context("Vans and lorries filled the narrow streets in the morning, damaged the paving "
                    "and clashed with the first visitors. Residents complained about noise and fumes."),
            approach("Deliveries are bundled at a hub near the ring road and taken in by electric "
                     "vans and cargo bikes.", [
                         ("Talk to the shops first", "Which deliveries cannot wait, which can be "
                                                     "bundled?"),
                         ("Delivery windows", "Fixed morning windows, enforced by cameras."),
                         ("Hub and last mile", "A logistics partner runs the hub and the "
                                               "electric fleet."),
                     ]),
            result("Fewer vehicles in the core in the morning and a quieter start to the shopping "
                   "day.", [("-45%", "delivery vehicles in the core"), ("30", "shops using the hub")]),
            lessons("Shops accepted windows once they saw exceptions for fresh food were taken "
                    "seriously."),
            transfer("A compact core, a site for a hub and a logistics partner with electric "
                     "vehicles.", cost="High up front; running costs shared with users.",
                     time="Two years to full operation.",
                     pitfalls="Enforcing windows before the hub works reliably."),
        ],
        related=[],
    ),
    dict(
        slug="deventer-year-round-programme",
        title="From three crowded festival days to a year-round programme",
        summary=("Deventer's business improvement district used the pull of its book market and "
                 "Dickens festival to plan smaller events spread over the whole year."),
        areas=["deventer"], themes=["events", "branding", "financing"],
        tags=["festival", "BID", "footfall"],
        stakeholders=["entrepreneurs", "municipality"],
        period_start=D(2021, 1, 1), period_end=D(2023, 12, 31), ongoing=False,
        organisation_model="fund",
        organisation_details="Business improvement district with a small events team.",
        budget_amount=180000, budget_currency="EUR", budget_notes="per year",
        funders="BID levy, Gemeente Deventer", entrepreneurs_fund=True,
        contacts=[("deventer", 0), ("deventer", 1)],
        image={"title": "Festival stalls on the Brink (demo illustration)",
               "colours": ((90, 40, 110), (250, 200, 120)),
               "caption": "A winter evening market on the square.", "credit": "Centre Network demo"},
        body=[
            context("Two famous events drew huge crowds for a few days; the rest of the year "
                    "footfall was ordinary and some shops saw little of the festival visitors."),
            approach("The BID planned a calendar of smaller events between the big ones.", [
                ("Footfall data", "Counters showed the quiet months."),
                ("Small formats", "Monthly evening markets, themed weekends in side streets."),
            ]),
            result("Footfall in the quiet months rose, and more shops in side streets took part.",
                   [("+9%", "footfall in February–April"), ("12", "events a year")]),
            lessons("Measure before you plan: the data changed which months got events."),
            transfer("A steady budget for more than one year, e.g. from a levy.",
                     cost="About a third of the BID budget.", time="One season to test."),
        ],
        related=[],
    ),
    dict(
        slug="leeuwarden-owners-pact",
        title="Property owners sign a pact on vacancy",
        summary=("In Leeuwarden owners of shop units agreed to share vacancy data, offer short "
                 "leases to starters and convert upper floors to homes."),
        areas=["leeuwarden"], themes=["vacancy", "governance"],
        tags=["pop-up shops", "living above shops", "short leases"],
        stakeholders=["property_owners", "municipality", "entrepreneurs"],
        period_start=D(2022, 4, 1), period_end=None, ongoing=True,
        organisation_model="foundation",
        budget_amount=60000, budget_currency="EUR", budget_notes="per year",
        funders="Gemeente Leeuwarden, Vastgoedkring Leeuwarden",
        subsidy="Provincial programme for vital town centres",
        contacts=[("leeuwarden", 0), ("leeuwarden", 2)],
        body=[
            context("Vacancy crept up in the streets around the core, and many units belonged to "
                    "owners who lived elsewhere and never met the town."),
            approach("The property owners' circle and the municipality drafted a pact.", [
                ("Share the data", "Owners report empty units and asking rents to the centre manager."),
                ("Short leases", "Six-month leases for starters at reduced rent."),
                ("Upper floors", "A municipal contribution for turning upper floors into homes."),
            ]),
            result("Empty units in the core fell and twenty homes were created above shops.",
                   [("11% → 7%", "vacancy in the core"), ("20", "homes above shops")]),
            lessons("Owners who live far away respond to figures and to a single contact person."),
            transfer("An owners' association or at least a list of owners; municipal money for "
                     "conversions.", cost="Modest; conversions are the main cost.",
                     time="Two to three years."),
        ],
        related=["vlaardingen-golden-triangle"],
    ),
    dict(
        slug="zwart-janstraat-street-manager",
        title="A street manager for the Zwart Janstraat",
        summary=("A multicultural shopping street in Rotterdam got its own street manager, paid "
                 "by a BIZ, to work on cleanliness, safety and the mix of shops with residents."),
        areas=["rotterdam-zwart-janstraat"], themes=["safety", "public-space", "financing"],
        tags=["street manager", "BIZ", "cleanliness"],
        stakeholders=["entrepreneurs", "residents", "municipality"],
        period_start=D(2019, 1, 1), period_end=None, ongoing=True,
        organisation_model="fund",
        budget_amount=70000, budget_currency="EUR", budget_notes="per year",
        funders="BIZ levy, Gemeente Rotterdam", entrepreneurs_fund=True,
        contacts=[("rotterdam-zwart-janstraat", 0), ("rotterdam-zwart-janstraat", 1)],
        body=[
            context("The street has many small shops run by owners from many backgrounds. "
                    "Rubbish, nuisance and a weak image hurt trade."),
            approach("Shopkeepers voted for a BIZ that pays a street manager who speaks to every "
                     "shop in person.", [
                         ("Door to door", "Visit each shop, in its own language where possible."),
                         ("Clean and safe", "Extra cleaning rounds and agreements with the police."),
                     ]),
            result("Complaints about litter dropped and the BIZ was renewed with a larger majority.",
                   [("78%", "support in the renewal poll")]),
            lessons("Personal contact was worth more than any campaign."),
            transfer("A majority of shopkeepers for a BIZ and someone who knows the street.",
                     cost="One salary.", time="A year to build trust."),
        ],
        related=[],
    ),
    dict(
        slug="svendborg-harbour-street-greening",
        title="Greening the street between harbour and high street",
        summary=("Svendborg replaced parking on the street linking its harbour and high street "
                 "with trees, benches and space for cafés, testing it first for one summer."),
        areas=["svendborg"], themes=["public-space", "mobility"],
        tags=["temporary design", "trees", "parking"],
        stakeholders=["municipality", "entrepreneurs", "residents"],
        period_start=D(2023, 5, 1), period_end=D(2024, 10, 31), ongoing=False,
        organisation_model="municipal",
        budget_amount=2500000, budget_currency="DKK", budget_notes="test summer and permanent design",
        funders="Svendborg Kommune", subsidy="",
        contacts=[("svendborg", 0), ("svendborg", 1)],
        image={"title": "Harbour street with planters (demo illustration)",
               "colours": ((40, 100, 60), (200, 230, 170)),
               "caption": "Temporary planters during the test summer.", "credit": "Centre Network demo"},
        body=[
            context("Visitors arriving by ferry hardly found the high street: the link was a "
                    "car park with a pavement."),
            approach("A temporary design for one summer, then a permanent one based on what was "
                     "learned.", [("Test summer", "Planters, benches and café terraces."),
                                  ("Count and ask", "Footfall counts and a survey of shops.")]),
            result("More visitors walked up from the harbour and shops on the link street "
                   "supported the permanent design.", [("+25%", "pedestrians on the link street")]),
            lessons("A temporary test turned a parking row into a conversation about evidence."),
            transfer("A street where parking can move elsewhere within walking distance.",
                     cost="Temporary test is cheap; permanent design is not.", time="Two seasons."),
        ],
        related=["den-bosch-zero-emission-deliveries"],
    ),
]
