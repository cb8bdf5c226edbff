"""Vague words (their meaning is ``search.vocabulary``'s), credit adjectives, generations,
protected attributes and the filler words left out of the text that ranks."""

# Words that, right before a vague word, an age group or a comparison, negate it ("not young",
# "aren't high earners", "anyone but millennials", "don't earn over 50k"). The one list of them:
# ``negation.negation_before`` and ``negation.negated_word`` are built from it.
NEGATION_CUES: tuple[str, ...] = (
    r"not",
    r"never",
    r"no longer",
    r"\w+n't",
    r"(?:anyone|anybody|everyone|everybody) but",
    r"other than",
    r"rather than",
    r"but not",
    r"neither",
    r"nor",
)  # fmt: skip
# Words after which a customer's name follows ("named Virginia", "whose last name is Young"): the
# name is no state, vague word or city. "called" and a title ("Mr Young") only before a capitalised
# word ("called us").
NAME_CUES: tuple[str, ...] = (
    r"named",
    r"by the name(?: of)?",
    r"(?:whose|with (?:the |a )?)\s*(?:first |last |given |family |sur)?names?(?: (?:is|are|of|like))?",
    r"(?:first|last|given|family|sur)[- ]?names?(?: (?:is|are|of|like))?:?",
)  # fmt: skip
NAME_CUES_CAPITAL: tuple[str, ...] = ("called", r"mr\.?", r"mrs\.?", r"ms\.?")
# Words that follow a cue but are no name: "named in the will", "named as beneficiary", "named above".
NOT_NAMES: tuple[str, ...] = (
    "after", "as", "in", "on", "by", "to", "for", "a", "an", "the", "us", "me", "them", "him", "her",
    "it", "back", "recently", "last", "and", "or", "who", "that", "with", "above", "below", "here",
    "there", "earlier", "previously", "before", "beneficiar(?:y|ies)", "executors?", "trustees?", "on",
)  # fmt: skip
# (vocabulary term, label, phrases)
WORD_TERMS: list[tuple[str, str, tuple[str, ...]]] = [
    ("young_families", "young families", (
        r"young (?:families|family|parents|moms|dads|mothers|fathers)",
        r"(?:just |recently )?start(?:ed|ing)? a family",
        r"new(?:ly)? (?:parents|moms|dads|families)",
    )),
    ("empty_nesters", "empty nesters", (
        r"empty[- ]nest(?:ers?)?",
        r"(?:kids|children) (?:have |had )?(?:left home|moved out|grown up|flown the nest|left the nest|all grown)",
        r"grown(?:[- ]up)? (?:kids|children)",
        r"(?:kids|children) (?:are )?(?:out of the house|grown and gone|all grown up)",
    )),
    ("mid_career", "mid-career", (
        r"mid[- ]career",
        r"(?:in )?the middle of (?:their|his|her) careers?",
        r"established professionals",
    )),
    ('nearing_retirement', 'nearing retirement', (
        "(?:nearing|near|approaching|close to|closing in on|getting close to|heading (?:into|toward)|on the verge of) retirement(?: age)?",
        "pre-?retire(?:es?|ment)",
        "about to retire",
        "soon to retire",
        "(?:getting|almost) ready to retire",
        "(?:preparing|planning) to retire",
        "retiring soon",
        "(?:will|to) retire soon",
        "late[- ]career",
        r"late in (?:their|his|her) careers?",
        r"(?:soon|about)[- ]to[- ]be[- ]retir(?:ees?|ed)",
        r"(?:future|would-be) retirees",
        r"retiring (?:this|next) year",
        r"winding down (?:their|his|her) careers?",
        r"(?:in|at) the (?:tail|back) end of (?:their|his|her) careers?",
        r"within (?:a few|\d+) years of retirement",
    )),
    ('below_retirement_age', 'below retirement age', (
        r"(?:younger than|under|below|not yet (?:at|of)|short of|shy of|not yet reached) (?:the )?(?:normal |full )?retirement age",
        r"working[- ]age",
    )),
    ('seniors', 'seniors', (
        "seniors?",
        r"(?:in (?:their|the) )?golden years",
        "senior citizens?",
        "elderly",
        "older (?:customers|clients|people|adults|folks|americans|investors)",
        r"(?<!below )(?<!under )(?<!before )(?<!yet )(?:of )?retirement[- ]age(?:d)?",
        "over-65s",
        r"(?:of|at|past|over|beyond|reached|hit) (?:the )?(?:normal |full |standard )?(?:retirement|pensionable) age",
        r"retirement[- ]age(?:d)?(?= (?:customers|clients|people|folks|members|crowd))",
    )),
    ('middle_aged', 'middle-aged', (
        "middle[- ]aged?",
        "midlife",
        "mid-life",
    )),
    ('young', 'young', (
        "young(?:er)?(?! (?:children|kids|child|ones|dependents))(?: adults?| people| customers| clients| families| couples)?",
        "youth",
        "early[- ]career",
        "starting out",
        "(?:recent|new) grad(?:uate)?s?",
        r"(?:in|starting) (?:their|his|her) first (?:full[- ]time )?jobs?",
        r"early in (?:their|his|her) careers?",
        r"(?:fresh|just|straight|right) out of (?:college|school|university|grad school)",
    )),
    ('ultra_high_net_worth', 'ultra-high net worth', (
        "ultra[- ]high[- ]net[- ]worth",
        r"uhnw\w*",
    )),
    ('millionaires', 'millionaires', (
        "millionaires?",
        "seven[- ]figure (?:portfolios?|assets|balances?|net worth)",
    )),
    ('high_income', 'high income', (
        "(?:very |really )?high[- ]income",
        "high[- ]earn(?:ers?|ing)",
        "(?:top|big|high) earners?",
        "well[- ]paid",
        "highly paid",
        "(?:big|large|high|fat|hefty|huge|healthy|generous|serious) (?:salar(?:y|ies)|pay ?checks?|incomes?|pay|wages)",
        "high[- ]salar(?:y|ied)",
    )),
    ('six_figure_income', 'six-figure income', (
        "six[- ]figures?(?: (?:income|salar(?:y|ies)|earners?))?",
    )),
    ('middle_income', 'middle income', (
        "middle[- ]income",
        "middle[- ]class",
    )),
    ('low_income', 'low income', (
        "low[- ]income",
        "low(?:er)?[- ](?:wage|earning)",
        "low earners?",
        "modest (?:income|means)",
        "(?:modest|low|lower|small|smaller|meager|meagre|limited) (?:incomes?|wages?|salar(?:y|ies)|pay|pay ?checks?|earnings)",
        "lower[- ](?:income|wage|paid)",
    )),
    ('multiple_children', 'more than one child', (
        r"multiple (?:kids|children|dependents)",
    )),
    ('large_families', 'large families', (
        "large (?:families|households)",
        "big (?:families|households)",
        "many (?:kids|children)",
        r"(?:a )?(?:house|home|household)(?:ful)? (?:full )?of (?:kids|children)",
        r"(?:big|large) broods?",
        r"(?:lots|loads|a lot|plenty|a bunch|a houseful) of (?:kids|children)",
    )),
    ('parents', 'parents', (
        r"little ones",
        r"(?:mouths|kids|children) to feed",
        "(?:parents?|famil(?:y|ies)|moms?|dads?|mothers?|fathers?|(?:with|have|has|having) (?:young |small |little )?(?:kids|children|dependents|a child|a kid|a baby|a toddler|toddlers|babies|a family)|(?:kids|children) at home|growing famil(?:y|ies)|new parents)",
    )),
    ('long_standing', 'long-standing customers', (
        "long[- ](?:standing|time|term)",
        "longtime",
        "(?:longest|long|longer)[- ](?:tenured|serving)",
        "loyal",
        "(?:our )?oldest (?:customers|clients|relationships)",
        "long relationships?",
        r"(?:been |banked |stayed )?(?:with us|with the bank|here) (?:forever|for ever|for ages|for (?:many|so many) years|"
        r"for a long time|for donkey's years)",
    )),
    # "subprime" alone is said of borrowers ("subprime borrowers"); the credit words read it first
    # where "credit" follows.
    ('subprime_credit', 'subprime', (
        r"sub[- ]?prime",
    )),
    ('new_customers', 'new customers', (
        "(?:brand[- ])?new(?:ly)?[- ](?:joined |onboarded )?(?:customers?|clients?|members?)",
        "recently (?:joined|onboarded|signed (?:up|on))",
        "(?:joined|signed (?:up|on)|onboarded|came on ?board) (?:with us )?(?:recently|lately|just now)",
        "new to (?:the bank|us)",
        "newcomers",
        "newer (?:customers|clients|members)",
        r"recent(?:ly (?:acquired|added|won|signed))? (?:customers|clients|members|sign[- ]?ups|joiners)",
    )),]  # fmt: skip
