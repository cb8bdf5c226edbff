"""Places (states by name, nickname and demonym; regions) and occupations."""

from customers.choices import US_STATES

_NORTHEAST = ["CT", "MA", "ME", "NH", "NJ", "NY", "PA", "RI", "VT"]  # the US Census regions
_MIDWEST = ["IA", "IL", "IN", "KS", "MI", "MN", "MO", "ND", "NE", "OH", "SD", "WI"]
_SOUTH = [
    "AL",
    "AR",
    "DC",
    "DE",
    "FL",
    "GA",
    "KY",
    "LA",
    "MD",
    "MS",
    "NC",
    "OK",
    "SC",
    "TN",
    "TX",
    "VA",
    "WV",
]
_WEST = ["AK", "AZ", "CA", "CO", "HI", "ID", "MT", "NM", "NV", "OR", "UT", "WA", "WY"]
_MOUNTAIN = ["AZ", "CO", "ID", "MT", "NM", "NV", "UT", "WY"]  # the Census division
_EAST_COAST = ["CT", "DC", "DE", "FL", "GA", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "RI", "SC", "VA"]
# Groupings whose states are clear; where usage varies ("Pacific Northwest": Idaho or not) the
# states every usage includes, so that a reading is never wider than the RM meant.
REGIONS = {
    "west coast": ["CA", "OR", "WA"],
    "west coasters": ["CA", "OR", "WA"],
    "pacific coast": ["CA", "OR", "WA"],
    "pacific northwest": ["OR", "WA"],
    "the northwest": ["OR", "WA"],
    "new englanders": ["CT", "MA", "ME", "NH", "RI", "VT"],
    "the carolinas": ["NC", "SC"],
    "carolinas": ["NC", "SC"],
    "the dakotas": ["ND", "SD"],
    "dakotas": ["ND", "SD"],
    "northeast": _NORTHEAST,
    "the north east": _NORTHEAST,
    "northeastern states": _NORTHEAST,
    "northeasterners": _NORTHEAST,
    "midwestern states": _MIDWEST,
    "midwesterners": _MIDWEST,
    "the south": _SOUTH,
    "the american south": _SOUTH,
    "deep south": ["AL", "GA", "LA", "MS", "SC"],
    "southern states": _SOUTH,
    "southerners": _SOUTH,
    "the west": _WEST,
    "western states": _WEST,
    "mountain west": _MOUNTAIN,
    "mountain states": _MOUNTAIN,
    "gulf coast": ["AL", "FL", "LA", "MS", "TX"],
    "gulf states": ["AL", "FL", "LA", "MS", "TX"],
    "great lakes states": ["IL", "IN", "MI", "MN", "NY", "OH", "PA", "WI"],
    "great lakes region": ["IL", "IN", "MI", "MN", "NY", "OH", "PA", "WI"],
    "eastern seaboard": _EAST_COAST,
    "atlantic coast": _EAST_COAST,
    "new england": ["CT", "MA", "ME", "NH", "RI", "VT"],
    "tri-state area": ["CT", "NJ", "NY"],
    "tri-state": ["CT", "NJ", "NY"],
    "midwest": _MIDWEST,
    "southwest": ["AZ", "NM", "NV", "OK", "TX"],
    "east coast": _EAST_COAST,
}
# A compass word is a region only when no place follows it ("the South", not "the south side",
# "northeast Ohio" or "the west end"): the words that make it part of another place.
REGION_NOT_BEFORE = (
    "of", "side", "end", "shore", "coast", "coasters", "central", "texas", "bank", "branch", "village", "valley", "hills", "county", "suburbs", "loop",
    "campus", "jersey", "dakota", "carolina",
)  # fmt: skip
STATE_NAMES = {name.lower(): code for code, name in US_STATES.items()}
STATE_NAMES.update(
    {
        "washington dc": "DC",
        "washington d.c.": "DC",
        "d.c.": "DC",
        "washington state": "WA",
        "cali": "CA",
        "socal": "CA",
        "norcal": "CA",
        "calif": "CA",
        "fla": "FL",
        "n.y": "NY",
        "n.j": "NJ",
        "n.c": "NC",
        "s.c": "SC",
        "ariz": "AZ",
        "tenn": "TN",
        "jersey": "NJ",
    }
)
STATE_NAMES.update(
    {"texans": "TX", "californians": "CA", "floridians": "FL", "new yorkers": "NY", "new jerseyans": "NJ",
     "ohioans": "OH", "georgians": "GA", "coloradans": "CO", "arizonans": "AZ", "virginians": "VA",
     "illinoisans": "IL", "washingtonians": "WA", "oregonians": "OR", "michiganders": "MI",
     "pennsylvanians": "PA", "marylanders": "MD", "hoosiers": "IN", "minnesotans": "MN", "tennesseans": "TN",
     "kentuckians": "KY", "alabamians": "AL", "louisianans": "LA", "nevadans": "NV", "utahns": "UT",
     "iowans": "IA", "kansans": "KS", "missourians": "MO", "wisconsinites": "WI", "alaskans": "AK",
     "massachusetts residents": "MA", "north carolinians": "NC", "south carolinians": "SC",
     "coloradoans": "CO", "connecticuters": "CT", "mississippians": "MS", "arkansans": "AR", "oklahomans": "OK",
     "nebraskans": "NE", "new mexicans": "NM", "idahoans": "ID", "montanans": "MT", "vermonters": "VT",
     "mainers": "ME", "new hampshirites": "NH", "rhode islanders": "RI", "west virginians": "WV",
     "delawareans": "DE", "wyomingites": "WY", "north dakotans": "ND", "south dakotans": "SD"}
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
# Lower-case codes that are no English word or other shorthand, read anywhere ("ny clients"); the
# others only after "in" or "from" ("clients in tx", "from ga").
LOWER_CASE_CODES = frozenset(
    {"tx", "ny", "nj", "fl", "ca", "ga", "nc", "sc", "az", "nv", "nm", "wa", "wv", "tn", "ky", "ks", "mn",
     "ia", "ut", "vt", "nh", "ri", "ak", "wy", "dc"}
)  # fmt: skip
# Two-letter codes that are also English words: read only after "in", "from", a comma, ...
# Also banking shorthand or other abbreviations: a VA loan, NE (north-east) Ohio, Ms., Mt.
AMBIGUOUS_CODES = frozenset(
    {"IN", "OR", "ME", "OK", "HI", "DE", "AL", "LA", "MA", "PA", "CO", "ID", "OH", "MD", "CT", "MO", "VA", "NE",
     "MS", "MT"}
)  # fmt: skip

# Cities an RM names without "in" ("Chicago clients"), as the book spells them. Left out: names
# that are also common words or first names ("Mobile", "Madison", "Lincoln", "Columbia").
CITIES: dict[str, str] = {
    name.lower(): name
    for name in (
        "New York City", "Los Angeles", "Chicago", "Houston", "Philadelphia", "Phoenix", "San Antonio",
        "San Diego", "Dallas", "San Jose", "Austin", "Jacksonville", "Fort Worth", "Columbus", "Charlotte",
        "San Francisco", "Indianapolis", "Seattle", "Denver", "Boston", "El Paso", "Nashville", "Detroit",
        "Oklahoma City", "Portland", "Las Vegas", "Memphis", "Louisville", "Baltimore", "Milwaukee",
        "Albuquerque", "Tucson", "Fresno", "Sacramento", "Kansas City", "Atlanta", "Miami", "Raleigh", "Omaha",
        "Minneapolis", "Tulsa", "Cleveland", "Tampa", "New Orleans", "Honolulu", "Pittsburgh", "Cincinnati",
        "St. Louis", "Orlando", "Salt Lake City", "Richmond", "Buffalo", "Boise", "Des Moines", "Spokane",
        "Birmingham", "Anchorage", "Hartford", "Providence", "Newark", "Jersey City", "Durham", "St. Paul",
        "Brooklyn", "Scottsdale", "Irvine", "Oakland", "Plano", "Naples", "Sarasota", "Fort Lauderdale",
        "Boca Raton", "Rochester", "Albany", "White Plains", "Allentown", "Harrisburg", "Naperville", "Evanston",
        "Asheville", "Ann Arbor", "Grand Rapids", "Hoboken", "Virginia Beach", "Tacoma",
        "Bellevue", "Knoxville", "Chattanooga", "Fort Wayne", "Bethesda", "Annapolis", "Green Bay", "Boulder",
        "Colorado Springs", "Charleston", "Greenville", "Huntsville", "Baton Rouge", "Shreveport", "Lexington",
        "Stamford", "New Haven", "Greenwich", "Provo", "Park City", "Reno", "Cedar Rapids", "Wichita",
        "Overland Park", "Santa Fe", "Nashua", "Bangor", "Worcester", "Springfield", "Dayton",
        "Lansing", "Arlington", "Alexandria", "Tallahassee", "Spokane", "Bakersfield", "Long Beach",
    )
}  # fmt: skip
CITIES.update({"new york city": "New York", "nyc": "New York", "manhattan": "New York", "the big apple": "New York",
               "philly": "Philadelphia", "vegas": "Las Vegas", "saint louis": "St. Louis", "st louis": "St. Louis",
               "saint paul": "St. Paul", "st paul": "St. Paul", "l.a.": "Los Angeles", "san fran": "San Francisco",
               "chicagoans": "Chicago", "bostonians": "Boston", "angelenos": "Los Angeles", "houstonians": "Houston",
               "seattleites": "Seattle", "atlantans": "Atlanta", "philadelphians": "Philadelphia",
               "chicagoland": "Chicago"})  # fmt: skip

# phrase: words any of which the occupation contains
OCCUPATION_WORDS: dict[str, list[str]] = {
    'nurses?|nurse practitioners?|rns': ['Nurse'],
    'dental hygienists?|hygienists?': ['Dental Hygienist'],
    'physical therapists?|physiotherapists?': ['Physical Therapist'],
    'real estate developers?|property developers?': ['Real Estate Developer'],
    'first responders?': ['Police Officer', 'Firefighter'],
    'lab(?:oratory)? tech(?:nician)?s?': ['Lab Technician'],
    'sales ?(?:reps?|representatives?|people|persons?)|salesm[ae]n': ['Sales Representative'],
    'customer service (?:reps?|representatives?|agents?)|call cent(?:er|re) (?:workers?|agents?|staff)': ['Customer Service'],
    'administrative assistants?|admin(?:istrative)? (?:assistants?|staff)|secretaries|secretary|office assistants?': ['Administrative Assistant'],
    'warehouse (?:workers?|supervisors?|staff)': ['Warehouse'],
    '(?:rideshare|ride-share|uber|lyft) drivers?': ['Rideshare Driver'],
    'financial advis[oe]rs?|wealth advis[oe]rs?': ['Financial Advisor'],
    'financial analysts?': ['Financial Analyst'],
    'tradespeople|tradesmen|tradespersons?|skilled trades(?:people|men)?': ['Electrician', 'Plumber', 'Contractor'],
    'teachers?|educators?|schoolteachers?': ['Teacher'],
    'software engineers?|software developers?|programmers?|developers?': ['Software'],
    'engineers?': ['Engineer'],
    'doctors?|physicians?|surgeons?|mds|medical doctors?': ['Physician', 'Surgeon'],
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
    'executives?|execs?|c-suite|ceos?|cfos?|vps|vice presidents?': ['Chief', 'Vice President'],
    'product managers?': ['Product Manager'],
    'project managers?': ['Project Manager'],
    'marketing managers?': ['Marketing Manager'],
    'hr managers?|human resources managers?': ['HR Manager'],
    'operations managers?|ops managers?': ['Operations Manager'],
    'store managers?|retail managers?': ['Store Manager'],
    '(?<!wealth )(?<!portfolio )(?<!relationship )(?<!account )(?<!fund )managers?': ['Manager'],
    'restaurant owners?|restaurateurs?': ['Restaurant Owner'],
    'homemakers?|stay[- ]at[- ]home(?: (?:parents?|moms?|dads?|mothers?|fathers?|spouses?))?': ['Homemaker'],
    'farmers?': ['Farmer'],
    'medical professionals?|health ?care (?:workers?|professionals?)|clinicians?|(?:work|works|working|employed) in (?:health ?care|medicine)': ['Nurse', 'Physician', 'Surgeon', 'Pharmacist', 'Dentist', 'Dental', 'Physical Therapist', 'Medical'],
    'tech workers?|tech professionals?|techies|(?:work|works|working|employed) in tech': ['Software', 'Data Scientist', 'IT Support', 'Product Manager'],}  # fmt: skip
