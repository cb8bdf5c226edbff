"""Products: the phrases for each product code, the cues that a product is held, lacked or
wanted, and what wanting a product says about a customer's interests."""

from customers.choices import Interest, Product

# (codes, phrases): a phrase may name several codes ("cards": any credit card).
PRODUCT_PHRASES: list[tuple[tuple[Product, ...], tuple[str, ...]]] = [
    ((Product.PREMIUM_CREDIT_CARD,), (
        "premium (?:travel |rewards? )?(?:credit )?cards?",
        "rewards? (?:credit )?cards?",
        "platinum (?:credit )?cards?",
        "travel (?:rewards? )?(?:credit )?cards?",
        "metal cards?",
        "premium credit",
    )),
    # A card named as the plain one ("a regular credit card") is the standard card, not any card.
    ((Product.CREDIT_CARD,), (
        "(?:regular|standard|basic|ordinary|plain|normal|classic|everyday|non-premium|entry[- ]level|starter) (?:credit )?cards?",
    )),
    ((Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD,), (
        "credit[- ]cards?",
        "cards?",
        r"plastic(?! surg\w*)",
    )),
    ((Product.CHECKING,), (
        "(?:checking|chequing)(?: accounts?)?",
        "debit cards?",
        "current accounts?",
    )),
    ((Product.SAVINGS,), (
        "savings accounts?",
        r"savings(?!\s+(?:goals?|plans?|targets?|habits?|rates?|of\b))",
    )),
    ((Product.MONEY_MARKET,), (
        "money[- ]market(?: accounts?| funds?)?",
    )),
    ((Product.CERTIFICATE_OF_DEPOSIT,), (
        "certificates? of deposit",
        r"cds?\b",
        "time deposits?",
    )),
    ((Product.PERSONAL_LOAN,), (
        "personal loans?",
        "unsecured loans?",
    )),
    ((Product.AUTO_LOAN,), (
        "(?:auto|car|vehicle|truck) (?:loans?|financing|notes?|payments?)",
    )),
    ((Product.HOME_EQUITY_LINE,), (
        "home[- ]equity(?: lines?(?: of credit)?| loans?)?",
        "helocs?",
        "(?:credit )?lines? of credit (?:on|against) (?:their |the |a |his |her )?(?:own )?(?:house|home|property)",
    )),
    ((Product.MORTGAGE,), (
        "mortgages?",
        "home loans?",
    )),
    ((Product.BROKERAGE,), (
        "brokerage(?: accounts?)?",
        "(?:self[- ]directed )?(?:trading|stock|brokerage) accounts?",
        "trading accounts?",
        "investment accounts?",
    )),
    ((Product.RETIREMENT_IRA,), (
        "(?:roth |traditional |retirement |rollover |sep[- ]|simple )?iras?",
        "roth(?:s| accounts?)?",
        "individual retirement accounts?",
        "retirement accounts?",
    )),
    ((Product.WEALTH_MANAGEMENT,), (
        "wealth management(?: accounts?| services?| products?| relationships?| programs?| programmes?| plans?)?",
        "managed portfolios?",
    )),
    ((Product.BUSINESS_CHECKING,), (
        "business (?:checking|bank accounts?|accounts?)",
    )),
    ((Product.BUSINESS_LOAN,), (
        "business (?:loans?|lines? of credit|credit lines?|financing)",
        "sba loans?",
        "commercial loans?",
    )),
    ((Product.LIFE_INSURANCE,), (
        "(?:(?:term|whole|universal) )?life (?:insurance(?: polic(?:y|ies))?|cover|polic(?:y|ies))",
        "(?:term|whole|universal) life",
    )),
    ((Product.PERSONAL_LOAN, Product.AUTO_LOAN, Product.MORTGAGE, Product.HOME_EQUITY_LINE, Product.BUSINESS_LOAN,), (
        "loans?",
        "borrowing",
    )),]  # fmt: skip
