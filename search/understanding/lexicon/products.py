"""Products: the phrases for each product code, the cues that a product is held, lacked or
wanted, and what wanting a product says about a customer's interests."""

from customers.choices import Interest, Product

# (codes, phrases): a phrase may name several codes ("cards": any credit card).
PRODUCT_PHRASES: list[tuple[tuple[Product, ...], tuple[str, ...]]] = [
    ((Product.PREMIUM_CREDIT_CARD,), (
        "premium (?:credit )?cards?",
        "rewards? (?:credit )?cards?",
        "platinum cards?",
        "travel (?:rewards )?cards?",
        "metal cards?",
        "premium credit",
    )),
    ((Product.CREDIT_CARD, Product.PREMIUM_CREDIT_CARD,), (
        "credit[- ]cards?",
        "cards?",
    )),
    ((Product.CHECKING,), (
        "checking(?: accounts?)?",
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
        "(?:auto|car|vehicle) (?:loans?|financing)",
    )),
    ((Product.HOME_EQUITY_LINE,), (
        "home[- ]equity(?: lines?(?: of credit)?| loans?)?",
        "helocs?",
    )),
    ((Product.MORTGAGE,), (
        "mortgages?",
        "home loans?",
    )),
    ((Product.BROKERAGE,), (
        "brokerage(?: accounts?)?",
        "trading accounts?",
        "investment accounts?",
    )),
    ((Product.RETIREMENT_IRA,), (
        "(?:roth |traditional )?iras?",
        "individual retirement accounts?",
        "retirement accounts?",
    )),
    ((Product.WEALTH_MANAGEMENT,), (
        "wealth management(?: accounts?| services?| products?| relationships?)?",
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
        "life (?:insurance(?: polic(?:y|ies))?|cover|polic(?:y|ies))",
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
# Words that may stand before a product in a list: "a", "an existing".
ARTICLES = ("a", "an", "any", "the", "their", "existing", "active", "yet", "one", "single", "both", "either")
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
NOT_HELD_CUES = (
    "neither",
    "without",
    "w/o",
    "no",
    "not",
    "lacks?",
    "lacking",
    "missing",
    "excluding",
    "except",
    "but not",
    "(?:who |that )?(?:do|does|did)(?: not|n't)(?: yet| already| currently)? (?:have|hold|own|carry|use|got)",
    "(?:has|have|having) (?:no|not (?:yet )?(?:got|opened|taken out))",
    "(?:has|have)(?: not|n't)(?: yet)? (?:got|gotten|opened|taken out|taken|had)",
    "yet to (?:open|get|take out|take|have)",
    "never (?:had|opened|held)",
    "not holding",
    "non",
)  # fmt: skip
ACQUIRE_CUES = (
    "(?:qualify|qualifies|qualified|eligible) for",
    "candidates? for",
    "prospects? for",
    "(?:could|might|may|would) (?:use|benefit from|need|want|like|qualify for|be ready for)",
    "(?:need|needs|in need of)",
    "good fits? for",
    "ready for",
    "opportunit(?:y|ies) for",
    "cross[- ]sell(?:ing)?",
    "upsell(?:ing)?",
    "pitch(?:ing)?",
    "to offer",
    "(?:who |that )?(?:want|wants|wanting|looking for|shopping for|in the market for|interested in getting)",
)  # fmt: skip
HELD_CUES = (
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
    "who (?:have|hold|own|carry)",
    "already (?:have|has|hold|holds)",
    "existing",
    "current",
)  # fmt: skip
# Around a product list, saying the customer holds it and nothing else.
ONLY_BEFORE = (
    r"only (?:has|have|holds?|with)",
    r"(?:has|have|holds?|with) only",
    r"(?:has|have|holds?|with) just",
    r"just (?:has|have|holds?)",
    r"nothing but",
    r"only",
    r"just",
)
ONLY_AFTER = (
    r"(?:,\s*)?(?:but|and) nothing else",
    r"(?:,\s*)?(?:but|and) no other (?:products?|accounts?)",
    r"only",
    r"alone",
)
