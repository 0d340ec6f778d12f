"""Demo content: the "How intervision works" page under the home page, as data.

Content only; the intervisions demo loader publishes it with ``network.demo.load_standard_page``.
"""

PAGE = dict(
    slug="intervision", title="How intervision works", show_in_menus=True,
    intro=(
        "Peer consultation for centre managers: one area brings a question it is stuck "
        "on, and colleagues from other areas help think it through."
    ),
    body=[
        ("heading", "The case owner brings a question"),
        ("paragraph",
         "<p>An intervision starts with a real, current question from one member area. The "
         "person who brings it, the case owner, is the one who has to act on it: "
         "\u201chow do we get property owners who never come to meetings to the "
         "table?\u201d, \u201cshould we start a fund that every business pays into?\u201d. "
         "A good question is about the case owner's own role and is still open. The group "
         "of four to eight peers comes from other areas, so nobody at the table has a "
         "stake in the outcome.</p>"),
        ("heading", "How a session runs"),
        ("paragraph",
         "<p>A facilitator from the network office keeps time and guards the order of the "
         "conversation, which usually takes ninety minutes to two hours:</p>"
         "<ol><li>The case owner tells the case and states the question.</li>"
         "<li>Peers ask questions to understand the situation, not yet to advise.</li>"
         "<li>The case owner may sharpen the question.</li>"
         "<li>Peers give advice and share what they did in a similar situation.</li>"
         "<li>The case owner says what they will take home and agrees on follow-up "
         "actions.</li></ol>"
         "<p>A minute-taker keeps the record, which the case owner reads before it is "
         "filed. A few months later the case owner adds what they did with the advice, "
         "and the group looks back at the actions at its next meeting.</p>"),
        ("heading", "Methods"),
        ("paragraph",
         "<p>The facilitator picks the method that suits the question:</p>"
         "<ul><li><b>Incident method</b>: a short, concrete incident, a round of factual "
         "questions, then each participant says what they would do.</li>"
         "<li><b>Ten-step method</b>: a longer, structured route from the case to a "
         "problem statement, analysis and advice, for questions that need digging.</li>"
         "<li><b>Balint method</b>: attention to how the case owner relates to the people "
         "in the case, useful when a relationship has become the problem.</li>"
         "<li><b>Gossip method</b>: after the questions the case owner turns their back "
         "and listens while the others talk about the case as if they were not there. "
         "It frees up surprisingly candid advice.</li></ul>"),
        ("heading", "Confidentiality"),
        ("paragraph",
         "<p>Everything said stays in the room. Each record has one of three levels, set "
         "by the organiser with the case owner:</p>"
         "<ul><li><b>Participants only</b>: only the people who took part and the "
         "organisers can read the record.</li>"
         "<li><b>All members</b>: logged-in members can read it, because the case owner "
         "thinks others can learn from it.</li>"
         "<li><b>Public anonymised summary</b>: the full record stays restricted, and a "
         "short summary without names of people or places, approved by the case owner, "
         "is shown to everyone.</li></ul>"
         "<p>A level can only be widened with the case owner's consent. Records that "
         "someone may not read do not show up for them anywhere on the site.</p>"),
        ("heading", "Read the records"),
        ("paragraph",
         "<p>Everyone can read the <a href=\"/intervisions/summaries/\">anonymised "
         "summaries</a> that case owners chose to share. Members who log in find the "
         "<a href=\"/intervisions/records/\">records they may read</a>, and case owners "
         "and organisers follow up on <a href=\"/intervisions/actions/\">open actions</a>."
         "</p>"),
    ],
)
