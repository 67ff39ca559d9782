"""Word lists for numeric claims (used by :mod:`communique.nlp.claims`): currencies, scale words, unit aliases,
people nouns, qualifiers and the words that mark a number as a label rather than a quantity."""

from __future__ import annotations

__all__ = [
    "CURRENCY_SYMBOLS",
    "CURRENCY_CODES",
    "CURRENCY_WORDS",
    "SCALES",
    "PERCENT_WORDS",
    "UNIT_ALIASES",
    "PEOPLE_NOUNS",
    "QUALIFIERS",
    "LABEL_WORDS",
    "NUMBER_WORDS",
    "ABOUT_SKIP",
]

# Symbol (as written, longest first when matching) -> ISO 4217. "\$" is the escaped dollar of scraped markdown.
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "MX$": "MXN",
    "Mex$": "MXN", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "\\$": "USD", "$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
}  # fmt: skip

CURRENCY_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "MXN", "CAD", "JPY", "CNY", "RMB", "INR", "BRL", "RUB", "KRW", "AUD", "CHF", "COP",
    "ARS", "CLP", "PEN", "GTQ", "HNL", "NZD", "HKD", "TRY", "ZAR", "SAR", "AED", "UAH", "ILS", "EGP",
})  # fmt: skip

# Currency words after the amount ("500 million pesos"), longest first when matching.
CURRENCY_WORDS: dict[str, str] = {
    "u.s. dollars": "USD", "us dollars": "USD", "american dollars": "USD", "dollars": "USD", "dollar": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "mexican pesos": "MXN", "pesos": "MXN", "peso": "MXN",
    "colombian pesos": "COP", "argentine pesos": "ARS", "chilean pesos": "CLP", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "reais": "BRL", "rubles": "RUB", "roubles": "RUB", "won": "KRW", "hryvnias": "UAH", "quetzales": "GTQ",
    "swiss francs": "CHF", "francs": "CHF",
}  # fmt: skip
CODE_ALIASES: dict[str, str] = {"RMB": "CNY"}  # codes written differently from ISO 4217

# Scale word -> multiplier ("1.2tn", "$40bn", "3 million").
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12, "t": 1e12,
}  # fmt: skip
# Scale words that are only scales when glued to a number or after a currency ("$3m"), not as free words.
SHORT_SCALES: frozenset[str] = frozenset({"k", "m", "b", "t", "mn", "bn", "tn", "mln", "bln", "trn"})

PERCENT_WORDS: tuple[str, ...] = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")

# unit word -> (unit, factor to that unit)
UNIT_ALIASES: dict[str, tuple[str, float]] = {
    "metric tons": ("tonne", 1.0), "metric tonnes": ("tonne", 1.0), "tonnes": ("tonne", 1.0), "tonne": ("tonne", 1.0),
    "tons": ("tonne", 1.0), "ton": ("tonne", 1.0), "kilograms": ("kg", 1.0), "kilogram": ("kg", 1.0),
    "kilos": ("kg", 1.0), "kilo": ("kg", 1.0), "kg": ("kg", 1.0), "kgs": ("kg", 1.0), "grams": ("kg", 0.001),
    "gram": ("kg", 0.001), "pounds": ("kg", 0.45359237), "pound": ("kg", 0.45359237), "lbs": ("kg", 0.45359237),
    "lb": ("kg", 0.45359237), "miles": ("km", 1.609344), "mile": ("km", 1.609344), "kilometers": ("km", 1.0),
    "kilometres": ("km", 1.0), "kilometer": ("km", 1.0), "kilometre": ("km", 1.0), "km": ("km", 1.0),
    "years": ("year", 1.0), "year": ("year", 1.0), "months": ("year", 1 / 12), "weeks": ("day", 7.0),
    "week": ("day", 7.0), "days": ("day", 1.0), "day": ("day", 1.0), "hours": ("minute", 60.0),
    "hour": ("minute", 60.0), "minutes": ("minute", 1.0), "minute": ("minute", 1.0),
}  # fmt: skip
DURATION_UNITS: frozenset[str] = frozenset({"year", "day", "minute"})

# Plural nouns whose counts are people (unit "person"); anything else counted is "count".
PEOPLE_NOUNS: frozenset[str] = frozenset({
    "people", "persons", "individuals", "troops", "soldiers", "service members", "servicemembers", "personnel",
    "migrants", "immigrants", "refugees", "asylum seekers", "deportees", "children", "minors", "adults", "women",
    "men", "officers", "agents", "officials", "workers", "employees", "members", "civilians", "residents",
    "citizens", "nationals", "students", "victims", "detainees", "prisoners", "inmates", "hostages", "fighters",
    "militants", "suspects", "criminals", "gang members", "cartel members", "police", "guards", "marines",
    "sailors", "diplomats", "delegates", "participants", "visitors", "tourists", "voters", "farmers", "doctors",
    "nurses", "journalists", "americans", "mexicans", "canadians", "venezuelans", "guatemalans", "hondurans",
    "salvadorans", "haitians", "cubans", "ukrainians", "russians", "israelis", "palestinians", "chinese",
    "families", "survivors", "patients", "protesters", "demonstrators", "volunteers", "staff", "staffers",
    "lawmakers", "senators", "legislators", "leaders", "ministers", "heads of state", "governors", "mayors",
})  # fmt: skip

# Words before a figure -> qualifier (longest first when matching).
QUALIFIERS: dict[str, str] = {
    "more than": "over", "over": "over", "above": "over", "at least": "over", "in excess of": "over",
    "upwards of": "over", "upward of": "over", "nearly": "about", "almost": "about", "about": "about",
    "approximately": "about", "approx.": "about", "around": "about", "some": "about", "roughly": "about",
    "close to": "about", "an estimated": "about", "estimated": "about", "less than": "under", "fewer than": "under",
    "under": "under", "below": "under", "up to": "under", "at most": "under", "no more than": "under",
    "exactly": "exactly", "precisely": "exactly", "just over": "over", "just under": "under",
}  # fmt: skip

# A number right after one of these is a label, not a quantity ("Section 232", "Article 5", "Room 350").
LABEL_WORDS: frozenset[str] = frozenset({
    "section", "sections", "article", "articles", "title", "chapter", "no", "no.", "nos.", "number", "paragraph",
    "resolution", "room", "flight", "route", "highway", "page", "pages", "item", "amendment", "phase", "part",
    "rule", "annex", "clause", "building", "suite", "floor", "gate", "terminal", "exit", "line", "bill", "h.r.",
    "order", "proclamation", "case", "docket", "grade", "level", "category", "stage", "step", "round",
    "ext", "ext.", "tel", "tel.", "phone", "fax", "box", "p.o.", "unit", "version", "v", "model", "channel",
    "district", "precinct", "ward", "region", "zone", "group", "covid", "interstate", "i", "u.s.c.", "usc",
})  # fmt: skip

NUMBER_WORDS: dict[str, float] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000,
    "a dozen": 12, "dozen": 12, "a million": 1e6, "a billion": 1e9, "a trillion": 1e12,
}  # fmt: skip

# Determiners and possessives dropped from the front of an ``about`` phrase.
ABOUT_SKIP: frozenset[str] = frozenset(
    {"the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "these", "those"}
)
