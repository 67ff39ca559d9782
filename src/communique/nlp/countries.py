"""Country names, demonyms, agencies and places -> ISO 3166-1 alpha-2 (data + lookup helpers).

All keys are matched case-insensitively after :func:`normalize` (leading "the", trailing possessive, dots kept).
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "COUNTRIES",
    "DEMONYMS",
    "AGENCIES",
    "AGENCIES_SOURCE",
    "PLACES",
    "normalize",
    "country_of_name",
    "country_of_demonym",
    "country_of_agency",
    "country_of_place",
    "affiliation",
]


def _table(block: str) -> dict[str, str]:
    """``"Name:CC|Other name:CC"`` lines -> {normalised name: code}."""
    table: dict[str, str] = {}
    for item in block.replace("\n", "|").split("|"):
        item = item.strip()
        if item:
            name, code = item.rsplit(":", 1)
            table[name.strip().lower()] = code.strip()
    return table


# Country names and common short forms.
COUNTRIES: dict[str, str] = _table(
    """
    United States:US|United States of America:US|U.S.:US|US:US|U.S.A.:US|USA:US|America:US|the United States:US
    Mexico:MX|México:MX|United Mexican States:MX|Canada:CA|Guatemala:GT|Honduras:HN|El Salvador:SV|Nicaragua:NI
    Costa Rica:CR|Panama:PA|Belize:BZ|Cuba:CU|Haiti:HT|Dominican Republic:DO|Jamaica:JM|Bahamas:BS|Barbados:BB
    Trinidad and Tobago:TT|Colombia:CO|Venezuela:VE|Ecuador:EC|Peru:PE|Bolivia:BO|Brazil:BR|Chile:CL|Argentina:AR
    Uruguay:UY|Paraguay:PY|Guyana:GY|Suriname:SR|United Kingdom:GB|U.K.:GB|UK:GB|Britain:GB|Great Britain:GB
    England:GB|Scotland:GB|Wales:GB|Ireland:IE|France:FR|Germany:DE|Spain:ES|Portugal:PT|Italy:IT|Netherlands:NL
    Holland:NL|Belgium:BE|Luxembourg:LU|Switzerland:CH|Austria:AT|Denmark:DK|Norway:NO|Sweden:SE|Finland:FI
    Iceland:IS|Poland:PL|Czech Republic:CZ|Czechia:CZ|Slovakia:SK|Hungary:HU|Romania:RO|Bulgaria:BG|Greece:GR
    Cyprus:CY|Malta:MT|Slovenia:SI|Croatia:HR|Serbia:RS|Bosnia and Herzegovina:BA|Bosnia:BA|Montenegro:ME
    Albania:AL|North Macedonia:MK|Macedonia:MK|Kosovo:XK|Estonia:EE|Latvia:LV|Lithuania:LT|Belarus:BY
    Ukraine:UA|Moldova:MD|Russia:RU|Russian Federation:RU|Georgia:GE|Armenia:AM|Azerbaijan:AZ|Turkey:TR
    Türkiye:TR|Turkiye:TR|Kazakhstan:KZ|Uzbekistan:UZ|Turkmenistan:TM|Kyrgyzstan:KG|Tajikistan:TJ
    Afghanistan:AF|Pakistan:PK|India:IN|Bangladesh:BD|Sri Lanka:LK|Nepal:NP|Bhutan:BT|Maldives:MV|China:CN
    People's Republic of China:CN|PRC:CN|Taiwan:TW|Japan:JP|South Korea:KR|Republic of Korea:KR|North Korea:KP
    DPRK:KP|Korea:KR|Mongolia:MN|Vietnam:VN|Viet Nam:VN|Laos:LA|Cambodia:KH|Thailand:TH|Myanmar:MM|Burma:MM
    Malaysia:MY|Singapore:SG|Indonesia:ID|Philippines:PH|Brunei:BN|Timor-Leste:TL|East Timor:TL|Australia:AU
    New Zealand:NZ|Papua New Guinea:PG|Fiji:FJ|Iran:IR|Iraq:IQ|Syria:SY|Lebanon:LB|Israel:IL|Palestine:PS
    Jordan:JO|Saudi Arabia:SA|Yemen:YE|Oman:OM|United Arab Emirates:AE|UAE:AE|Qatar:QA|Bahrain:BH|Kuwait:KW
    Egypt:EG|Libya:LY|Tunisia:TN|Algeria:DZ|Morocco:MA|Sudan:SD|South Sudan:SS|Ethiopia:ET|Eritrea:ER
    Somalia:SO|Djibouti:DJ|Kenya:KE|Uganda:UG|Tanzania:TZ|Rwanda:RW|Burundi:BI|Democratic Republic of the Congo:CD
    DRC:CD|Congo:CG|Nigeria:NG|Ghana:GH|Senegal:SN|Mali:ML|Niger:NE|Chad:TD|Cameroon:CM|Burkina Faso:BF
    Ivory Coast:CI|Côte d'Ivoire:CI|Liberia:LR|Sierra Leone:SL|Guinea:GN|Gambia:GM|Benin:BJ|Togo:TG|Gabon:GA
    Angola:AO|Zambia:ZM|Zimbabwe:ZW|Mozambique:MZ|Malawi:MW|Namibia:NA|Botswana:BW|South Africa:ZA
    Madagascar:MG|Mauritius:MU|Mauritania:MR|Equatorial Guinea:GQ|Central African Republic:CF|Lesotho:LS
    Eswatini:SZ|Vatican:VA|Holy See:VA|Monaco:MC|Andorra:AD|Liechtenstein:LI|San Marino:SM|Greenland:GL
    Puerto Rico:PR|Hong Kong:HK|Macau:MO|Gaza:PS|West Bank:PS
    """
)

# Nationality adjectives and plural nouns.
DEMONYMS: dict[str, str] = _table(
    """
    American:US|Americans:US|U.S.:US|US:US|Mexican:MX|Mexicans:MX|Canadian:CA|Canadians:CA|Guatemalan:GT
    Honduran:HN|Salvadoran:SV|Salvadorean:SV|Nicaraguan:NI|Costa Rican:CR|Panamanian:PA|Cuban:CU|Cubans:CU
    Haitian:HT|Haitians:HT|Dominican:DO|Jamaican:JM|Colombian:CO|Venezuelan:VE|Venezuelans:VE|Ecuadorian:EC
    Peruvian:PE|Bolivian:BO|Brazilian:BR|Chilean:CL|Argentine:AR|Argentinian:AR|Uruguayan:UY|Paraguayan:PY
    British:GB|Briton:GB|Britons:GB|English:GB|Scottish:GB|Welsh:GB|Irish:IE|French:FR|German:DE|Germans:DE
    Spanish:ES|Portuguese:PT|Italian:IT|Dutch:NL|Belgian:BE|Swiss:CH|Austrian:AT|Danish:DK|Norwegian:NO
    Swedish:SE|Finnish:FI|Polish:PL|Czech:CZ|Slovak:SK|Hungarian:HU|Romanian:RO|Bulgarian:BG|Greek:GR
    Serbian:RS|Croatian:HR|Ukrainian:UA|Ukrainians:UA|Russian:RU|Russians:RU|Belarusian:BY|Georgian:GE
    Armenian:AM|Azerbaijani:AZ|Turkish:TR|Kazakh:KZ|Afghan:AF|Afghans:AF|Pakistani:PK|Indian:IN|Bangladeshi:BD
    Chinese:CN|Taiwanese:TW|Japanese:JP|South Korean:KR|North Korean:KP|Korean:KR|Vietnamese:VN|Thai:TH
    Filipino:PH|Indonesian:ID|Malaysian:MY|Singaporean:SG|Australian:AU|New Zealand:NZ|Iranian:IR|Iranians:IR
    Iraqi:IQ|Iraqis:IQ|Syrian:SY|Syrians:SY|Lebanese:LB|Israeli:IL|Israelis:IL|Palestinian:PS|Palestinians:PS
    Jordanian:JO|Saudi:SA|Saudis:SA|Yemeni:YE|Emirati:AE|Qatari:QA|Kuwaiti:KW|Egyptian:EG|Libyan:LY
    Tunisian:TN|Algerian:DZ|Moroccan:MA|Sudanese:SD|Ethiopian:ET|Somali:SO|Kenyan:KE|Nigerian:NG|Ghanaian:GH
    South African:ZA|Bahraini:BH|Omani:OM|Cypriot:CY|Icelandic:IS|Lithuanian:LT|Latvian:LV|Estonian:EE
    Turkmen:TM|Uzbek:UZ|Kyrgyz:KG|Tajik:TJ|Mongolian:MN|Tanzanian:TZ|Ugandan:UG|Rwandan:RW|Senegalese:SN
    Nepali:NP|Nepalese:NP|Sri Lankan:LK|Burmese:MM|Myanmar:MM|Cambodian:KH|Laotian:LA
    """
)

# Agencies, ministries and seats of government -> their country (as written: the entity rules match it).
AGENCIES_SOURCE = """
    SRE:MX|Secretaría de Relaciones Exteriores:MX|Foreign Ministry of Mexico:MX|Mexican Foreign Ministry:MX
    SEDENA:MX|Sedena:MX|SEMAR:MX|Semar:MX|FGR:MX|Fiscalía General de la República:MX|SSPC:MX
    Guardia Nacional:MX|National Guard of Mexico:MX|Mexican National Guard:MX|INM:MX|CNDH:MX|Pemex:MX
    Banxico:MX|Bank of Mexico:MX|SHCP:MX|Hacienda:MX|Secretaría de Economía:MX|Morena:MX|PAN:MX|PRI:MX
    National Palace:MX|Palacio Nacional:MX|Los Pinos:MX|Mexican Navy:MX|Mexican Army:MX|Mexican Senate:MX
    State Department:US|Department of State:US|U.S. Department of State:US|U.S. State Department:US
    Pentagon:US|Department of Defense:US|Defense Department:US|Department of War:US|DOD:US|DoD:US
    White House:US|Oval Office:US|Department of Homeland Security:US|Homeland Security:US|DHS:US
    Department of Justice:US|Justice Department:US|DOJ:US|Treasury:US|Treasury Department:US
    Department of the Treasury:US|Department of Commerce:US|Commerce Department:US|USTR:US|NSC:US
    National Security Council:US|FBI:US|CIA:US|DEA:US|Drug Enforcement Administration:US|ATF:US|CBP:US
    Customs and Border Protection:US|U.S. Customs and Border Protection:US|ICE:US|Border Patrol:US
    U.S. Border Patrol:US|Coast Guard:US|U.S. Coast Guard:US|NORTHCOM:US|U.S. Northern Command:US
    Northern Command:US|SOUTHCOM:US|CENTCOM:US|USAID:US|Congress:US|U.S. Congress:US|U.S. Senate:US
    Capitol Hill:US|Federal Reserve:US|Department of Energy:US|Department of Agriculture:US|USDA:US
    Foreign Office:GB|Foreign, Commonwealth and Development Office:GB|FCDO:GB|Downing Street:GB
    Ministry of Defence:GB|Kremlin:RU|Élysée:FR|Elysee:FR|Quai d'Orsay:FR|Bundestag:DE|Zhongnanhai:CN
    Global Affairs Canada:CA|Parliament Hill:CA
    """
AGENCIES: dict[str, str] = _table(AGENCIES_SOURCE)

# Cities, states and regions -> their country (for place mentions).
PLACES: dict[str, str] = _table(
    """
    Washington:US|Washington, D.C.:US|Washington D.C.:US|Washington, DC:US|D.C.:US|New York:US|New York City:US
    Los Angeles:US|Chicago:US|Houston:US|Miami:US|San Diego:US|El Paso:US|Laredo:US|Nogales:US|Phoenix:US
    San Antonio:US|Dallas:US|Boston:US|Texas:US|California:US|Arizona:US|New Mexico:US|Florida:US
    Virginia:US|Maryland:US|Camp David:US|Mar-a-Lago:US|Palm Beach:US
    Mexico City:MX|Ciudad de México:MX|CDMX:MX|Monterrey:MX|Guadalajara:MX|Tijuana:MX|Ciudad Juárez:MX
    Ciudad Juarez:MX|Juárez:MX|Culiacán:MX|Culiacan:MX|Sinaloa:MX|Sonora:MX|Chihuahua:MX|Tamaulipas:MX
    Nuevo León:MX|Nuevo Leon:MX|Coahuila:MX|Baja California:MX|Jalisco:MX|Michoacán:MX|Michoacan:MX
    Guerrero:MX|Oaxaca:MX|Chiapas:MX|Veracruz:MX|Puebla:MX|Yucatán:MX|Quintana Roo:MX|Cancún:MX|Cancun:MX
    Acapulco:MX|Matamoros:MX|Reynosa:MX|Nuevo Laredo:MX|Mexicali:MX|Zacatecas:MX|Durango:MX|Querétaro:MX
    Ottawa:CA|Toronto:CA|Montreal:CA|Vancouver:CA|London:GB|Paris:FR|Berlin:DE|Madrid:ES|Rome:IT
    Brussels:BE|Geneva:CH|The Hague:NL|Moscow:RU|Kyiv:UA|Kiev:UA|Beijing:CN|Shanghai:CN|Tokyo:JP|Seoul:KR
    New Delhi:IN|Jerusalem:IL|Tel Aviv:IL|Riyadh:SA|Doha:QA|Tehran:IR|Baghdad:IQ|Damascus:SY|Cairo:EG
    Ankara:TR|Istanbul:TR|Havana:CU|Caracas:VE|Bogotá:CO|Bogota:CO|Brasília:BR|Brasilia:BR|Buenos Aires:AR
    Santiago:CL|Lima:PE|Guatemala City:GT|Tegucigalpa:HN|San Salvador:SV|Panama City:PA|Managua:NI
    """
)

# National capitals (and former or commercial capitals where governments still meet), from public reference lists
# (e.g. the CIA World Factbook's "capital" field) -> their country. Only capitals: no other city is listed. Names
# that are common English words or given names are left out ("Male", "Victoria", "Kingston").
CAPITALS: dict[str, str] = _table(
    """
    Kabul:AF|Tirana:AL|Algiers:DZ|Andorra la Vella:AD|Luanda:AO|Yerevan:AM|Canberra:AU|Vienna:AT|Baku:AZ
    Nassau:BS|Manama:BH|Dhaka:BD|Bridgetown:BB|Minsk:BY|Belize City:BZ|Belmopan:BZ|Porto-Novo:BJ|Cotonou:BJ
    Thimphu:BT|La Paz:BO|Sarajevo:BA|Gaborone:BW|Bandar Seri Begawan:BN|Sofia:BG|Ouagadougou:BF|Gitega:BI
    Bujumbura:BI|Phnom Penh:KH|Yaoundé:CM|Yaounde:CM|Bangui:CF|N'Djamena:TD|Beijing:CN|Kinshasa:CD|Brazzaville:CG
    San José:CR|Abidjan:CI|Yamoussoukro:CI|Zagreb:HR|Nicosia:CY|Prague:CZ|Copenhagen:DK|Djibouti City:DJ
    Santo Domingo:DO|Quito:EC|Asmara:ER|Tallinn:EE|Mbabane:SZ|Addis Ababa:ET|Suva:FJ|Helsinki:FI|Libreville:GA
    Banjul:GM|Tbilisi:GE|Accra:GH|Athens:GR|Conakry:GN|Malabo:GQ|Georgetown:GY|Port-au-Prince:HT|Budapest:HU
    Reykjavik:IS|Reykjavík:IS|Jakarta:ID|Dublin:IE|Rome:IT|Amman:JO|Astana:KZ|Nur-Sultan:KZ|Almaty:KZ|Nairobi:KE
    Pristina:XK|Kuwait City:KW|Bishkek:KG|Vientiane:LA|Riga:LV|Beirut:LB|Maseru:LS|Monrovia:LR|Tripoli:LY
    Vaduz:LI|Vilnius:LT|Luxembourg City:LU|Antananarivo:MG|Lilongwe:MW|Kuala Lumpur:MY|Putrajaya:MY|Bamako:ML
    Valletta:MT|Nouakchott:MR|Port Louis:MU|Chisinau:MD|Chișinău:MD|Ulaanbaatar:MN|Ulan Bator:MN|Podgorica:ME
    Rabat:MA|Maputo:MZ|Naypyidaw:MM|Nay Pyi Taw:MM|Yangon:MM|Windhoek:NA|Kathmandu:NP|Amsterdam:NL|Wellington:NZ
    Niamey:NE|Abuja:NG|Lagos:NG|Pyongyang:KP|Skopje:MK|Oslo:NO|Muscat:OM|Islamabad:PK|Ramallah:PS|Port Moresby:PG
    Asunción:PY|Asuncion:PY|Manila:PH|Warsaw:PL|Lisbon:PT|San Juan:PR|Bucharest:RO|Kigali:RW|Dakar:SN
    Belgrade:RS|Freetown:SL|Singapore:SG|Bratislava:SK|Ljubljana:SI|Mogadishu:SO|Pretoria:ZA|Cape Town:ZA
    Johannesburg:ZA|Juba:SS|Colombo:LK|Khartoum:SD|Paramaribo:SR|Stockholm:SE|Bern:CH|Taipei:TW|Dushanbe:TJ
    Dodoma:TZ|Dar es Salaam:TZ|Bangkok:TH|Dili:TL|Lomé:TG|Lome:TG|Port of Spain:TT|Tunis:TN|Ashgabat:TM
    Kampala:UG|Abu Dhabi:AE|Dubai:AE|Montevideo:UY|Tashkent:UZ|Hanoi:VN|Ho Chi Minh City:VN|Sanaa:YE|Aden:YE
    Lusaka:ZM|Harare:ZW|Vatican City:VA|Hong Kong:HK|Macau:MO|Kuwait City:KW
    """
)
PLACES.update({k: v for k, v in CAPITALS.items() if k not in PLACES})

CACHE_SIZE = 8192  # distinct surface forms remembered per process (lookups repeat across documents)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=CACHE_SIZE)
def normalize(name: str) -> str:
    """Lower-case key: collapse spaces, drop a leading "the" and a trailing possessive."""
    key = _SPACES.sub(" ", name.strip())
    key = _POSSESSIVE.sub("", key)
    if key.lower() not in COUNTRIES:  # keep "the United States" as written; drop "the" elsewhere
        key = _LEADING_THE.sub("", key)
    return key.lower()


def country_of_name(name: str) -> str | None:
    """ISO code when ``name`` is a country ("Mexico", "the United States", "U.S.")."""
    return COUNTRIES.get(normalize(name))


def country_of_demonym(word: str) -> str | None:
    """ISO code of a nationality word ("Mexican" -> MX, "U.S." -> US)."""
    return DEMONYMS.get(normalize(word))


def country_of_agency(name: str) -> str | None:
    """ISO code of a known agency / seat of government ("SRE" -> MX, "the Pentagon" -> US)."""
    return AGENCIES.get(normalize(name))


def country_of_place(name: str) -> str | None:
    """ISO code of a known city / state ("Mexico City" -> MX)."""
    return PLACES.get(normalize(name))


@functools.lru_cache(maxsize=CACHE_SIZE)
def affiliation(name: str) -> str | None:
    """Best ISO code for any surface form: country, demonym, agency, place, then a country word inside it
    ("Mexican Navy", "U.S. Embassy in Mexico City" -> the first country word)."""
    for table in (COUNTRIES, DEMONYMS, AGENCIES, PLACES):
        code = table.get(normalize(name))
        if code:
            return code
    match = _COUNTRY_WORD.search(name)
    if match:
        word = match.group(0)
        return country_of_name(word) or country_of_demonym(word)
    return None


# Country names and demonyms (case-insensitive would turn "us" into US: require a capital first letter).
_COUNTRY_WORD = re.compile(
    r"(?<![\w.])(?-i:(?=[A-Z]))(?:"
    + "|".join(
        sorted(
            {re.escape(k).replace(r"\ ", r"\s+") for k in [*COUNTRIES, *DEMONYMS] if len(k) > 1},
            key=len,
            reverse=True,
        )
    )
    + r")(?![\w])",
    re.IGNORECASE,
)