# (vocabulary term, adjectives) in the order they are tried.
CREDIT_ADJECTIVES: list[tuple[str, tuple[str, ...]]] = [
    ('excellent_credit', (
        "excellent",
        "exceptional",
        "outstanding",
        "superb",
        "stellar",
        "perfect",
        "top[- ]tier",
        "pristine",
        "great",
        "very high",
        "elite",
        "spotless",
        "flawless",
        "impeccable",
        "immaculate",
        "unblemished",
        "sterling",
        "top[- ]notch",
        "fantastic",
        "amazing",
        "terrific",
        "phenomenal",
    )),
    ('very_good_credit', (
        "very good",
        "very strong",
    )),
    ('good_credit', (
        "good",
        "strong",
        "solid",
        "healthy",
        "decent",
        "high",
        "prime",
        "clean",
        "above[- ]average",
    )),
    ('fair_credit', (
        "fair",
        "average",
        "ok",
        "okay",
        "moderate",
        "middling",
        "so-so",
        "mediocre",
        "near[- ]prime",
    )),
    ('subprime_credit', (
        "subprime",
        "sub-prime",
    )),
    ('poor_credit', (
        "poor",
        "bad",
        "low",
        "weak",
        "damaged",
        "bruised",
        "challenged",
        "impaired",
        "shaky",
        "below[- ]average",
        "terrible",
        "spotty",
        "blemished",
        "dinged",
        "troubled",
        "rocky",
    )),]  # fmt: skip
