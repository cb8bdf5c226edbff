"""The code vocabularies of ``shared/spec/domain.md``: the stored code and its human label."""

from django.db import models


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    BUSINESS_OWNER = "business_owner", "Business owner"
    RETIRED = "retired", "Retired"
    STUDENT = "student", "Student"
    UNEMPLOYED = "unemployed", "Unemployed"


class RiskTolerance(models.TextChoices):
    CONSERVATIVE = "conservative", "Conservative"
    MODERATE = "moderate", "Moderate"
    AGGRESSIVE = "aggressive", "Aggressive"


class Segment(models.TextChoices):
    MASS_MARKET = "mass_market", "Mass market"
    MASS_AFFLUENT = "mass_affluent", "Mass affluent"
    AFFLUENT = "affluent", "Affluent"
    HIGH_NET_WORTH = "high_net_worth", "High net worth"


# Lower bounds (USD of investable assets) of each segment, highest first.
SEGMENT_THRESHOLDS = [
    (Segment.HIGH_NET_WORTH, 1_000_000),
    (Segment.AFFLUENT, 500_000),
    (Segment.MASS_AFFLUENT, 100_000),
    (Segment.MASS_MARKET, 0),
]


def segment_for_assets(investable_assets) -> str:
    """Python twin of the database's generated ``segment`` column (same thresholds)."""
    for segment, threshold in SEGMENT_THRESHOLDS:
        if investable_assets >= threshold:
            return segment.value
    return Segment.MASS_MARKET.value


class PreferredChannel(models.TextChoices):
    BRANCH = "branch", "Branch"
    ONLINE = "online", "Online banking"
    MOBILE = "mobile", "Mobile app"
    PHONE = "phone", "Phone"
    ADVISOR = "advisor", "Personal advisor"


class Product(models.TextChoices):
    CHECKING = "checking", "Checking account"
    SAVINGS = "savings", "Savings account"
    MONEY_MARKET = "money_market", "Money market account"
    CERTIFICATE_OF_DEPOSIT = "certificate_of_deposit", "Certificate of deposit"
    CREDIT_CARD = "credit_card", "Credit card"
    PREMIUM_CREDIT_CARD = "premium_credit_card", "Premium credit card"
    PERSONAL_LOAN = "personal_loan", "Personal loan"
    AUTO_LOAN = "auto_loan", "Auto loan"
    MORTGAGE = "mortgage", "Mortgage"
    HOME_EQUITY_LINE = "home_equity_line", "Home equity line of credit"
    BROKERAGE = "brokerage", "Brokerage account"
    RETIREMENT_IRA = "retirement_ira", "Retirement IRA"
    WEALTH_MANAGEMENT = "wealth_management", "Wealth management"
    BUSINESS_CHECKING = "business_checking", "Business checking"
    BUSINESS_LOAN = "business_loan", "Business loan"
    LIFE_INSURANCE = "life_insurance", "Life insurance"


class Interest(models.TextChoices):
    RETIREMENT_PLANNING = "retirement_planning", "Retirement planning"
    INVESTING = "investing", "Investing"
    WEALTH_MANAGEMENT = "wealth_management", "Wealth management"
    HOME_BUYING = "home_buying", "Home buying"
    EDUCATION_SAVINGS = "education_savings", "Education savings"
    TRAVEL = "travel", "Travel"
    SMALL_BUSINESS = "small_business", "Small business"
    DEBT_CONSOLIDATION = "debt_consolidation", "Debt consolidation"
    INSURANCE = "insurance", "Insurance"
    ESTATE_PLANNING = "estate_planning", "Estate planning"
    TAX_PLANNING = "tax_planning", "Tax planning"
    CREDIT_BUILDING = "credit_building", "Credit building"
    SAVING = "saving", "Saving"
    PHILANTHROPY = "philanthropy", "Philanthropy"
    REAL_ESTATE_INVESTING = "real_estate_investing", "Real estate investing"
    SUSTAINABLE_INVESTING = "sustainable_investing", "Sustainable investing"


class EmbeddingStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"
    STALE = "stale", "Stale"


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
STATE_CHOICES = sorted(US_STATES.items())
