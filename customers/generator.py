"""Believable synthetic customers for demos, tests and search-quality measurement.

Every customer is drawn from its own random stream (seed and index), so the same seed always
gives the same customer at the same index, whatever the count. Attributes follow one another
the way a real book does: life stage drives employment, income, assets, products, interests and
the relationship manager's notes, which name goals and life events in varied words.
"""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from customers.choices import EmploymentStatus as ES
from customers.choices import Interest as IT
from customers.choices import PreferredChannel as CH
from customers.choices import Product as P
from customers.choices import RiskTolerance as RT

FIRST_NAMES = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy Matthew Betty
Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle
Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon
Edward Laura Jeffrey Cynthia Ryan Dorothy Jacob Amy Gary Kathleen Nicholas Angela Eric Shirley
Jonathan Emma Stephen Brenda Larry Pamela Justin Nicole Scott Anna Brandon Samantha Benjamin Katherine
Samuel Christine Gregory Debra Alexander Rachel Patrick Carolyn Frank Janet Raymond Maria Jack Olivia
Dennis Heather Jerry Helen Tyler Catherine Aaron Diane Jose Julie Adam Victoria Nathan Joyce Henry
Lauren Zachary Kelly Douglas Christina Peter Ruth Kyle Joan Noah Virginia Ethan Judith Jeremy Evelyn
Walter Hannah Christian Andrea Keith Megan Roger Cheryl Terry Jacqueline Austin Madison Sean Teresa
Gerald Abigail Carl Sophia Harold Martha Dylan Sara Arthur Gloria Lawrence Janice Jordan Kathryn Jesse
Ann Bryan Isabella Billy Judy Bruce Charlotte Gabriel Julia Joe Grace Logan Amber Alan Alice Juan
Jean Albert Denise Willie Frances Elijah Danielle Wayne Marilyn Randy Natalie Vincent Beverly Mason
Diana Roy Brittany Ralph Theresa Bobby Kayla Russell Alexis Bradley Doris Philip Lori Eugene Tiffany
Wei Priya Carlos Aisha Hiroshi Fatima Mateo Mei Omar Sofia Raj Lucia Dmitri Amara Kwame Ana""".split()

LAST_NAMES = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores
Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner
Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz
Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez
Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales
Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace
Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro
Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman
Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason
Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills
Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant
Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott
Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins
Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Shah Okafor""".split()

