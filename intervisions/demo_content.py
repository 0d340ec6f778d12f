"""Demo content: the intervision records, as data (loaded by ``intervisions.demo``).

Four peer consultations from 2026, one per confidentiality situation and with follow-up
actions in every state (open, in progress, done, and one past its due date). The loader keys each
record by its area and date, so loading again updates rather than duplicates. The Vlaardingen
record was widened from "participants only" to "all members" with the case owner's recorded
consent; the Svendborg record checks the actions of the Danish group's previous intervision
(Vejle).
"""
from datetime import UTC, date, datetime

AGREEMENT = (
    "What is said in this intervision stays in this group. We do not name people or areas "
    "outside it, and share lessons only in the anonymised summary the case owner approves."
)
# Per record: the minute-taker, and who of the participants was absent.
ROLES = {
    "vlaardingen": ("Jeroen Bakker", {"Signe Dalgaard"}),
    "rotterdam-zwart-janstraat": ("Lotte Mulder", set()),
    "vejle": ("Louise Kjær", {"Ilse Vermeulen"}),
    "svendborg": ("Louise Kjær", set()),
}
PREVIOUS = {"svendborg": ("vejle", (
    "Camilla Lund reported on the Vejle actions: the visit to Deventer took place and the "
    "three-year plan is half written; the question to the municipality is still open."))}
# The widening of the Vlaardingen record, with the case owner's consent.
CONSENT = ("vlaardingen", "participants", "members", datetime(2026, 4, 2, 9, 30, tzinfo=UTC))
# The methods' names and descriptions in Dutch and Danish, by English name (network.localized).
# The four methods are created by a migration, which gives them these names too.
METHOD_TRANSLATIONS = {
    "Incident method": dict(
        name_nl="Incidentmethode", name_da="Incidentmetoden",
        description_nl="Een kort, concreet incident; de collega's stellen vragen en geven daarna "
                       "ieder een advies.",
        description_da="En kort, konkret hændelse; kollegerne stiller spørgsmål, og bagefter "
                       "giver hver især et råd."),
    "Ten-step method": dict(
        name_nl="Tienstappenmethode", name_da="Titrinsmetoden",
        description_nl="Een gestructureerde ronde in tien stappen, van vraag tot lessen.",
        description_da="En struktureret runde i ti trin, fra spørgsmål til læring."),
    "Balint method": dict(
        name_nl="Balintmethode", name_da="Balintmetoden",
        description_nl="Aandacht voor gevoelens en verhoudingen in de casus.",
        description_da="Opmærksomhed på følelser og relationer i casen."),
    "Gossip method": dict(
        name_nl="Roddelmethode", name_da="Sladremetoden",
        description_nl="De collega's praten onderling over de casus terwijl de casusinbrenger "
                       "luistert.",
        description_da="Kollegerne taler indbyrdes om casen, mens caseejeren lytter."),
}

