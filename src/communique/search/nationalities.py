"""Data for ``ask``: every UN member state (and the observers and partly recognised states news names), with its
other short names and its nationality words (adjective, singular and plural nouns for people).

A question may name a country by its adjective ("the <Adjective> president") while the page writes the country
("President X of <Country>"), or the reverse; irregular pairs (Dutch / Netherlands, Polish / Poland, Swiss /
Switzerland) defeat suffix rules, so the whole table is written out. One line per country: the names first, then
``;`` and the nationality words, all separated by ``|``.
"""

from __future__ import annotations

__all__ = ["COUNTRY_FORMS", "forms_of", "main_forms", "country_key"]

_TABLE = """
Afghanistan;Afghan|Afghans|Afghani
Albania;Albanian|Albanians
Algeria;Algerian|Algerians
Andorra;Andorran|Andorrans
Angola;Angolan|Angolans
Antigua and Barbuda|Antigua;Antiguan|Antiguans|Barbudan
Argentina;Argentine|Argentinian|Argentines|Argentinians
Armenia;Armenian|Armenians
Australia;Australian|Australians
Austria;Austrian|Austrians
Azerbaijan;Azerbaijani|Azerbaijanis|Azeri|Azeris
Bahamas|The Bahamas;Bahamian|Bahamians
Bahrain;Bahraini|Bahrainis
Bangladesh;Bangladeshi|Bangladeshis
Barbados;Barbadian|Barbadians|Bajan
Belarus;Belarusian|Belarusians
Belgium;Belgian|Belgians
Belize;Belizean|Belizeans
Benin;Beninese
Bhutan;Bhutanese
Bolivia;Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia;Bosnian|Bosnians|Herzegovinian
Botswana;Botswanan|Motswana|Batswana
Brazil;Brazilian|Brazilians
Brunei|Brunei Darussalam;Bruneian|Bruneians
Bulgaria;Bulgarian|Bulgarians
Burkina Faso;Burkinabe|Burkinabè
Burundi;Burundian|Burundians
Cabo Verde|Cape Verde;Cabo Verdean|Cape Verdean|Cabo Verdeans|Cape Verdeans
Cambodia;Cambodian|Cambodians|Khmer
Cameroon;Cameroonian|Cameroonians
Canada;Canadian|Canadians
Central African Republic|CAR;Central African|Central Africans
Chad;Chadian|Chadians
Chile;Chilean|Chileans
China|People's Republic of China|PRC;Chinese
Colombia;Colombian|Colombians
Comoros;Comorian|Comorians
Congo|Republic of the Congo|Congo-Brazzaville;Congolese
Democratic Republic of the Congo|DRC|DR Congo|Congo-Kinshasa;Congolese
Costa Rica;Costa Rican|Costa Ricans
Côte d'Ivoire|Ivory Coast|Cote d'Ivoire;Ivorian|Ivorians
Croatia;Croatian|Croatians|Croat|Croats
Cuba;Cuban|Cubans
Cyprus;Cypriot|Cypriots
Czechia|Czech Republic;Czech|Czechs
Denmark;Danish|Dane|Danes
Djibouti;Djiboutian|Djiboutians
Dominica;Dominican|Dominicans
Dominican Republic;Dominican|Dominicans
Ecuador;Ecuadorian|Ecuadorians|Ecuadorean
Egypt;Egyptian|Egyptians
El Salvador;Salvadoran|Salvadorans|Salvadorean
Equatorial Guinea;Equatoguinean|Equatorial Guinean
Eritrea;Eritrean|Eritreans
Estonia;Estonian|Estonians
Eswatini|Swaziland;Swazi|Swazis|Emaswati
Ethiopia;Ethiopian|Ethiopians
Fiji;Fijian|Fijians
Finland;Finnish|Finn|Finns
France;French|Frenchman|Frenchwoman
Gabon;Gabonese
Gambia|The Gambia;Gambian|Gambians
Georgia;Georgian|Georgians
Germany;German|Germans
Ghana;Ghanaian|Ghanaians
Greece;Greek|Greeks|Hellenic
Grenada;Grenadian|Grenadians
Guatemala;Guatemalan|Guatemalans
Guinea;Guinean|Guineans
Guinea-Bissau;Bissau-Guinean|Bissau-Guineans
Guyana;Guyanese
Haiti;Haitian|Haitians
Honduras;Honduran|Hondurans
Hungary;Hungarian|Hungarians
Iceland;Icelandic|Icelander|Icelanders
India;Indian|Indians
Indonesia;Indonesian|Indonesians
Iran;Iranian|Iranians|Persian
Iraq;Iraqi|Iraqis
Ireland;Irish|Irishman|Irishwoman
Israel;Israeli|Israelis
Italy;Italian|Italians
Jamaica;Jamaican|Jamaicans
Japan;Japanese
Jordan;Jordanian|Jordanians
Kazakhstan;Kazakh|Kazakhs|Kazakhstani|Kazakhstanis
Kenya;Kenyan|Kenyans
Kiribati;I-Kiribati
Kuwait;Kuwaiti|Kuwaitis
Kyrgyzstan|Kyrgyz Republic;Kyrgyz|Kyrgyzstani
Laos|Lao PDR;Lao|Laotian|Laotians
Latvia;Latvian|Latvians
Lebanon;Lebanese
Lesotho;Basotho|Mosotho
Liberia;Liberian|Liberians
Libya;Libyan|Libyans
Liechtenstein;Liechtensteiner|Liechtensteiners
Lithuania;Lithuanian|Lithuanians
Luxembourg;Luxembourgish|Luxembourger|Luxembourgers
Madagascar;Malagasy
Malawi;Malawian|Malawians
Malaysia;Malaysian|Malaysians
Maldives;Maldivian|Maldivians
Mali;Malian|Malians
Malta;Maltese
Marshall Islands;Marshallese
Mauritania;Mauritanian|Mauritanians
Mauritius;Mauritian|Mauritians
Mexico;Mexican|Mexicans
Micronesia;Micronesian|Micronesians
Moldova;Moldovan|Moldovans
Monaco;Monegasque|Monacan
Mongolia;Mongolian|Mongolians
Montenegro;Montenegrin|Montenegrins
Morocco;Moroccan|Moroccans
Mozambique;Mozambican|Mozambicans
Myanmar|Burma;Burmese|Myanmar
Namibia;Namibian|Namibians
Nauru;Nauruan|Nauruans
Nepal;Nepali|Nepalese|Nepalis
Netherlands|Holland|The Netherlands;Dutch|Dutchman|Dutchwoman
New Zealand;New Zealander|New Zealanders|Kiwi
Nicaragua;Nicaraguan|Nicaraguans
Niger;Nigerien|Nigeriens
Nigeria;Nigerian|Nigerians
North Korea|DPRK|Democratic People's Republic of Korea;North Korean|North Koreans
North Macedonia|Macedonia;Macedonian|Macedonians
Norway;Norwegian|Norwegians
Oman;Omani|Omanis
Pakistan;Pakistani|Pakistanis
Palau;Palauan|Palauans
Palestine|State of Palestine|Palestinian Territories;Palestinian|Palestinians
Panama;Panamanian|Panamanians
Papua New Guinea|PNG;Papua New Guinean|Papua New Guineans
Paraguay;Paraguayan|Paraguayans
Peru;Peruvian|Peruvians
Philippines|The Philippines;Filipino|Filipinos|Philippine|Filipina
Poland;Polish|Pole|Poles
Portugal;Portuguese
Qatar;Qatari|Qataris
Romania;Romanian|Romanians
Russia|Russian Federation;Russian|Russians
Rwanda;Rwandan|Rwandans
Saint Kitts and Nevis|St. Kitts and Nevis;Kittitian|Nevisian
Saint Lucia|St. Lucia;Saint Lucian|St. Lucian
Saint Vincent and the Grenadines|St. Vincent and the Grenadines;Vincentian|Vincentians
Samoa;Samoan|Samoans
San Marino;Sammarinese
Sao Tome and Principe|São Tomé and Príncipe;Santomean|Sao Tomean
Saudi Arabia;Saudi|Saudis|Saudi Arabian
Senegal;Senegalese
Serbia;Serbian|Serbians|Serb|Serbs
Seychelles;Seychellois
Sierra Leone;Sierra Leonean|Sierra Leoneans
Singapore;Singaporean|Singaporeans
Slovakia;Slovak|Slovaks|Slovakian
Slovenia;Slovenian|Slovenians|Slovene|Slovenes
Solomon Islands;Solomon Islander|Solomon Islanders
Somalia;Somali|Somalis
South Africa;South African|South Africans
South Korea|Republic of Korea|ROK|Korea;South Korean|South Koreans|Korean|Koreans
South Sudan;South Sudanese
Spain;Spanish|Spaniard|Spaniards
Sri Lanka;Sri Lankan|Sri Lankans
Sudan;Sudanese
Suriname;Surinamese|Surinamer
Sweden;Swedish|Swede|Swedes
Switzerland;Swiss
Syria|Syrian Arab Republic;Syrian|Syrians
Tajikistan;Tajik|Tajiks|Tajikistani
Tanzania;Tanzanian|Tanzanians
Thailand;Thai|Thais
Timor-Leste|East Timor;Timorese
Togo;Togolese
Tonga;Tongan|Tongans
Trinidad and Tobago;Trinidadian|Tobagonian|Trinidadians
Tunisia;Tunisian|Tunisians
Türkiye|Turkey|Turkiye;Turkish|Turk|Turks
Turkmenistan;Turkmen|Turkmens
Tuvalu;Tuvaluan|Tuvaluans
Uganda;Ugandan|Ugandans
Ukraine;Ukrainian|Ukrainians
United Arab Emirates|UAE|Emirates;Emirati|Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton|Britons
United States|United States of America|U.S.|US|USA|U.S.A.|America;American|Americans
Uruguay;Uruguayan|Uruguayans
Uzbekistan;Uzbek|Uzbeks|Uzbekistani
Vanuatu;Ni-Vanuatu
Vatican|Holy See|Vatican City;Vatican
Venezuela;Venezuelan|Venezuelans
Vietnam|Viet Nam;Vietnamese
Yemen;Yemeni|Yemenis
Zambia;Zambian|Zambians
Zimbabwe;Zimbabwean|Zimbabweans
Kosovo;Kosovar|Kosovan|Kosovars
Taiwan;Taiwanese
"""


