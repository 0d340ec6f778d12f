"""Demo content of the sessions app, as data: the programme page, two years of monthly thematic
sessions, the working group "Setting up centre management", and who signs up for what.

Only literals here; ``sessions.demo`` and ``sessions.demo_registration`` load them. Member
areas and themes are named by their slugs in ``network.demo_content``, people by name.
"""
import datetime

VIDEO = "https://video.centre-network.example/sessions/"
MEET = "https://meet.centre-network.example/"

INDEX_PAGE = {
    "slug": "sessions",
    "title": "Sessions",
    "intro": "Every month members meet online for ninety minutes around one theme: one area "
             "presents its case, the others ask and compare. Working groups meet a few times "
             "on one question. Subscribe to the calendar and moves or cancellations reach "
             "you by themselves.",
}

# Every thematic session of the learning programme: second Thursday, 15:00–16:30, online.
# Series names and descriptions have Dutch and Danish columns (network.localized).
PROGRAMME_SERIES = {
    "name": "Learning programme {year}",
    "description": "The monthly online thematic sessions of {year}: ninety minutes, one theme, "
                   "one area presenting its case, on the second Thursday of the month.",
    "name_nl": "Leerprogramma {year}",
    "description_nl": "De maandelijkse online thematische sessies van {year}: negentig minuten, "
                      "één thema, één gebied dat zijn casus presenteert, op de tweede donderdag "
                      "van de maand.",
    "name_da": "Læringsprogram {year}",
    "description_da": "De månedlige online temamøder i {year}: halvfems minutter, ét tema, ét "
                      "område, der fremlægger sin case, den anden torsdag i måneden.",
}
PROGRAMME_SESSION = {
    "start_time": datetime.time(15),
    "end_time": datetime.time(16, 30),
    "capacity": 40,
    "agenda": [
        ("item", {"time": datetime.time(15, 0), "item": "Welcome and a round of names"}),
        ("item", {"time": datetime.time(15, 10), "item": "The case, presented by the host area"}),
        ("item", {"time": datetime.time(15, 40), "item": "Questions and comparison in small groups"}),
        ("item", {"time": datetime.time(16, 10), "item": "What each of us takes home"}),
    ],
}

# What members take home, per theme: the closing round of every session and the notes file.
TAKE_HOME = {
    "vacancy": ["Which three units would you tackle first, and who owns them?",
                "Which owner could you visit before the next session?"],
    "branding": ["Could a visitor name what your centre is known for after one visit?",
                 "Which local businesses already tell that story for you?"],
    "undermining": ["Who in your municipality sees the permit files you never see?",
                    "What signal would make you call the liaison officer?"],
    "public-space": ["Where in your centre do people stop without buying anything?",
                     "What is one small change you could test this season?"],
    "mobility": ["How do most of your visitors arrive, measured rather than assumed?",
                 "Which delivery hours cause the most friction?"],
    "financing": ["How long can your organisation run if one subsidy stops?",
                  "Who must say yes before a new fund can start?"],
    "governance": ["Who decides about the centre today, and who only advises?",
                   "Which agreement would you write down first?"],
    "digitalisation": ["Which figure would change a decision if you had it monthly?",
                       "Who keeps the data once a project ends?"],
    "events": ["Which event brings people back on an ordinary Tuesday?",
               "What does an event cost the shops that stay closed?"],
    "safety": ["Where do people feel unsafe, and is that where incidents happen?",
               "Who do shopkeepers call first, and do they know the number?"],
}