# (phrase, first birth year, last birth year, name)
GENERATIONS = [
    ("gen(?:eration)?[- ]?z|zoomers", 1997, 2012, "Gen Z"),
    ("millennials?|gen(?:eration)?[- ]?y", 1981, 1996, "millennials"),
    ("gen(?:eration)?[- ]?x(?:ers)?", 1965, 1980, "Gen X"),
    ("(?:baby[- ])?boomers?", 1946, 1964, "baby boomers"),
    ("silent generation", 1928, 1945, "the silent generation"),
]
PROTECTED_WORDS = (
    "married",
    "unmarried",
    "single",
    "divorced",
    "widow(?:ed|s|ers?)?",
    "spouses?",
    "husbands?",
    "wives",
    "wife",
    "women",
    "woman",
    "men",
    "man",
    "female",
    "male",
    "ladies",
    "gentlemen",
    "christians?",
    "muslims?",
    "jewish",
    "jews",
    "hindus?",
    "buddhists?",
    "catholics?",
    r"religio\w*",
    "hispanic",
    "latino",
    "latina",
    "black",
    "white",
    "asian",
    "african[- ]american",
    "caucasian",
    r"ethnic\w*",
    "race",
    "racial",
    "immigrants?",
    "foreign[- ]born",
    "nationality",
    "gay",
    "lesbian",
    "pregnant",
    "disabled",
)  # fmt: skip
FILLER = frozenset(
    """a an the and or of in on at to for with who whom whose that which are is be been being have has
    had having do does did not no any some all find show list give get me us our my we i you your their
    them they those these this customers customer clients client people persons folks members
    accounts account might may could would should will can want wants like likes currently also
    just only please whether if as by from into about very really more most good interested interest
    care cares caring looking look thinking considering seeking need needs products product services
    service options someone anyone everyone but""".split()
)
# Real words the sentence encoder's vocabulary splits into pieces, one edit from a lexicon word:
# never a slip to put right ("tweens" are not "teens"). ``search.understanding.spelling``.
REAL_WORDS = frozenset("tweens hodlers optin optout retried".split())
