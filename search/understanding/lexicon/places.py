"""Places (states by name, nickname and demonym; regions) and occupations."""

from customers.choices import US_STATES

REGIONS = {
    "west coast": ["CA", "OR", "WA"],
    "pacific northwest": ["OR", "WA", "ID"],
    "new england": ["CT", "MA", "ME", "NH", "RI", "VT"],
    "tri-state area": ["CT", "NJ", "NY"],
    "tri-state": ["CT", "NJ", "NY"],
    "midwest": ["IA", "IL", "IN", "KS", "MI", "MN", "MO", "ND", "NE", "OH", "SD", "WI"],
    "southwest": ["AZ", "NM", "NV", "OK", "TX"],
    "east coast": ["CT", "DC", "DE", "FL", "GA", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "RI", "SC", "VA"],
}
STATE_NAMES = {name.lower(): code for code, name in US_STATES.items()}
STATE_NAMES.update(
    {"washington dc": "DC", "washington d.c.": "DC", "d.c.": "DC", "washington state": "WA", "cali": "CA"}
)
STATE_NAMES.update(
    {"texans": "TX", "californians": "CA", "floridians": "FL", "new yorkers": "NY", "new jerseyans": "NJ",
     "ohioans": "OH", "georgians": "GA", "coloradans": "CO", "arizonans": "AZ", "virginians": "VA",
     "illinoisans": "IL", "washingtonians": "WA", "oregonians": "OR", "michiganders": "MI"}
)  # fmt: skip
# State nicknames an RM may use instead of the name ("the Lone Star State").
STATE_NICKNAMES = {
    "heart of dixie": "AL", "yellowhammer state": "AL", "the last frontier": "AK", "grand canyon state": "AZ",
    "natural state": "AR", "golden state": "CA", "centennial state": "CO", "constitution state": "CT",
    "nutmeg state": "CT", "first state": "DE", "diamond state": "DE", "sunshine state": "FL",
    "peach state": "GA", "aloha state": "HI", "gem state": "ID", "prairie state": "IL",
    "land of lincoln": "IL", "hoosier state": "IN", "hawkeye state": "IA", "sunflower state": "KS",
    "bluegrass state": "KY", "pelican state": "LA", "pine tree state": "ME", "old line state": "MD",
    "bay state": "MA", "great lakes state": "MI", "wolverine state": "MI", "north star state": "MN",
    "land of 10,000 lakes": "MN", "gopher state": "MN", "magnolia state": "MS", "show me state": "MO",
    "show-me state": "MO", "treasure state": "MT", "big sky country": "MT", "cornhusker state": "NE",
    "silver state": "NV", "granite state": "NH", "garden state": "NJ", "land of enchantment": "NM",
    "empire state": "NY", "tar heel state": "NC", "old north state": "NC", "peace garden state": "ND",
    "buckeye state": "OH", "sooner state": "OK", "beaver state": "OR", "keystone state": "PA",
    "ocean state": "RI", "palmetto state": "SC", "mount rushmore state": "SD", "volunteer state": "TN",
    "lone star state": "TX", "beehive state": "UT", "green mountain state": "VT", "old dominion": "VA",
    "evergreen state": "WA", "mountain state": "WV", "badger state": "WI", "equality state": "WY",
    "cowboy state": "WY",
}  # fmt: skip
STATE_NAMES.update(STATE_NICKNAMES)
# Two-letter codes that are also English words: read only after "in", "from", a comma, ...
AMBIGUOUS_CODES = frozenset(
    {"IN", "OR", "ME", "OK", "HI", "DE", "AL", "LA", "MA", "PA", "CO", "ID", "OH", "MD", "CT", "MO"}
)

# phrase: words any of which the occupation contains
OCCUPATION_WORDS: dict[str, list[str]] = {
    'nurses?': ['Nurse'],
    'teachers?|educators?': ['Teacher'],
    'software engineers?|software developers?|programmers?|developers?': ['Software'],
    'engineers?': ['Engineer'],
    'doctors?|physicians?|surgeons?': ['Physician', 'Surgeon'],
    'dentists?': ['Dentist', 'Dental Practice'],
    'lawyers?|attorneys?': ['Attorney'],
    'pilots?': ['Pilot'],
    'pharmacists?': ['Pharmacist'],
    'accountants?|cpas?': ['Accountant'],
    'professors?|academics?': ['Professor'],
    'architects?': ['Architect'],
    'chefs?|cooks?': ['Chef'],
    'electricians?': ['Electrician'],
    'plumbers?': ['Plumber'],
    'firefighters?': ['Firefighter'],
    'police officers?|cops?|police': ['Police Officer'],
    'truck(?:ers| drivers?)': ['Truck Driver'],
    'photographers?': ['Photographer'],
    'real estate agents?|realtors?': ['Real Estate Agent'],
    'consultants?': ['Consultant'],
    'designers?': ['Designer'],
    'data scientists?': ['Data Scientist'],
    'analysts?': ['Analyst'],
    'writers?|authors?': ['Writer'],
    'personal trainers?|fitness trainers?': ['Personal Trainer'],
    'therapists?|psychotherapists?': ['Therapist'],
    'social workers?': ['Social Worker'],
    'investment bankers?|bankers?': ['Banker'],
    'executives?|execs?|c-suite|ceos?|cfos?': ['Chief', 'Vice President'],
    'managers?': ['Manager'],
    'restaurant owners?|restaurateurs?': ['Restaurant Owner'],
    'farmers?': ['Farmer'],
    'medical professionals?|healthcare workers?|health care workers?|clinicians?': ['Nurse', 'Physician', 'Surgeon', 'Pharmacist', 'Dentist', 'Dental', 'Physical Therapist', 'Medical'],
    'tech workers?|tech professionals?|techies': ['Software', 'Data Scientist', 'IT Support', 'Product Manager'],}  # fmt: skip