# (month, theme, host area, title, description, summary). Hosts from Denmark use Copenhagen time.
PROGRAMME = {
    2026: [
        (1, "vacancy", "vlaardingen", "Empty shop units: from waiting to steering",
         "Vlaardingen stopped waiting for tenants and started talking to owners unit by unit. "
         "We look at their vacancy map and the agreements that came out of it.",
         "Vlaardingen showed how a simple map of owners, rents and lease ends turned a vague "
         "worry into a list of twelve conversations. Several areas decided to build the same "
         "map before spring."),
        (2, "branding", "den-bosch", "One story for the whole centre",
         "How do you agree on one story when every street association has its own? Den Bosch "
         "shares how they chose a few words that shopkeepers actually use.",
         "The lesson from Den Bosch: start from what visitors already say, not from a slogan. "
         "Participants compared their own logos and found most of them said nothing about the "
         "centre itself."),
        (3, "undermining", "schiedam", "Recognising criminal money in the high street",
         "Shops that never seem to have customers, frequent changes of owner: what can a centre "
         "manager notice, and what should be left to the authorities?",
         "Schiedam explained their route from signal to the municipality's screening team. The "
         "main point: centre managers collect signals, they do not investigate."),
        (4, "public-space", "koge", "Squares people stay on",
         "Køge rebuilt its market square around places to sit and play. What made people stay "
         "longer, and what did the shops notice?",
         "Køge measured how long people stayed on the square before and after the rebuilding. "
         "Benches in the sun and a water feature for children did more than the new paving."),
        (5, "mobility", "deventer", "Parking, cycling and the last mile for shops",
         "Deventer moved parking to the edge of the centre. We hear what the retailers feared, "
         "what happened to footfall and how deliveries were solved.",
         "Footfall in Deventer dropped for one quarter and then recovered above the old level. "
         "The delivery windows took longer to agree than the parking itself."),
        (6, "financing", "amersfoort", "Funding the centre organisation year after year",
         "Project subsidies end; the centre organisation has to go on. Amersfoort compares its "
         "mix of municipal money, contributions and the entrepreneurs' fund.",
         "Amersfoort's advice: never let one source pay more than half the budget. Areas with a "
         "fund were far more relaxed about the coming year than those living on subsidies."),
        (8, "governance", "leeuwarden", "Who decides in the centre?",
         "Municipality, property owners, retailers and hospitality all have a say. Leeuwarden "
         "shows the agreement that describes who decides what.",
         "Leeuwarden's covenant fits on two pages. Participants agreed that the list of what the "
         "centre organisation does not decide was the most useful part."),
        (9, "digitalisation", "roskilde", "Footfall counters and what to do with the numbers",
         "Roskilde has counted visitors for three years. Which figures changed a decision, and "
         "which ones only filled reports?",
         "Roskilde uses only two figures every month: visitors per weekday and the share of "
         "evening visits. Everything else is looked at once a year."),
        (10, "events", "svendborg", "Events that bring people back on weekdays",
         "Svendborg tried small weekday events instead of one big festival. What did it cost, "
         "and did people come back?",
         ""),
        (11, "safety", "rotterdam-zwart-janstraat", "Safe and welcoming after dark",
         "The Zwart Janstraat works with shopkeepers, residents and the police on a street that "
         "feels safe in the evening. Lighting, presence and a shared app.",
         "The shared app mattered less than knowing each other: shopkeepers who had met the "
         "neighbourhood officer called earlier and more often."),
        (12, "vacancy", "boxtel", "Living above the shop",
         "Empty upper floors are a quiet form of vacancy. Boxtel helped owners turn them into "
         "homes, which brought people back into the centre in the evening.",
         "Boxtel's small grant for separate entrances was the turning point. Several owners had "
         "wanted to build homes for years but could not reach them without going through the "
         "shop."),
    ],
    2027: [
        (1, "branding", "horsens", "Telling the centre's story online and offline",
         "Horsens runs one channel for the whole centre. Who writes, who pays and how do the "
         "shops take part?",
         "Horsens has one editor paid from the fund and lets shops post through her. A shared "
         "channel only works when someone owns it."),
        (2, "vacancy", "valby", "Shrinking an oversized shopping area",
         "Valby has more retail space than it can fill. We discuss making the core smaller and "
         "finding other uses for the edges.",
         "Valby mapped which streets to keep as shopping streets and which to let change. "
         "Honesty towards owners at the edges came up again and again."),
        (3, "public-space", "vlaardingen", "Greening the shopping street",
         "Trees, planters and less stone: Vlaardingen's greening pilot and what it meant for "
         "heat, rainwater and visitors.",
         "The planters were cheap; agreeing on who waters them was not. Vlaardingen now lets "
         "shopkeepers adopt a planter in front of their door."),
        (4, "financing", "schiedam", "Renewing the entrepreneurs' fund",
         "Schiedam's fund expires next year. How do you prepare the support poll, and what do "
         "you tell businesses that pay but never come to meetings?",
         "Schiedam starts a year ahead: visits to every contributor, a short report of what the "
         "fund paid for, and a clear date for the poll."),
        (5, "undermining", "den-bosch", "Landlords, permits and screening",
         "How the municipality can screen new businesses and landlords before a permit is "
         "granted, and where the centre organisation helps.",
         "Den Bosch showed that screening works best when the centre organisation knows the "
         "calendar of permit renewals."),
        (6, "mobility", "vejle", "Delivery traffic and car-free hours",
         "Vejle closed its main street to cars for most of the day. How did suppliers, shops and "
         "residents adjust?",
         "Vejle's first months were hard for small shops that receive many parcels. A shared "
         "pick-up point at the edge of the centre solved most of it."),
        (8, "events", "ebeltoft", "A year-round events calendar on a small budget",
         "Ebeltoft plans events across the year with volunteers and the shops. What keeps it "
         "going outside the tourist season?",
         "Ebeltoft keeps one calendar that everyone can add to, and pays only for what "
         "volunteers cannot do. Winter events are small and frequent."),
        (9, "digitalisation", "deventer", "A shared local webshop: does it work?",
         "Deventer tried a common webshop for independent shops. We look at the figures and at "
         "what the shops learned about their customers.",
         "The webshop sold little, but the shops that joined learned to photograph and describe "
         "their products, which helped their own channels."),
        (10, "governance", "amersfoort", "Working with a new city council",
         "A new council brings new priorities. Amersfoort shares how they introduced the centre "
         "programme to new aldermen.",
         "Amersfoort gives every new alderman a walk through the centre with three shopkeepers "
         "and one page of figures. It works better than any report."),
        (11, "safety", "leeuwarden", "Shoplifting and a shared reporting line",
         "Leeuwarden's shops report theft through one number. What happened to the number of "
         "reports and to the response?",
         "Reports went up in the first year, which the shops first read as bad news. The police "
         "now plan presence on the basis of the reports."),
        (12, "branding", "koge", "Winter lights and the December economy",
         "Køge's winter lights are paid for jointly by shops and the municipality. How do you "
         "share the cost and measure the effect?",
         "Køge found that the lights matter most in the weeks after Christmas, when visitors "
         "would otherwise stay away."),
    ],
}