# What a product gives away about a customer's interests when they might want it.
PRODUCT_INTEREST = {
    Product.WEALTH_MANAGEMENT: Interest.WEALTH_MANAGEMENT,
    Product.MORTGAGE: Interest.HOME_BUYING,
    Product.LIFE_INSURANCE: Interest.INSURANCE,
    Product.BROKERAGE: Interest.INVESTING,
    Product.RETIREMENT_IRA: Interest.RETIREMENT_PLANNING,
    Product.BUSINESS_LOAN: Interest.SMALL_BUSINESS,
    Product.BUSINESS_CHECKING: Interest.SMALL_BUSINESS,
    Product.PERSONAL_LOAN: Interest.DEBT_CONSOLIDATION,
}
# Words that may stand before a product in a list: "a", "an existing", "our premium card", "any of our
# cards", "a big mortgage" (a size or kind left out, so that "without a big mortgage" is read whole).
ARTICLES = (
    "a", "an", "any", "the", "their", "his", "her", "our", "existing", "active", "yet", "one", "single", "both",
    "either", "kind of", "sort of", "type of", "of",
    "big", "large", "small", "huge", "hefty", "sizable", "new", "old", "fancy", "proper", "decent", "separate",
    "second", "joint", "outstanding", "open", "jumbo", r"\d+[- ]year", r"(?:fixed|adjustable|variable)[- ]rate",
)  # fmt: skip
# Between two products of one list: "checking + savings", "a CD as well as a money market".
LIST_JOINERS = (
    r",\s*(?:or|and(?: also)?)\b",
    r",",
    r"/",
    r"\+",
    r"&",
    r"\bor\b",
    r"\band(?: also)?\b",
    r"\bnor\b",
    r"\bas well as\b",
    r"\bplus\b",
    r"\b(?:along|together) with\b",
    r"\balongside\b",
    r"\bin addition to\b",
    r"\bon top of\b",
    r"\bcombined with\b",
)
# After a product, saying it is held at another bank, so not with us: "a mortgage elsewhere".
_OTHER_FIRM = (
    r"(?:banks?|lenders?|institutions?|providers?|firms?|brokers?|brokerages?|insurers?|card issuers?|credit unions?"
    r"|companies|company)"
)
ELSEWHERE = (
    r"elsewhere",
    r"somewhere else",
    rf"(?:with|at|from|through) (?:another|a different|different|other|some other|a competing|a rival) {_OTHER_FIRM}",
    r"(?:with|at|from|through) (?:a |the |one of our )?(?:competitors?|competition|rivals?)",
    r"(?:with|at|from|through) (?:a |their )?credit unions?",
    r"outside (?:the bank|us)",
    r"not (?:with|from|at|through) us",
    r"(?:isn't|aren't|wasn't|weren't) (?:with|from|at|through) us",
    r"but not (?:with|from|at|through) us",
    r"(?:held|kept) away",
)
# Before a product said to be held elsewhere: "bank their checking somewhere else". After it:
# "whose mortgage is with another bank".
ELSEWHERE_VERBS = (
    r"(?:bank|banks|banking|do|does|doing|keep|keeps|kept|take|takes|took|get|gets|got|have|has|had)"
)
ELSEWHERE_LINKS = r"(?:(?:is|are|was|were|sits?) )?(?:(?:held|kept|placed|taken out|opened) )?"
# After a product, what is owed on it: "no credit card debt" says nothing of having a card.
OWED_NOUNS = (r"debts?", r"balances?", r"bills?", r"payments?", r"rates?", r"limits?")
# Before a product, whose it is: "call about their mortgage" is about one they hold, not one to offer.
THEIRS = ("their", "his", "her", "existing", "current")
# A product list followed by one of these: "mortgage holders", "card customers".
HOLDER_NOUNS = (
    r"holders?",
    r"customers?",
    r"clients?",
    r"owners?",
    r"borrowers?",
    r"users?",
    r"accounts?",
    r"account holders?",
    r"cardholders?",
)
# Money kept in a product says it is held: "keep cash in a CD", "park money in a money market".
_MONEY_IN = (
    r"(?:keep|keeps|keeping|kept|park|parks|parked|parking|stash|stashes|stashed|put|puts|putting|hold|holds"
    r"|holding|have|has|having|with)(?: (?:some|any|their|his|her|extra|spare|idle|excess|surplus|a lot of|lots of))?"
    r" (?:cash|money|funds|savings|deposits) (?:in|into|at|with)"
)
# Being in a product ("in our wealth management program"): only "our" or a verb makes "in" a cue, so
# "interested in wealth management" and "clients in wealth management" (a job) stay interests.
_IN = (
    r"(?:(?:are|is|who're|they're|already|currently)(?: already| currently)? (?:in|part of|enrolled in|members? of"
    r"|signed up (?:for|to|with))|(?:enrolled|participating|signed up) (?:in|for)|in(?= our ))"
)
NOT_HELD_CUES = (
    "neither",
    "without",
    "w/o",
    "no",
    "zero",
    "(?:not|aren't|isn't|weren't|are not|is not|were not)(?: yet| already| currently)?"
    "(?: (?:in|enrolled in|part of|signed up (?:for|to|with)|using|on))?",
    "not",
    "lacks?",
    "lacking",
    "missing",
    f"(?:who |that )?(?:do|does|did)(?: not|n't)(?: yet| already| currently)? {_MONEY_IN}",
    "(?:who |that )?(?:do|does|did)(?: not|n't)(?: yet| already| currently)? (?:have|hold|own|carry|use|got|keep"
    "|take(?: out)?|open|get|buy)",
    "(?:has|have|having) (?:no|not (?:yet )?(?:got|opened|taken out))",
    "(?:has|have|had)(?: not|n't)(?: yet| ever)? (?:got|gotten|opened|taken out|taken|had|signed up for|used)",
    "yet to (?:open|get|take out|take|have|sign up for)",
    "never (?:had|opened|held|got|gotten|took(?: out)?|taken(?: out)?|bought|signed up for|used)",
    "(?:'ve|'s|have|has) not (?:yet )?(?:got|gotten|opened|taken out|had|signed up for)",
    # "closed a mortgage" is a lender's word for making one; "closed their checking account" ends it.
    "(?:closed(?: out)?(?= (?:their|his|her) )|cancell?ed|paid off|shut down)",
    "(?:who |that )?(?:do|does|did)(?: not|n't)(?: yet)? (?:bank with us|use us|come to us) for",
    "not holding",
    r"(?:bank\w*|go|goes|going|shop\w*) (?:elsewhere|somewhere else|with (?:another|a different) bank) for",
    "non",
)  # fmt: skip
# A customer as the one looking ("clients looking for a HELOC"), never the RM ("Looking for
# mortgage holders"): the RM's own request has no subject before it.
_SEEKER = r"(?:who|that|clients?|customers?|people|folks|anyone|those|ones)(?: are| is|'re)?(?: (?:currently|actively))?"
ACQUIRE_CUES = (
    "(?:qualify|qualifies|qualified|eligible) for",
    "candidates? for",
    "prospects? for",
    "(?:could|might|may|would|should|likely to) (?:use|benefit from|need|want|like|qualify for|be ready for|open"
    "|get|take out|sign up for|add|consider)",
    "(?:need|needs|in need of)",
    "(?:(?:good|great|strong|natural|right|perfect|likely|best) )?fits? for",
    "ready for",
    "opportunit(?:y|ies) for",
    "cross[- ]sell(?:ing)?(?: them)?",
    "upsell(?:ing)?(?: them)?",
    "pitch(?:ing)?(?: them)?",
    "to offer",
    "(?:offer|offering|sell|selling|introduce|introducing|recommend|recommending|promote|promoting)"
    "(?: them| to them)?",
    "upgrad(?:e|es|ed|ing)(?: them)? (?:to|into)",
    "(?:call|ring|contact|email|reach out to|reach|talk to|speak (?:to|with)|approach|ping|chat with)"
    "(?: them)? about",
    "(?:talk|chat)(?:ing)?(?: to them| with them)? about",
    f"{_SEEKER} (?:looking for|shopping (?:around )?for|in the market for)",
    "(?:want|wants|wanting|looking|plan|plans|planning|hoping|hope|hopes|need|needs|trying|aiming|ready|keen"
    "|eager|about|likely) to (?:open|get|take out|apply for|sign up for|add|buy|have)",
    "(?:thinking (?:about|of)|interested in|considering|consider|asked about|asking about|inquired about)"
    " (?:opening|getting|taking out|applying for|signing up for|adding)",
    "(?:who |that )?(?:want|wants|wanting|interested in getting)",
)  # fmt: skip
# Curiosity about a product says nothing of holding it ("interested in our premium card", "asked
# about brokerage accounts"): read as the interest the product gives away, if any.
CURIOUS_CUES = (
    "(?:interested|interest) in",
    "curious about",
    "(?:asked|asking|inquired|inquiring|enquired|enquiring|called|calling|questions?) about",
    "(?:keen|eager) on",
)
HELD_CUES = (
    _MONEY_IN,
    _IN,
    "with",
    "have",
    "has",
    "having",
    "hold",
    "holds",
    "holding",
    "own",
    "owns",
    "owning",
    "carry",
    "carries",
    "carrying",
    "(?:who |that )?(?:use|uses|using)",
    "(?:(?:use|uses|using) us|(?:bank|banks|banking) with us) for",
    "(?:got|gotten|took(?: out)?|taken(?: out)?|opened|signed up for|obtained|bought|purchased)",
    "who (?:have|hold|own|carry)",
    "already (?:have|has|hold|holds|carry|carries|own|owns|use|uses|got)",
    "both",
    "about(?= (?:their|his|her) )",
    "existing",
    "current",
)  # fmt: skip
# Phrases that say a product is held without naming it: "paying off a car" (an auto loan).
_PAYING = r"(?:paying (?:off|down)|making (?:the )?payments on|still paying(?: off| for)?|financed|(?:owe|owes|owing)(?: us)?(?: money)? on)"
HELD_PHRASES: list[tuple[tuple[Product, ...], tuple[str, ...]]] = [
    ((Product.AUTO_LOAN,), (
        rf"{_PAYING} (?:a|an|their|the|his|her) (?:new |used )?(?:car|vehicle|truck|auto(?:mobile)?)s?(?: loans?| notes?)?",
    )),
    ((Product.MORTGAGE,), (
        rf"{_PAYING} (?:a|their|the|his|her) (?:house|home|condo|mortgage)s?",
    )),
    ((Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD), (r"card ?holders?",)),
    ((Product.LIFE_INSURANCE,), (r"polic(?:y|ies) ?holders?",)),
    ((Product.HOME_EQUITY_LINE,), (
        "borrowing against (?:their|the|his|her) (?:own )?(?:house|home|property|home equity|equity)",
    )),
]  # fmt: skip
# Between a product and the words saying it is held alone: "a savings account with us and nothing else".
WITH_US = ("with us", "from us", "through us", "here", "at the bank", "with the bank", "at our bank")
# Around a product list, saying the customer holds it and nothing else.
_ONLY_THING = (
    r"(?:only|sole|single|one) (?:accounts?|products?|relationship|holding|thing)(?: they (?:have|hold|keep))?"
    r"(?: with us| here| at the bank)?"
)
ONLY_BEFORE = (
    rf"(?:whose|their|the) {_ONLY_THING} (?:is|are)",
    r"only (?:has|have|holds?|with|(?:use|uses|bank with) us for)",
    r"(?:don't|do not|doesn't|does not) (?:bank with us|use us|have anything|hold anything)(?: for anything)?"
    r" (?:but|except|other than|besides)",
    r"anything (?:but|except|other than|besides|apart from)",
    r"no (?:other )?(?:products?|accounts?)(?: with us)? (?:but|except|other than|besides|apart from)",
    r"(?:has|have|holds?|with) only",
    r"(?:has|have|holds?|with) just",
    r"just (?:has|have|holds?)",
    r"nothing but",
    r"only",
    r"just",
)
ONLY_AFTER = (
    r"(?:,\s*)?(?:but|and) nothing (?:else|more)",
    r"(?:,\s*)?(?:but|and) no other (?:products?|accounts?)",
    r"(?:,\s*)?and that's it",
    rf"(?:is|are) (?:their|the) {_ONLY_THING}",
    r"-?only",
    r"alone",
)
# Kinds of product, for "only" said within one: "whose only loan is a car loan" holds an auto loan and
# none of the other loans, and says nothing of their cards or accounts.
_LOANS = (
    Product.PERSONAL_LOAN,
    Product.AUTO_LOAN,
    Product.MORTGAGE,
    Product.HOME_EQUITY_LINE,
    Product.BUSINESS_LOAN,
)
_DEPOSITS = (Product.CHECKING, Product.SAVINGS, Product.MONEY_MARKET, Product.CERTIFICATE_OF_DEPOSIT,
             Product.BUSINESS_CHECKING)  # fmt: skip