RECORDS = [
    dict(
        area="vlaardingen", date=date(2026, 3, 12), owner="Marloes de Wit",
        method="Ten-step method",
        participants=["Wietske Hoekstra", "Bram Kuipers", "Signe Dalgaard", "Jeroen Bakker"],
        themes=["vacancy", "governance"],
        confidentiality="members",
        case_question=(
            "How do I get the owners of the empty units in one side street, most of whom "
            "live elsewhere and never answer letters, to sit down with us and the "
            "municipality about a joint plan for the street?"
        ),
        case_as_told=(
            "The side street runs from the market square to the harbour. Six of its "
            "fourteen ground-floor units are empty, some for more than two years. Two belong "
            "to a pension fund that manages them through an agency in Amsterdam, three to "
            "private owners who inherited them and live abroad, one to a local owner who "
            "wants to sell. The centre organisation has a small budget for facade "
            "improvements and a list of starters looking for space, but cannot spend it "
            "without the owners. Letters from the municipality go unanswered, and the one "
            "meeting we organised was attended by the agency's junior staff member, who could "
            "promise nothing. The case owner feels the street is sliding while the "
            "conversation has not even started."
        ),
        questions_asked=(
            "Who decides at the pension fund, and does anyone know that person? What does "
            "the empty street cost each owner today, in money and in value? Has anybody "
            "visited the owners abroad or called them rather than written? What does the "
            "municipality have to offer or to withhold (permits for conversion to housing, "
            "enforcement of upkeep)? Is the local owner who wants to sell a risk or a chance? "
            "What would a good first meeting look like for an owner, rather than for us?"
        ),
        advice=(
            "Stop sending letters and start with the one person at the pension fund who "
            "signs the leases: a peer from Horsens found that person through the agency by "
            "asking for a meeting about the value of the portfolio, not about vacancy. Make "
            "the cost of doing nothing visible with a simple sum per unit. Offer owners "
            "something concrete in return for a seat at the table: faster permits for "
            "flats above the shops, and a share of the facade budget. Leeuwarden's advice: "
            "ask the municipality to name one official as the owners' contact. Treat the "
            "seller as an opportunity and look for a buyer who will join the street plan. "
            "Invite owners to a walk through the street with a local estate agent rather "
            "than to a meeting room."
        ),
        actions=[
            ("Find out who signs leases at the pension fund and ask for a meeting about "
             "the portfolio's value", "Marloes de Wit", date(2026, 4, 30), "done"),
            ("Calculate the yearly cost of vacancy per unit for each owner",
             "Pieter Jansen", date(2026, 5, 31), "done"),
            ("Agree with the municipality on one contact official and a fast track for "
             "flats above shops", "Pieter Jansen", date(2026, 12, 31), "in_progress"),
            ("Organise a street walk for all owners with a local estate agent",
             "Marloes de Wit", date(2027, 3, 31), "open"),
        ],
        follow_up_report=(
            "June 2026: the meeting with the pension fund's asset manager took place in "
            "Amsterdam. The cost-of-vacancy sum did more than all our letters: the fund "
            "agreed to lower the rent for two years for a starter from our list and to put "
            "money into the facade together with us. One of the owners abroad answered a "
            "phone call and now follows the plan by email. The municipality is still "
            "working out the fast track for conversions, which is slower than hoped. The "
            "street walk is planned for spring, when the first new shop has opened."
        ),
        public_summary="",
        public_summary_approved=False,
    ),
    dict(
        area="rotterdam-zwart-janstraat", date=date(2026, 5, 21), owner="Yusuf Demir",
        method="Incident method",
        participants=["Lotte Mulder", "Sanne van den Heuvel", "Mikkel Sørensen",
                      "Nienke Dijkstra"],
        themes=["undermining", "safety"],
        confidentiality="participants",
        case_question=(
            "What should a street manager do, and not do, when several new businesses in "
            "the street look like fronts, without damaging trust with the honest "
            "shopkeepers or putting himself at risk?"
        ),
        case_as_told=(
            "Within a year, three nail bars, a money changer and a mobile-phone shop opened "
            "in the street. They pay high rents, are hardly ever busy and keep irregular "
            "hours; two of them changed owner within months. Neighbouring shopkeepers talk "
            "about it, and some ask the street manager why nobody acts. Others are wary of "
            "anything that looks like suspicion of newcomers, as the street has always been "
            "a place where people start a business with little money. The case owner "
            "mentioned his concerns once to the area manager, heard nothing back, and is "
            "unsure what he is allowed to pass on and to whom."
        ),
        questions_asked=(
            "What exactly did you see, and what is interpretation? Who else in the "
            "municipality knows about these premises? Does the BIZ board know you are "
            "worried? Have you been told what happens with a report, and who protects you "
            "if it becomes known that you made one? Who owns the buildings, and did the same "
            "owners let to the earlier tenants?"
        ),
        advice=(
            "Keep to observing and passing on facts; investigating is for others. Agree "
            "with the municipality on one route for signals, with feedback that something "
            "is being done even if not what. Ask for the regional training on recognising "
            "undermining for the BIZ board and for yourself. Talk with the property owners "
            "about screening tenants: a peer from Schiedam described how owners there added "
            "a background check to their letting process. Keep the street's open culture "
            "visible by welcoming every new business in the same way, so that extra "
            "attention to a few does not become a label for all."
        ),
        actions=[
            ("Agree with the area manager on a fixed route for signals and feedback",
             "Fatima El Amrani", date(2026, 7, 31), "open"),
            ("Arrange the regional undermining training for the BIZ board",
             "Yusuf Demir", date(2026, 10, 31), "in_progress"),
            ("Raise tenant screening at the next meeting with the street's property owners",
             "Yusuf Demir", date(2026, 9, 30), "done"),
        ],
        follow_up_report="",
        public_summary="",
        public_summary_approved=False,
    ),
    dict(
        area="vejle", date=date(2026, 9, 17), owner="Camilla Lund",
        method="Gossip method",
        participants=["Bram Kuipers", "Jeroen Bakker", "Louise Kjær", "Jesper Thomsen",
                      "Ilse Vermeulen"],
        themes=["financing", "governance"],
        confidentiality="public_summary",
        case_question=(
            "Should our city association push for a fund that every business in the centre "
            "pays into, or keep voluntary membership and make it more attractive? And if we "
            "go for a fund, how do we take the members who pay today along?"
        ),
        case_as_told=(
            "The city association employs the city chief and pays for events and Christmas "
            "lighting from three sources: voluntary membership fees, a yearly grant from the "
            "municipality and sponsorship. About half the shops pay; the other half enjoy the "
            "same events and lighting for free, and the paying half increasingly says so. "
            "Chains with head offices outside Denmark are hard to get to pay at all. The "
            "board has heard about Dutch entrepreneurs' funds and business improvement "
            "districts, where all businesses contribute after a vote. Some board members see "
            "this as the fair solution; others fear it will look like a new tax and that the "
            "association will lose its volunteer spirit."
        ),
        questions_asked=(
            "What would a fund legally rest on in Denmark, and who would collect the money? "
            "What does the association spend per year, and what would it do with twice as "
            "much? What do the non-paying shops say when asked why? How does the municipality "
            "see it? What happened to the volunteer spirit in Dutch centres after a fund "
            "started?"
        ),
        advice=(
            "The Dutch participants, speaking among themselves while the case owner "
            "listened, agreed on one thing: a fund only wins a vote when businesses can see "
            "what they get for it, so write the plan of projects before the financing model. "
            "They described how their support polls went, including one that failed the "
            "first time because the plan was too vague. The Danish participants suggested a "
            "middle road to test first: a voluntary fund with a fixed contribution per "
            "square metre and a visible list of who pays. Everyone advised asking the "
            "municipality early whether it would match contributions, and keeping volunteers "
            "in charge of events whatever the model."
        ),
        actions=[
            ("Write a three-year plan of projects with costs before choosing a model",
             "Camilla Lund", date(2026, 12, 15), "in_progress"),
            ("Ask the municipality whether it would match a fund and under what conditions",
             "Camilla Lund", date(2027, 1, 31), "open"),
            ("Visit Deventer to see how its business improvement district is run",
             "Camilla Lund", date(2026, 11, 6), "done"),
        ],
        follow_up_report="",
        public_summary=(
            "A Danish city association that relies on voluntary fees asked whether to move "
            "to a fund that all businesses in the centre pay into. Peers from Dutch centres "
            "with entrepreneurs' funds advised writing a concrete plan of projects first, "
            "because businesses vote for what they can see, and asking the municipality "
            "early about matching money. Danish peers suggested testing a voluntary fund "
            "with a fixed contribution and a public list of contributors before going further."
        ),
        public_summary_approved=True,
    ),
    dict(
        area="svendborg", date=date(2026, 11, 12), owner="Jesper Thomsen",
        method="Balint method",
        participants=["Louise Kjær", "Henrik Bech", "Anouk van Dijk", "Rasmus Holm"],
        themes=["events", "governance"],
        confidentiality="participants",
        case_question=(
            "How do I keep working with a board member who blocks every plan for evening "
            "openings outside the summer season, when the rest of the board wants to try?"
        ),
        case_as_told=(
            "Outside the season the harbour is quiet by five o'clock and the shopping "
            "streets soon after. The association wants to try one late opening a month from "
            "October to March, with music and food on the square. Most of the board is in "
            "favour. One long-standing member, who owns the largest shop in the street, "
            "argues each time that staff costs will not be covered and that customers will "
            "only move their shopping from the afternoon to the evening. Meetings have become "
            "tense and the case owner notices he now prepares mainly for that one person's "
            "objections."
        ),
        questions_asked=(
            "What do you feel when the objection comes? What might this board member fear "
            "losing? Has anyone asked him, outside a meeting, what would make a trial "
            "acceptable? Are his numbers wrong, or just unwelcome? Who else in the street "
            "thinks the way he does but does not say so?"
        ),
        advice=(
            "Peers noticed that the case owner described the board member mostly as an "
            "obstacle and hardly as a shopkeeper with a real cost problem. They advised a "
            "one-to-one conversation over coffee to hear what would make a trial acceptable, "
            "and offering to measure footfall and takings on the trial evenings so that the "
            "disagreement becomes a question of facts. Ebeltoft and Køge shared how they "
            "let shops choose to open late without obliging everybody."
        ),
        actions=[
            ("Meet the board member one-to-one before the next board meeting",
             "Jesper Thomsen", date(2026, 12, 5), "open"),
            ("Prepare a three-month trial with footfall counts and optional participation",
             "Jesper Thomsen", date(2027, 1, 15), "open"),
        ],
        follow_up_report="",
        public_summary="",
        public_summary_approved=False,
    ),
]

