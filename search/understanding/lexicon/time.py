"""How RMs say how long someone has banked with us and how old they are, in words."""

# Joining: "signed on in the last two years", "started banking with us in the past year".
JOINED_VERBS = (
    r"joined(?: us| the bank)?",
    r"opened (?:an? |their (?:first )?)?accounts?",
    r"(?:accounts?|relationships?) (?:were |was )?(?:opened|started|began)",
    r"became (?:a )?(?:customers?|clients?|members?)",
    r"(?:were |was |got )?onboarded",
    r"signed (?:up|on)",
    r"started (?:banking|to bank)(?: with us| here)?",
    r"started with us",
    r"came (?:on ?board|aboard|to us|over to us)",
    r"switched (?:over )?to us",
    r"moved (?:their (?:banking|accounts?) )?(?:over )?to us",
    r"new(?: customers?| clients?| members?)?",
)
# Where a tenure is spent, said before or after it: "with us 10+ years", "25 years with the bank".
TENURE_PLACES = (
    r"with us",
    r"with the bank",
    r"with this bank",
    r"at the bank",
    r"on (?:the|our) books",
    r"here",
)
# Who or what a "since 2005" speaks of as a tenure.
TENURE_SUBJECTS = (
    r"(?:customers?|clients?|members?)(?: here| with us| of ours)?",
    r"joined",
    r"(?:banked|banking|been|stayed|stuck|loyal) (?:with us|with the bank|here|at the bank)",
    r"with us",
    r"with the bank",
    r"on (?:the|our) books",
    r"loyal",
)
# Verbs of staying, before "for decades" or a number of years.
TENURE_STAYS = (
    r"(?:been|banked|banking|stayed|stuck) (?:with us|with the bank|at the bank|here)",
    r"(?:been |stayed )?(?:customers?|clients?|members?)(?: (?:with us|here|of ours))?",
    r"(?:we've|we have) had(?: them)?",
    r"loyal(?: to us)?",
    r"with us",
    r"with the bank",
)
# How many decades: "a decade", "two decades", bare "decades" meaning at least two.
DECADE_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "a couple of": 2, "a couple": 2,
                 "several": 2, "multiple": 2, "many": 2, "a few": 2}  # fmt: skip
# Decades named in words: "since the nineties".
DECADE_NAMES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
# An age said as a milestone: "haven't hit 30 yet", "shy of their 40th birthday", "turned 65",
# "under the age of 30". (op, cues); a cue in MILESTONE_ONLY needs "birthday" or "the age of"
# after it, since alone ("under 30", "over 50") the number readers read it.
AGE_CUES = (
    ("lt", (
        r"(?:have|has|who've|who)?\s*(?:not|n't|never) (?:yet )?(?:hit|reached|turned|made it to|gotten to)",
        r"(?:haven't|hasn't|have not|has not) (?:yet )?(?:hit|reached|turned|made it to|gotten to)",
        r"not yet",
        r"yet to (?:hit|reach|turn)",
        r"(?:just |still )?(?:shy|short) of",
        r"under",
        r"below",
        r"younger than",
        r"before",
    )),
    ("gte", (
        r"(?:have |has |who've |who )?(?:already )?(?:turned|hit|reached|passed|celebrated|made it to)",
        r"(?<!the )(?<!last )past",
        r"at least",
    )),
    ("lte", (r"no older than", r"not older than")),
    ("gte", (r"no younger than", r"not younger than")),
    ("gt", (
        r"over",
        r"above",
        r"older than",
        r"beyond",
    )),
)  # fmt: skip
MILESTONE_ONLY = ("no older than", "not older than", "no younger than", "not younger than", "under", "below", "younger than", "before", "at least", "over", "above",
                  "older than", "beyond", r"(?:just |still )?(?:shy|short) of")  # fmt: skip
# Between the cue and the number: "the age of", "their".
AGE_BEFORE_NUMBER = r"(?:the age of|age|(?:their|his|her|the big))"
# Ages named by a noun: (pattern, first age, last age). Customers are adults, so a teen is 18 or 19.
AGE_NOUNS = (
    # only where the customer is the teen: "parents of teens" speaks of their children
    (
        r"in (?:their|his|her) (?:late )?teens|(?:who are|who's|are) (?:still )?(?:teens|teenagers)|"
        r"teen(?:age)? (?:customers|clients|account holders)",
        18,
        19,
    ),
    (r"sexagenarians?", 60, 69),
    (r"septuagenarians?", 70, 79),
    (r"octogenarians?", 80, 89),
    (r"nonagenarians?", 90, 99),
    (r"centenarians?", 100, 120),
)