CANCELLED = {(2026, 10): "Too few members could take part in the autumn holiday week; "
                         "the theme returns in the 2027 programme."}
# The January 2027 session moves a week later: the original date clashed with New Year receptions.
MOVED = {(2027, 1): datetime.date(2027, 1, 21)}

WORKING_GROUP = {
    "slug": "setting-up-centre-management",
    "name": "Setting up centre management",
    "description": "A working group for areas that are starting or rebuilding their centre "
                   "organisation: three half-day meetings for five to eight centre areas, at most "
                   "three people per area, so that everyone works on their own case.",
    "name_nl": "Centrummanagement opzetten",
    "description_nl": "Een werkgroep voor gebieden die hun centrumorganisatie opzetten of "
                      "opnieuw inrichten: drie bijeenkomsten van een halve dag voor vijf tot acht "
                      "centrumgebieden, met hoogstens drie mensen per gebied, zodat iedereen aan "
                      "de eigen casus werkt.",
    "name_da": "Opbygning af citymanagement",
    "description_da": "En arbejdsgruppe for områder, der starter eller genopbygger deres "
                      "bymidteorganisation: tre halvdagsmøder for fem til otte bymidter, højst "
                      "tre personer pr. område, så alle arbejder med deres egen case.",
    "meetings": [
        ("organisation-structure", datetime.date(2027, 2, 9), "deventer", "in_person",
         "De Bibliotheek Deventer", "Stromarkt 18, Deventer",
         "Working group 1: organisation structure",
         "Foundation, association or a manager employed by the municipality: each area sketches "
         "the structure that fits its own centre and tests it against the others.",
         ["governance"]),
        ("financing", datetime.date(2027, 3, 16), None, "online", "", "",
         "Working group 2: financing through an entrepreneurs' fund",
         "How an entrepreneurs' fund works, what the support poll among businesses requires and "
         "how to plan the year before it. Areas bring their draft budget.",
         ["financing"]),
        ("projects", datetime.date(2027, 4, 13), "vejle", "hybrid",
         "Vejle Bibliotek", "Willy Sørensens Plads 1, Vejle",
         "Working group 3: choosing the first projects",
         "Which projects show results in the first year and build trust for the long run? Each "
         "area leaves with a short list and a first step.",
         ["vacancy", "public-space"]),
    ],
}
# Every meeting of the working group: a half day, registration in a fixed window.
WORKING_GROUP_SESSION = {
    "start_time": datetime.time(9, 30),
    "end_time": datetime.time(13),
    "capacity": 24,
    "max_per_area": 3,
    "registration_opens": datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC),
    "registration_closes": datetime.datetime(2027, 1, 25, 12, tzinfo=datetime.UTC),
    "description_suffix": "<p>For five to eight centre areas, at most three people per area. "
                          "Bring your own case.</p>",
}