# Files attached to some records, kept in the restricted "Intervision attachments" collection
# and downloaded only through the record's own address. Keyed by the record's area and the
# title: loading again adds nothing. "kind" is the file format the loader writes the lines in.
ATTACHMENTS = [
    dict(
        area="rotterdam-zwart-janstraat", kind="pdf", title="Action list, 21 May 2026",
        file_name="action-list-zwart-janstraat-2026-05.pdf",
        lines=[
            "Intervision Zwart Janstraat, 21 May 2026 - action list",
            "Confidential: participants only.",
            "",
            "1. Fixed route for signals and feedback, agreed with the area manager (by 31 July).",
            "2. Regional training on recognising undermining for the BIZ board (by 31 October).",
            "3. Tenant screening on the agenda of the property owners' meeting (by 30 September).",
            "",
            "Observe and pass on facts; investigating is for others.",
        ],
    ),
    dict(
        area="rotterdam-zwart-janstraat", kind="txt", title="Notes of the minute-taker",
        file_name="notes-zwart-janstraat-2026-05.txt",
        lines=[
            "Notes of the minute-taker - intervision of 21 May 2026 (participants only)",
            "",
            "The case owner separated what he saw from what he concluded.",
            "Peers asked who protects him once a report becomes known.",
            "Schiedam's owners check new tenants' backgrounds before letting.",
        ],
    ),
    dict(
        area="svendborg", kind="pdf", title="Trial evenings: what to measure",
        file_name="trial-evenings-svendborg-2026-11.pdf",
        lines=[
            "Intervision Svendborg, 12 November 2026 - trial evenings",
            "Confidential: participants only.",
            "",
            "Count footfall on the square from 17:00 to 21:00 on each trial evening.",
            "Ask participating shops for their takings against an ordinary Thursday.",
            "Shops choose whether to open late; nobody is obliged.",
        ],
    ),
]