PRODUCT_CATEGORIES: list[tuple[tuple[Product, ...], tuple[str, ...]]] = [
    (_LOANS, (r"loan products?", r"loans?", r"lending products?", r"borrowing", r"debts?", r"credit lines?")),
    ((Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD), (r"(?:credit )?cards?",)),
    (_DEPOSITS, (r"deposit (?:accounts?|products?)", r"deposits?", r"cash accounts?")),
    ((Product.BROKERAGE, Product.RETIREMENT_IRA, Product.WEALTH_MANAGEMENT), (
        r"investment (?:accounts?|products?|vehicles?)",
        r"investments?",
        r"investing accounts?",
    )),
    ((Product.LIFE_INSURANCE,), (r"insurance(?: products?| polic(?:y|ies))?", r"polic(?:y|ies)")),
]  # fmt: skip
# Before a kind of product, saying it is the only one of that kind: "their only loan", "the sole card".
ONLY_OF_KIND = (
    r"(?:whose|their|the|his|her) (?:(?:one|0*1) and only|only|sole|one|single)"  # "one" may be read as 001
)
# "just one loan, a car loan": one of a kind, then which.
ONE_OF_KIND = r"(?:just|only) (?:one|0*1)"
ONE_OF_KIND_NAMED = r"(?:,|:|\s[-–—])?\s*(?:namely |which is |that being )?"
# After the kind, where or how it is held: "their only loan with us", "the only card they have".
OF_KIND_HELD = (
    r"with us",
    r"here",
    r"at the bank",
    r"on (?:their|the|our) books",
    r"on file",
    r"(?:that |which )?(?:they|he|she) (?:have|has|hold|holds|keep|keeps|carry|carries|'ve got|'ve|'s got)"
    r"(?: with us| here| at the bank)?",
)
# After a product, saying no other of its kind is held: "a car loan and no other loans".
NO_OTHER_OF_KIND = r"(?:,\s*)?(?:and|but|with) no other"
# Before the kind, saying none but the product after it is held: "no loans other than a car loan".
NONE_OF_KIND_BUT = (
    r"(?:has|have|hold|holds|with|having)? ?no",
    r"(?:do|does|did)(?: not|n't) (?:have|hold|carry) (?:any)?",
)
ONE_OF_KIND_BUT = r"(?:other than|except(?: for)?|besides|apart from|aside from|but)"