# state: (weight, cities)
STATES: dict[str, tuple[float, list[str]]] = {
    "CA": (
        11.7,
        [
            "Los Angeles",
            "San Diego",
            "San Jose",
            "San Francisco",
            "Sacramento",
            "Fresno",
            "Irvine",
            "Oakland",
        ],
    ),
    "TX": (9.0, ["Houston", "Dallas", "Austin", "San Antonio", "Fort Worth", "El Paso", "Plano"]),
    "FL": (
        6.8,
        ["Miami", "Tampa", "Orlando", "Jacksonville", "Naples", "Sarasota", "Fort Lauderdale", "Boca Raton"],
    ),
    "NY": (5.9, ["New York", "Brooklyn", "Buffalo", "Rochester", "Albany", "White Plains"]),
    "PA": (3.9, ["Philadelphia", "Pittsburgh", "Allentown", "Harrisburg"]),
    "IL": (3.8, ["Chicago", "Naperville", "Springfield", "Evanston"]),
    "OH": (3.5, ["Columbus", "Cleveland", "Cincinnati", "Dayton"]),
    "GA": (3.3, ["Atlanta", "Savannah", "Augusta", "Marietta"]),
    "NC": (3.2, ["Charlotte", "Raleigh", "Durham", "Asheville"]),
    "MI": (3.0, ["Detroit", "Grand Rapids", "Ann Arbor", "Lansing"]),
    "NJ": (2.8, ["Newark", "Jersey City", "Princeton", "Hoboken"]),
    "VA": (2.6, ["Virginia Beach", "Richmond", "Arlington", "Alexandria"]),
    "WA": (2.3, ["Seattle", "Spokane", "Tacoma", "Bellevue"]),
    "AZ": (2.2, ["Phoenix", "Tucson", "Scottsdale", "Mesa"]),
    "MA": (2.1, ["Boston", "Cambridge", "Worcester", "Springfield"]),
    "TN": (2.1, ["Nashville", "Memphis", "Knoxville", "Chattanooga"]),
    "IN": (2.0, ["Indianapolis", "Fort Wayne", "Bloomington"]),
    "MD": (1.8, ["Baltimore", "Bethesda", "Annapolis"]),
    "MO": (1.8, ["Kansas City", "St. Louis", "Springfield"]),
    "WI": (1.8, ["Milwaukee", "Madison", "Green Bay"]),
    "CO": (1.8, ["Denver", "Boulder", "Colorado Springs"]),
    "MN": (1.7, ["Minneapolis", "St. Paul", "Rochester"]),
    "SC": (1.6, ["Charleston", "Columbia", "Greenville"]),
    "AL": (1.5, ["Birmingham", "Huntsville", "Mobile"]),
    "LA": (1.4, ["New Orleans", "Baton Rouge", "Shreveport"]),
    "KY": (1.3, ["Louisville", "Lexington"]),
    "OR": (1.3, ["Portland", "Eugene", "Salem"]),
    "OK": (1.2, ["Oklahoma City", "Tulsa"]),
    "CT": (1.1, ["Hartford", "Stamford", "New Haven", "Greenwich"]),
    "UT": (1.0, ["Salt Lake City", "Provo", "Park City"]),
    "NV": (1.0, ["Las Vegas", "Reno", "Henderson"]),
    "IA": (0.9, ["Des Moines", "Cedar Rapids"]),
    "KS": (0.9, ["Wichita", "Overland Park"]),
    "NM": (0.6, ["Albuquerque", "Santa Fe"]),
    "NE": (0.6, ["Omaha", "Lincoln"]),
    "HI": (0.4, ["Honolulu"]),
    "ME": (0.4, ["Portland", "Bangor"]),
    "NH": (0.4, ["Manchester", "Nashua"]),
    "ID": (0.6, ["Boise"]),
    "DC": (0.2, ["Washington"]),
}
_STATE_CODES = list(STATES)
_STATE_WEIGHTS = [STATES[s][0] for s in _STATE_CODES]

# occupation, median annual income (USD)
EMPLOYED_OCCUPATIONS = [
    ("Software Engineer", 135_000),
    ("Registered Nurse", 86_000),
    ("Teacher", 62_000),
    ("Accountant", 80_000),
    ("Physician", 260_000),
    ("Surgeon", 380_000),
    ("Pharmacist", 130_000),
    ("Attorney", 160_000),
    ("Financial Analyst", 95_000),
    ("Marketing Manager", 125_000),
    ("Sales Representative", 65_000),
    ("Electrician", 62_000),
    ("Civil Engineer", 92_000),
    ("Mechanical Engineer", 98_000),
    ("Data Scientist", 130_000),
    ("Product Manager", 145_000),
    ("Police Officer", 70_000),
    ("Firefighter", 58_000),
    ("Dental Hygienist", 80_000),
    ("Dentist", 175_000),
    ("Professor", 110_000),
    ("Operations Manager", 100_000),
    ("Project Manager", 98_000),
    ("Retail Store Manager", 52_000),
    ("Administrative Assistant", 44_000),
    ("Warehouse Supervisor", 55_000),
    ("Truck Driver", 54_000),
    ("Chef", 50_000),
    ("Graphic Designer", 58_000),
    ("HR Manager", 110_000),
    ("Investment Banker", 280_000),
    ("Chief Financial Officer", 320_000),
    ("Vice President of Sales", 240_000),
    ("Management Consultant", 150_000),
    ("Architect", 95_000),
    ("Physical Therapist", 95_000),
    ("Social Worker", 55_000),
    ("Customer Service Representative", 40_000),
    ("Lab Technician", 52_000),
    ("IT Support Specialist", 60_000),
    ("Airline Pilot", 210_000),
    ("Real Estate Developer", 190_000),
]
SELF_EMPLOYED_OCCUPATIONS = [
    ("Freelance Graphic Designer", 60_000),
    ("Independent Consultant", 120_000),
    ("Real Estate Agent", 85_000),
    ("Photographer", 50_000),
    ("Contractor", 75_000),
    ("Freelance Writer", 48_000),
    ("Personal Trainer", 45_000),
    ("Rideshare Driver", 35_000),
    ("Independent Financial Advisor", 130_000),
    ("Psychotherapist in Private Practice", 110_000),
    ("Software Contractor", 150_000),
    ("Plumber", 70_000),
]
BUSINESS_OWNER_OCCUPATIONS = [
    ("Restaurant Owner", 95_000),
    ("Owner, Construction Company", 160_000),
    ("Owner, Dental Practice", 240_000),
    ("Owner, Landscaping Business", 85_000),
    ("Owner, Auto Repair Shop", 90_000),
    ("Founder, Software Startup", 180_000),
    ("Owner, Retail Boutique", 70_000),
    ("Owner, Trucking Company", 150_000),
    ("Owner, Insurance Agency", 140_000),
    ("Owner, Manufacturing Firm", 260_000),
    ("Owner, Bakery", 60_000),
    ("Owner, Medical Clinic", 300_000),
]
STUDENT_OCCUPATIONS = [
    ("Undergraduate Student", 9_000),
    ("Graduate Student", 22_000),
    ("Medical Student", 12_000),
    ("Law Student", 10_000),
]
UNEMPLOYED_OCCUPATIONS = [("Unemployed", 0), ("Between jobs", 0), ("Homemaker", 0)]
# Occupations that take years of training or experience; others need only adulthood.
MINIMUM_AGE = {
    "Physician": 30,
    "Surgeon": 33,
    "Pharmacist": 26,
    "Attorney": 26,
    "Dentist": 28,
    "Professor": 31,
    "Investment Banker": 24,
    "Chief Financial Officer": 38,
    "Vice President of Sales": 34,
    "Management Consultant": 24,
    "Airline Pilot": 26,
    "Real Estate Developer": 30,
    "HR Manager": 28,
    "Marketing Manager": 27,
    "Product Manager": 25,
    "Operations Manager": 27,
    "Architect": 26,
    "Owner, Dental Practice": 30,
    "Owner, Medical Clinic": 34,
    "Owner, Manufacturing Firm": 30,
    "Independent Financial Advisor": 27,
    "Psychotherapist in Private Practice": 30,
}