def _parse(table: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """One (names, nationality words) pair per line of ``table``."""
    rows = []
    for line in table.strip().splitlines():
        names, _, words = line.partition(";")
        rows.append((tuple(w.strip() for w in names.split("|") if w.strip()),
                     tuple(w.strip() for w in words.split("|") if w.strip())))
    return tuple(rows)


_ROWS = _parse(_TABLE)
# Every form of one country (names, adjectives, nouns for its people), one tuple per country.
COUNTRY_FORMS: tuple[tuple[str, ...], ...] = tuple((*names, *words) for names, words in _ROWS)
# The first name and the first nationality word of each country, by line ("Poland", "Polish").
_MAIN: tuple[tuple[str, str], ...] = tuple((names[0], words[0]) for names, words in _ROWS)


def country_key(form: str) -> str:
    """A form as looked up: lower case, dots and a leading "the" dropped, curly apostrophes straightened."""
    key = form.lower().replace("’", "'").replace(".", "").strip()
    return key[4:] if key.startswith("the ") else key


_BY_FORM: dict[str, set[str]] = {}
_MAIN_BY_FORM: dict[str, set[str]] = {}
for _forms, _main in zip(COUNTRY_FORMS, _MAIN, strict=True):
    for _form in _forms:
        _BY_FORM.setdefault(country_key(_form), set()).update(_forms)
        _MAIN_BY_FORM.setdefault(country_key(_form), set()).update(_main)


def forms_of(word: str) -> tuple[str, ...]:
    """Every other form of the country ``word`` names or describes ("Polish" -> "Poland", "Pole", "Poles" ...);
    () when ``word`` is no country form. A form shared by two countries ("Dominican", "Congolese") gives both."""
    found = _BY_FORM.get(country_key(word), set())
    return tuple(sorted(f for f in found if country_key(f) != country_key(word)))


def main_forms(word: str) -> tuple[str, ...]:
    """The country's first name and first nationality word, when ``word`` is another form of it ("Poles" ->
    "Poland", "Polish"): the words a search for the country adds; () when ``word`` is no country form."""
    found = _MAIN_BY_FORM.get(country_key(word), set())
    return tuple(sorted(f for f in found if country_key(f) != country_key(word)))