# --------------------------------------------------------------------------------------------
# Registrations (sessions.demo_registration)
# --------------------------------------------------------------------------------------------

# Colleagues of the directory's people who sign up without being in the directory themselves
# (assistants, board members, municipal officers): (area, name, e-mail).
COLLEAGUES = [
    ("vlaardingen", "Esther Groenewegen", "esther.groenewegen@example.nl"),
    ("schiedam", "Rob van der Linden", "rob.vanderlinden@example.nl"),
    ("den-bosch", "Marieke Smits", "marieke.smits@example.nl"),
    ("deventer", "Koen Hofman", "koen.hofman@example.nl"),
    ("amersfoort", "Laura Kok", "laura.kok@example.nl"),
    ("amersfoort", "Bas Timmermans", "bas.timmermans@example.nl"),
    ("leeuwarden", "Jelle de Boer", "jelle.deboer@example.nl"),
    ("rotterdam-zwart-janstraat", "Samira Bouzid", "samira.bouzid@example.nl"),
    ("rotterdam-zwart-janstraat", "Dennis Kramer", "dennis.kramer@example.nl"),
    ("boxtel", "Inge van Gerwen", "inge.vangerwen@example.nl"),
    ("boxtel", "Twan Schellekens", "twan.schellekens@example.nl"),
    ("valby", "Mette Kjeldsen", "mette.kjeldsen@example.dk"),
    ("valby", "Jonas Vestergaard", "jonas.vestergaard@example.dk"),
    ("koge", "Anders Lauritsen", "anders.lauritsen@example.dk"),
    ("koge", "Pernille Skov", "pernille.skov@example.dk"),
    ("roskilde", "Karen Bak", "karen.bak@example.dk"),
    ("roskilde", "Mads Poulsen", "mads.poulsen@example.dk"),
    ("vejle", "Helle Juhl", "helle.juhl@example.dk"),
    ("svendborg", "Lars Bruun", "lars.bruun@example.dk"),
    ("svendborg", "Birgitte Friis", "birgitte.friis@example.dk"),
    ("horsens", "Thomas Kirk", "thomas.kirk@example.dk"),
    ("ebeltoft", "Nanna Vinther", "nanna.vinther@example.dk"),
    ("ebeltoft", "Ole Damgaard", "ole.damgaard@example.dk"),
]

# The full session: its limit per area, and the number of sign-ups beyond its capacity (they
# land on the waiting list). It keeps the capacity of PROGRAMME_SESSION: ``load_programme``
# writes that on every run, so a smaller one set for this session would be republished back by
# the next run, and that publish would move the waiting list up.
PER_AREA = 3
WAITING = 3
# Sign-ups on the next open programme sessions after the full one, and where in the pool each
# list starts (so that different people turn up at different sessions).
PROGRAMME_SIGNUPS = [(18, 7), (11, 20), (6, 33), (3, 45)]
# The one who cancelled, on the second session: index in that session's list.
CANCELLED_INDEX = 4
# Areas setting up or rebuilding their centre organisation, and the sign-ups per meeting of the
# working group "Setting up centre management".
WORKING_GROUP_AREAS = ["vlaardingen", "boxtel", "rotterdam-zwart-janstraat", "amersfoort",
                       "svendborg", "ebeltoft"]
WORKING_GROUP_SIGNUPS = [15, 12, 9]
# Sign-ups are spread over the weeks before the day of loading, not all at one instant, so the
# organisers' list and the waiting-list order look like real ones.
SIGNUP_SPREAD = datetime.timedelta(days=21)