@dataclass(frozen=True)
class _Stage:
    status: str
    occupation: str
    median_income: int


def _pick_weighted(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


def _draw_age(rng: random.Random) -> int:
    band = _pick_weighted(
        rng, {(18, 24): 11, (25, 34): 18, (35, 44): 17, (45, 54): 16, (55, 64): 17, (65, 74): 13, (75, 90): 8}
    )
    return rng.randint(*band)


def _draw_status(rng: random.Random, age: int) -> str:
    if age < 25:
        table = {ES.STUDENT: 45, ES.EMPLOYED: 44, ES.UNEMPLOYED: 7, ES.SELF_EMPLOYED: 4}
    elif age < 35:
        table = {ES.EMPLOYED: 72, ES.SELF_EMPLOYED: 9, ES.BUSINESS_OWNER: 6, ES.STUDENT: 6, ES.UNEMPLOYED: 7}
    elif age < 55:
        table = {
            ES.EMPLOYED: 66,
            ES.SELF_EMPLOYED: 11,
            ES.BUSINESS_OWNER: 14,
            ES.UNEMPLOYED: 6,
            ES.RETIRED: 1,
        }
    elif age < 65:
        table = {
            ES.EMPLOYED: 52,
            ES.SELF_EMPLOYED: 10,
            ES.BUSINESS_OWNER: 13,
            ES.RETIRED: 21,
            ES.UNEMPLOYED: 4,
        }
    elif age < 70:
        table = {ES.RETIRED: 62, ES.EMPLOYED: 22, ES.SELF_EMPLOYED: 7, ES.BUSINESS_OWNER: 9}
    else:
        table = {ES.RETIRED: 92, ES.BUSINESS_OWNER: 4, ES.SELF_EMPLOYED: 2, ES.EMPLOYED: 2}
    return _pick_weighted(rng, table)


def _draw_stage(rng: random.Random, age: int) -> _Stage:
    status = _draw_status(rng, age)
    if status == ES.RETIRED:
        former, median = rng.choice(EMPLOYED_OCCUPATIONS + BUSINESS_OWNER_OCCUPATIONS)
        former = former.replace("Owner, ", "owner of a ").replace("Founder, ", "founder of a ")
        return _Stage(status, f"Retired {former}", int(median * rng.uniform(0.35, 0.6)))
    occupations = {
        ES.EMPLOYED: EMPLOYED_OCCUPATIONS,
        ES.SELF_EMPLOYED: SELF_EMPLOYED_OCCUPATIONS,
        ES.BUSINESS_OWNER: BUSINESS_OWNER_OCCUPATIONS,
        ES.STUDENT: STUDENT_OCCUPATIONS,
        ES.UNEMPLOYED: UNEMPLOYED_OCCUPATIONS,
    }[status]
    occupation, median = rng.choice([o for o in occupations if MINIMUM_AGE.get(o[0], 18) <= age])
    return _Stage(status, occupation, median)


def _career_factor(age: int) -> float:
    if age < 25:
        return 0.6
    if age < 35:
        return 0.85
    if age < 45:
        return 1.0
    if age < 60:
        return 1.12
    return 1.05


def _round(value: float, step: int = 100) -> Decimal:
    return Decimal(round(value / step) * step)


def _draw_money(rng: random.Random, age: int, stage: _Stage) -> tuple[Decimal, Decimal]:
    if stage.status == ES.UNEMPLOYED:
        income = rng.choice([0, 0, rng.uniform(5_000, 25_000)])
    else:
        income = stage.median_income * _career_factor(age) * rng.lognormvariate(0, 0.3)
    years_saving = 40 if stage.status == ES.RETIRED else max(0, age - 22)
    savings_rate = rng.lognormvariate(-2.6, 0.7)  # typically ~7% of income, long tail
    growth = 1 + 0.025 * years_saving
    base_income = income if stage.status != ES.RETIRED else stage.median_income * 2
    assets = base_income * savings_rate * years_saving * growth * 0.6 + rng.uniform(0, 8_000)
    if stage.status == ES.BUSINESS_OWNER:
        assets *= rng.uniform(1.2, 2.5)
    if rng.random() < 0.03:  # inheritance, business sale, windfall
        assets += rng.uniform(400_000, 3_000_000)
    return _round(max(income, 0), 500), _round(max(assets, 0))


def _draw_dependents(rng: random.Random, age: int) -> int:
    if age < 24:
        table = {0: 90, 1: 8, 2: 2}
    elif age < 30:
        table = {0: 60, 1: 22, 2: 14, 3: 4}
    elif age < 50:
        table = {0: 28, 1: 24, 2: 30, 3: 12, 4: 5, 5: 1}
    elif age < 60:
        table = {0: 55, 1: 22, 2: 16, 3: 6, 4: 1}
    else:
        table = {0: 88, 1: 9, 2: 3}
    return _pick_weighted(rng, table)


def _draw_credit_score(rng: random.Random, age: int, income: Decimal, stage: _Stage) -> int:
    score = rng.gauss(690, 55)
    score += min(float(income), 400_000) / 400_000 * 70
    score += min(age - 18, 40) * 1.2 - 20
    if stage.status == ES.STUDENT:
        score -= 35
    if stage.status == ES.UNEMPLOYED:
        score -= 40
    return int(min(850, max(300, round(score))))


def _draw_risk(rng: random.Random, age: int, assets: Decimal) -> str:
    if age < 35:
        table = {RT.AGGRESSIVE: 40, RT.MODERATE: 45, RT.CONSERVATIVE: 15}
    elif age < 55:
        table = {RT.AGGRESSIVE: 28, RT.MODERATE: 50, RT.CONSERVATIVE: 22}
    elif age < 67:
        table = {RT.AGGRESSIVE: 15, RT.MODERATE: 45, RT.CONSERVATIVE: 40}
    else:
        table = {RT.AGGRESSIVE: 7, RT.MODERATE: 35, RT.CONSERVATIVE: 58}
    if assets >= 1_000_000:
        table[RT.AGGRESSIVE] += 15
    return _pick_weighted(rng, table)


def _draw_channel(rng: random.Random, age: int, assets: Decimal) -> str:
    if assets >= 1_000_000 and rng.random() < 0.55:
        return CH.ADVISOR
    if age < 35:
        table = {CH.MOBILE: 60, CH.ONLINE: 28, CH.BRANCH: 7, CH.PHONE: 3, CH.ADVISOR: 2}
    elif age < 55:
        table = {CH.MOBILE: 35, CH.ONLINE: 35, CH.BRANCH: 17, CH.PHONE: 8, CH.ADVISOR: 5}
    elif age < 70:
        table = {CH.ONLINE: 30, CH.BRANCH: 33, CH.MOBILE: 15, CH.PHONE: 14, CH.ADVISOR: 8}
    else:
        table = {CH.BRANCH: 50, CH.PHONE: 25, CH.ONLINE: 12, CH.ADVISOR: 9, CH.MOBILE: 4}
    return _pick_weighted(rng, table)


def _draw_products(rng, age, stage, income, assets, credit, dependents) -> list[str]:
    held = []

    def maybe(product, probability):
        if rng.random() < probability:
            held.append(product)

    maybe(P.CHECKING, 0.95)
    maybe(P.SAVINGS, 0.7)
    maybe(P.MONEY_MARKET, 0.25 if assets > 50_000 else 0.04)
    maybe(P.CERTIFICATE_OF_DEPOSIT, 0.25 if age >= 55 else 0.06)
    if credit >= 620:
        maybe(P.CREDIT_CARD, 0.62)
    else:
        maybe(P.CREDIT_CARD, 0.3)
    if income >= 120_000 and credit >= 720:
        maybe(P.PREMIUM_CREDIT_CARD, 0.4)
    maybe(P.PERSONAL_LOAN, 0.2 if credit < 680 else 0.07)
    maybe(P.AUTO_LOAN, 0.28 if 22 <= age <= 65 else 0.06)
    if 27 <= age <= 70 and income >= 45_000:
        maybe(P.MORTGAGE, 0.45 if age < 60 else 0.25)
    if P.MORTGAGE in held:
        maybe(P.HOME_EQUITY_LINE, 0.18)
    maybe(P.BROKERAGE, 0.5 if assets >= 250_000 else (0.15 if assets >= 50_000 else 0.03))
    maybe(
        P.RETIREMENT_IRA, 0.65 if age >= 55 or stage.status == ES.RETIRED else (0.35 if age >= 30 else 0.08)
    )
    if assets >= 1_000_000:
        maybe(P.WEALTH_MANAGEMENT, 0.6)
    elif assets >= 500_000:
        maybe(P.WEALTH_MANAGEMENT, 0.2)
    if stage.status in (ES.BUSINESS_OWNER, ES.SELF_EMPLOYED):
        maybe(P.BUSINESS_CHECKING, 0.85 if stage.status == ES.BUSINESS_OWNER else 0.35)
        maybe(P.BUSINESS_LOAN, 0.45 if stage.status == ES.BUSINESS_OWNER else 0.1)
    maybe(P.LIFE_INSURANCE, 0.45 if dependents else 0.12)
    if not held:
        held.append(P.CHECKING)
    return [str(p) for p in held]


def _draw_interests(rng, age, stage, income, assets, credit, dependents, products) -> list[str]:
    weights: dict[str, float] = dict.fromkeys(IT, 0.3)
    if age < 30:
        for i, w in {
            IT.CREDIT_BUILDING: 3,
            IT.TRAVEL: 3,
            IT.SAVING: 3,
            IT.HOME_BUYING: 2.5,
            IT.INVESTING: 1.5,
            IT.DEBT_CONSOLIDATION: 1.2,
            IT.SUSTAINABLE_INVESTING: 1.2,
        }.items():
            weights[i] += w
    elif age < 45:
        for i, w in {
            IT.HOME_BUYING: 2.5,
            IT.INVESTING: 2.5,
            IT.SAVING: 1.5,
            IT.TRAVEL: 1.5,
            IT.RETIREMENT_PLANNING: 1.2,
            IT.REAL_ESTATE_INVESTING: 1,
            IT.SUSTAINABLE_INVESTING: 1,
        }.items():
            weights[i] += w
    elif age < 55:
        for i, w in {
            IT.RETIREMENT_PLANNING: 2.5,
            IT.INVESTING: 2.5,
            IT.TAX_PLANNING: 1.5,
            IT.REAL_ESTATE_INVESTING: 1.2,
            IT.WEALTH_MANAGEMENT: 1,
            IT.TRAVEL: 1,
        }.items():
            weights[i] += w
    elif age < 68 and stage.status != ES.RETIRED:
        for i, w in {
            IT.RETIREMENT_PLANNING: 4,
            IT.WEALTH_MANAGEMENT: 2,
            IT.ESTATE_PLANNING: 1.5,
            IT.TAX_PLANNING: 1.5,
            IT.INVESTING: 1.5,
            IT.TRAVEL: 1,
        }.items():
            weights[i] += w
    else:
        for i, w in {
            IT.ESTATE_PLANNING: 3,
            IT.TRAVEL: 2.5,
            IT.PHILANTHROPY: 1.5,
            IT.WEALTH_MANAGEMENT: 1,
            IT.INSURANCE: 1,
            IT.TAX_PLANNING: 1,
        }.items():
            weights[i] += w
    if dependents:
        weights[IT.EDUCATION_SAVINGS] += 3 if 28 <= age <= 55 else 0.5
        weights[IT.INSURANCE] += 1.2
    else:
        weights[IT.EDUCATION_SAVINGS] = 0
    if stage.status in (ES.BUSINESS_OWNER, ES.SELF_EMPLOYED):
        weights[IT.SMALL_BUSINESS] += 9 if stage.status == ES.BUSINESS_OWNER else 3
        weights[IT.TAX_PLANNING] += 1
    else:
        weights[IT.SMALL_BUSINESS] = 0.08
    if stage.status == ES.STUDENT:
        weights[IT.CREDIT_BUILDING] += 3
        weights[IT.EDUCATION_SAVINGS] += 0.5
    if credit < 640 or P.PERSONAL_LOAN in products:
        weights[IT.DEBT_CONSOLIDATION] += 2.5
        weights[IT.CREDIT_BUILDING] += 1.5
    if assets >= 500_000:
        weights[IT.WEALTH_MANAGEMENT] += 2.5
        weights[IT.ESTATE_PLANNING] += 1.5
        weights[IT.PHILANTHROPY] += 1
        weights[IT.TAX_PLANNING] += 1
    if P.MORTGAGE in products:
        weights[IT.HOME_BUYING] *= 0.25
    count = rng.choices([1, 2, 3, 4], weights=[25, 38, 27, 10])[0]
    chosen: list[str] = []
    pool = {interest: weight for interest, weight in weights.items() if weight > 0}
    while len(chosen) < count and pool:
        pick = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(str(pick))
        del pool[pick]
    return chosen


# Varied RM wording for each interest, so that meaning rather than the code links queries.
INTEREST_NOTES: dict[str, list[str]] = {
    IT.RETIREMENT_PLANNING: [
        "Asked whether they are on track to stop working by {retire_age}.",
        "Wants to review pension and 401(k) rollover options before retiring.",
        "Concerned about having enough income once the paychecks stop.",
        "Discussed a glide path for the next {retire_in} years toward retirement.",
    ],
    IT.INVESTING: [
        "Keen to put idle cash to work in the markets.",
        "Asked about index funds and building a diversified portfolio.",
        "Follows the stock market closely and wants a second opinion on allocations.",
        "Interested in growing savings through equities and bonds.",
    ],
    IT.WEALTH_MANAGEMENT: [
        "Would like a dedicated advisor to manage the whole portfolio.",
        "Looking for discretionary portfolio management and a private banking relationship.",
        "Assets spread across several firms; wants to consolidate under one advisor.",
        "Asked about our private wealth services after a strong year.",
    ],
    IT.HOME_BUYING: [
        "Saving for a down payment on a first home.",
        "House hunting in {city}; wants to know how much they can borrow.",
        "Renting now but hopes to buy a place within two years.",
        "Asked about mortgage pre-approval and first-time buyer programs.",
    ],
    IT.EDUCATION_SAVINGS: [
        "Wants to start a 529 plan for the kids' college.",
        "Oldest child starts university in a few years; tuition is on their mind.",
        "Putting money aside for the children's education.",
        "Asked how to save for college fees without hurting retirement savings.",
    ],
    IT.TRAVEL: [
        "Travels abroad several times a year; asked about no foreign transaction fee cards.",
        "Planning a long trip through Europe next summer.",
        "Loves to travel and collects airline miles.",
        "Mentioned a round-the-world trip once things settle down.",
    ],
    IT.SMALL_BUSINESS: [
        "Wants to expand the business and may need working capital.",
        "Asked about merchant services and payroll for the company.",
        "Thinking of opening a second location.",
        "Cash flow of the business is seasonal; discussed a line of credit.",
    ],
    IT.DEBT_CONSOLIDATION: [
        "Carrying balances on several cards; wants one lower monthly payment.",
        "Asked about rolling high-interest debt into a single loan.",
        "Struggling with credit card interest; discussed a consolidation plan.",
        "Wants to pay off the car loan and cards faster.",
    ],
    IT.INSURANCE: [
        "Asked about term life cover to protect the family.",
        "Reviewing insurance after a health scare in the family.",
        "Wants to make sure dependents are covered if something happens.",
        "Interested in disability and long-term care coverage.",
    ],
    IT.ESTATE_PLANNING: [
        "Wants to set up a trust and update the will.",
        "Thinking about passing wealth to the grandchildren tax-efficiently.",
        "Asked about naming beneficiaries and succession for the estate.",
        "Concerned about probate; discussed a living trust.",
    ],
    IT.TAX_PLANNING: [
        "Large tax bill last year; wants tax-efficient strategies.",
        "Asked about tax-loss harvesting and municipal bonds.",
        "Looking to reduce taxable income through retirement contributions.",
        "Wants to coordinate with their CPA before year end.",
    ],
    IT.CREDIT_BUILDING: [
        "Thin credit file; wants to build a credit history.",
        "Asked about a secured card to raise their score.",
        "Trying to improve their credit score before applying for loans.",
        "First credit card; wants to learn how to use credit responsibly.",
    ],
    IT.SAVING: [
        "Building an emergency fund of six months of expenses.",
        "Wants a better rate on savings.",
        "Sets money aside every payday and asked about high-yield options.",
        "Trying to save more each month.",
    ],
    IT.PHILANTHROPY: [
        "Gives generously to local charities; asked about a donor-advised fund.",
        "Wants to leave part of the estate to a foundation.",
        "Interested in charitable giving strategies.",
        "Sits on the board of a non-profit and asked about charitable trusts.",
    ],
    IT.REAL_ESTATE_INVESTING: [
        "Owns two rental properties and is looking for a third.",
        "Asked about financing an investment property.",
        "Interested in real estate as a source of rental income.",
        "Considering buying a duplex to rent out.",
    ],
    IT.SUSTAINABLE_INVESTING: [
        "Wants investments that align with environmental values.",
        "Asked about ESG funds and avoiding fossil fuels.",
        "Cares about climate impact; interested in green bonds.",
        "Prefers socially responsible funds.",
    ],
}

LIFE_EVENTS_BY_STAGE = {
    "young": [
        "Recently graduated and started a first full-time job.",
        "Just moved to {city} for work.",
        "Got a promotion this spring.",
        "Paying down student loans.",
    ],
    "family": [
        "Welcomed a new baby this year.",
        "Kids are growing fast; budget is tight but stable.",
        "Recently moved to a bigger home in {city}.",
        "Changed jobs for a better salary last quarter.",
    ],
    "peak": [
        "Promoted to a senior role last year.",
        "Kids have left home; more room in the budget.",
        "Received a sizeable bonus.",
        "Caring for an elderly parent.",
    ],
    "preretire": [
        "Plans to retire in about {retire_in} years.",
        "Considering scaling back to part-time work soon.",
        "Thinking about downsizing the house after retirement.",
        "Employer offered an early retirement package.",
    ],
    "retired": [
        "Retired a few years ago and enjoys volunteering.",
        "Spends winters with family out of state.",
        "Living on pension and Social Security; values stability.",
        "Recently sold the family home and downsized.",
    ],
    "student": [
        "Full-time student working part-time on campus.",
        "Finishing a degree next year.",
        "Works weekends to cover living costs.",
    ],
    "business": [
        "Business revenue grew strongly this year.",
        "Hired five new employees recently.",
        "Considering selling the business in a few years.",
    ],
}

SERVICE_NOTES = [
    "Prefers email follow-ups.",
    "Best reached in the evening.",
    "Referred a friend.",
    "Responds quickly to texts.",
] + [""] * 8


def _life_stage(age: int, stage: _Stage, dependents: int) -> str:
    if stage.status == ES.STUDENT:
        return "student"
    if stage.status == ES.RETIRED:
        return "retired"
    if stage.status == ES.BUSINESS_OWNER:
        return "business"
    if age >= 55:
        return "preretire"
    if age < 30:
        return "young"
    if dependents:
        return "family"
    return "peak"


def _draw_notes(rng: random.Random, age: int, stage: _Stage, dependents: int, city: str, interests) -> str:
    values = {"city": city, "retire_in": max(1, 65 - age) if age < 65 else 2, "retire_age": max(age + 2, 62)}
    sentences = [rng.choice(INTEREST_NOTES[interest]) for interest in interests if rng.random() < 0.85]
    if rng.random() < 0.7:
        sentences.insert(0, rng.choice(LIFE_EVENTS_BY_STAGE[_life_stage(age, stage, dependents)]))
    service = rng.choice(SERVICE_NOTES)
    if service:
        sentences.append(service)
    return " ".join(s.format(**values) for s in sentences)


def _birth_date(rng: random.Random, age: int, as_of: date) -> date:
    # A birthday in the past year of age ``age`` on ``as_of``.
    latest = (
        as_of.replace(year=as_of.year - age)
        if not (as_of.month == 2 and as_of.day == 29)
        else date(as_of.year - age, 2, 28)
    )
    return latest - timedelta(days=rng.randint(0, 364))


def generate_customer(index: int, *, seed: int, as_of: date, relationship_managers: Sequence = ()) -> dict:
    """The customer at ``index`` for ``seed``: a dict of model field values."""
    rng = random.Random(f"bankcrm:{seed}:{index}")
    age = _draw_age(rng)
    stage = _draw_stage(rng, age)
    income, assets = _draw_money(rng, age, stage)
    dependents = _draw_dependents(rng, age)
    credit = _draw_credit_score(rng, age, income, stage)
    state = rng.choices(_STATE_CODES, weights=_STATE_WEIGHTS)[0]
    city = rng.choice(STATES[state][1])
    products = _draw_products(rng, age, stage, income, assets, credit, dependents)
    interests = _draw_interests(rng, age, stage, income, assets, credit, dependents, products)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    date_of_birth = _birth_date(rng, age, as_of)
    adult_since = (
        date_of_birth.replace(year=date_of_birth.year + 18)
        if date_of_birth.month != 2 or date_of_birth.day != 29
        else date(date_of_birth.year + 18, 3, 1)
    )
    max_tenure_days = max(30, (as_of - adult_since).days)
    tenure_days = int(max_tenure_days * rng.betavariate(1.6, 2.2))
    customer_since = as_of - timedelta(days=max(tenure_days, 1))
    last_contact = None
    if rng.random() < 0.85:
        last_contact = as_of - timedelta(days=rng.randint(0, min(720, (as_of - customer_since).days)))
    rm = relationship_managers[index % len(relationship_managers)] if relationship_managers else None
    return {
        "external_id": f"GEN{seed}-{index:07d}",
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}.{last.lower()}{index % 1000}@example.com",
        "phone": f"({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}",
        "date_of_birth": date_of_birth,
        "city": city,
        "state": state,
        "occupation": stage.occupation,
        "employment_status": str(stage.status),
        "annual_income": income,
        "investable_assets": assets,
        "credit_score": credit,
        "risk_tolerance": str(_draw_risk(rng, age, assets)),
        "dependents": dependents,
        "customer_since": customer_since,
        "preferred_channel": str(_draw_channel(rng, age, assets)),
        "products": products,
        "interests": interests,
        "notes": _draw_notes(rng, age, stage, dependents, city, interests),
        "relationship_manager": rm,
        "last_contact_date": last_contact,
    }


def generate_customers(
    count: int, *, seed: int, as_of: date | None = None, relationship_managers: Sequence = (), start: int = 0
) -> Iterator[dict]:
    as_of = as_of or date.today()
    for index in range(start, start + count):
        yield generate_customer(index, seed=seed, as_of=as_of, relationship_managers=relationship_managers)
