"""Demo courses (fictional providers, real instruments), written for Glashelder.

Plain data; `courses.demo.load` turns it into pages and runs each course through
the real review workflow. Text in Dutch, the language of the site.
"""

PROVIDERS = {
    "raadswerk": {
        "name": "Vereniging Raadswerk (demo)",
        "slug": "vereniging-raadswerk-demo",
        "description": "Fictieve beroepsvereniging van raadsleden en commissieleden, alleen voor de demo.",
        "website": "https://raadswerk.example.org",
        "email": "opleidingen@raadswerk.example.org",
        "kvk_number": "12345678",
    },
    "griffiers": {
        "name": "Griffiersacademie (demo)",
        "slug": "griffiersacademie-demo",
        "description": "Fictieve academie van griffiers die raadsleden en statenleden opleidt, alleen voor de demo.",
        "website": "https://griffiersacademie.example.org",
        "email": "info@griffiersacademie.example.org",
        "kvk_number": "23456789",
    },
    "staten": {
        "name": "Statenwerk Leerplatform (demo)",
        "slug": "statenwerk-leerplatform-demo",
        "description": "Fictief leerplatform voor statenleden en burgerstatenleden, alleen voor de demo.",
        "website": "https://statenwerk.example.org",
        "email": "leren@statenwerk.example.org",
        "kvk_number": "34567890",
    },
    "bestuur": {
        "name": "Bestuurdersnetwerk (demo)",
        "slug": "bestuurdersnetwerk-demo",
        "description": "Fictieve vereniging voor wethouders en gedeputeerden, alleen voor de demo.",
        "website": "https://bestuurdersnetwerk.example.org",
        "email": "info@bestuurdersnetwerk.example.org",
        "kvk_number": "45678901",
    },
}

VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def q(question, options, correct, feedback):
    return {"question": question, "options": options, "correct_option": correct, "feedback": feedback}


COURSES = [
    {
        "slug": "begroting-lezen-en-beinvloeden",
        "title": "De begroting lezen en beïnvloeden",
        "provider": "raadswerk",
        "summary": "Leer in twee uur hoe de begroting is opgebouwd en waar u als raadslid kunt bijsturen.",
        "description": "<p>De begroting is het belangrijkste kaderstellende besluit van het jaar. In deze online cursus leert u "
        "de programma's, de paragrafen en de financiële positie te lezen, en oefent u met het vinden van de plekken "
        "waar keuzes worden gemaakt.</p>",
        "instruments": ["budgetrecht", "recht-van-amendement", "financiele-verordeningen"],
        "roles": ["raadslid", "commissielid"],
        "level": "gemeente",
        "format": "online",
        "hours": "2.0",
        "price": "0",
        "outcomes": "U kent de opbouw van de begroting.\nU herkent de beleidskeuzes in de programma's.\nU weet wanneer een amendement op de begroting zin heeft.",
        "modules": [
            {
                "title": "De begrotingscyclus",
                "minutes": 40,
                "intro": "Van kadernota tot jaarrekening: wanneer beslist de raad wat?",
                "lessons": [
                    ("Het jaar rond", [
                        ("text", "<p>Het financiële jaar van een gemeente begint niet in januari, maar in het voorjaar "
                         "met de kadernota. Daarin stelt de raad de grote lijnen vast. In het najaar volgt de begroting "
                         "zelf, met per programma wat de gemeente wil bereiken en wat dat kost.</p>"
                         "<h3>Tussentijds bijsturen</h3><p>Via tussenrapportages hoort de raad of de uitvoering op "
                         "koers ligt. Wijkt er veel af, dan volgt een begrotingswijziging, waar de raad weer over "
                         "beslist.</p>"),
                        ("video", "Uitleg: de begrotingscyclus in vijf minuten",
                         "In deze video lopen we de begrotingscyclus door: kadernota, begroting, tussenrapportages en jaarrekening."),
                        ("check", [
                            q("Welk document legt in het voorjaar de grote lijnen vast?", ["De jaarrekening", "De kadernota", "Het coalitieakkoord"], 2,
                              "De kadernota komt in het voorjaar en geeft de kaders voor de begroting."),
                            q("Wie stelt de begroting vast?", ["Het college", "De gemeenteraad", "De griffier"], 2,
                              "Het budgetrecht ligt bij de raad: de raad stelt de begroting vast."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Keuzes vinden in de programma's",
                "minutes": 50,
                "intro": "Waar zitten de knoppen waar u aan kunt draaien?",
                "lessons": [
                    ("Drie vragen per programma", [
                        ("text", "<p>Stel bij elk programma drie vragen: wat willen we bereiken, wat gaan we daarvoor "
                         "doen en wat mag het kosten? Als een van de drie ontbreekt of vaag is, kunt u dat in de "
                         "commissie aan de orde stellen.</p><ul><li>Zijn de doelen meetbaar?</li>"
                         "<li>Past de inzet bij het doel?</li><li>Zijn de kosten onderbouwd?</li></ul>"),
                        ("reflection", "Kies één programma uit de begroting van uw eigen gemeente. Welke van de drie vragen is daar het lastigst te beantwoorden, en wat zou u het college willen vragen?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "amendement-en-motie-schrijven",
        "title": "Amendement en motie: van idee tot stemming",
        "provider": "raadswerk",
        "summary": "Schrijf een amendement en een motie die juridisch kloppen en een meerderheid kunnen krijgen.",
        "description": "<p>Een praktische cursus met een live bijeenkomst waarin u met een eigen voorbeeld aan de slag gaat. "
        "U leert het verschil tussen beide instrumenten en hoe u ze helder formuleert.</p>",
        "instruments": ["recht-van-amendement", "motie"],
        "roles": ["raadslid", "commissielid", "statenlid"],
        "level": "beide",
        "format": "blended",
        "hours": "4.0",
        "price": "45",
        "outcomes": "U kent het verschil tussen een amendement en een motie.\nU schrijft een amendement met een heldere besluittekst.\nU weet hoe u steun verwerft voor een motie.",
        "sessions": [{"days": 21, "capacity": 20, "location": "Stadhuis Utrecht, Stadsplateau 1"}, {"days": 49, "capacity": 2, "online": "https://meet.example.org/raadswerk"}],
        "modules": [
            {
                "title": "Wijzigen of verzoeken?",
                "minutes": 30,
                "intro": "Het verschil tussen een amendement en een motie.",
                "lessons": [
                    ("Twee instrumenten naast elkaar", [
                        ("text", "<p>Met een <strong>amendement</strong> verandert u de tekst van het voorstel waarover "
                         "de raad beslist. Met een <strong>motie</strong> spreekt de raad een mening uit of vraagt hij "
                         "het college iets te doen. Een amendement werkt dus direct door in het besluit; een motie "
                         "is een politiek signaal.</p>"),
                        ("check", [
                            q("U wilt dat het besluit een extra voorwaarde bevat. Wat dient u in?", ["Een motie", "Een amendement", "Schriftelijke vragen"], 2,
                              "Alleen een amendement verandert de besluittekst zelf."),
                            q("Is een aangenomen motie juridisch bindend?", ["Ja", "Nee, maar het college moet uitleggen wat het ermee doet"], 2,
                              "Een motie bindt niet juridisch, maar politiek wel."),
                            q("Waar staan de regels voor het indienen van moties?", ["In het reglement van orde", "In de Grondwet", "In de begroting"], 1,
                              "Het reglement van orde van de raad regelt hoe moties worden ingediend en behandeld."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Formuleren dat het werkt",
                "minutes": 45,
                "intro": "Constaterende dat, overwegende dat, verzoekt het college...",
                "lessons": [
                    ("De opbouw van een motie", [
                        ("text", "<p>Een motie heeft een vaste opbouw: wat de raad constateert, wat hij overweegt en "
                         "wat hij vraagt of uitspreekt. Houd het dictum kort en toetsbaar. Vraag u af: kan het college "
                         "over een half jaar laten zien dat het heeft gedaan wat er staat?</p>"),
                        ("document", "Werkblad: opbouw van amendement en motie"),
                        ("reflection", "Denk aan een motie die u onlangs zag. Was het dictum toetsbaar? Hoe zou u het scherper formuleren?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "vragenrecht-en-interpellatie",
        "title": "Vragen stellen die antwoorden opleveren",
        "provider": "raadswerk",
        "summary": "Gebruik schriftelijke vragen, mondelinge vragen en de interpellatie doelgericht.",
        "description": "<p>Vragen zijn het meest gebruikte controle-instrument, maar niet elke vraag levert iets op. "
        "Deze online cursus laat zien hoe u vragen formuleert die het college niet kan ontwijken, en wanneer een "
        "interpellatie de betere keuze is.</p>",
        "instruments": ["vragenrecht", "interpellatie", "inlichtingenrecht"],
        "roles": ["raadslid", "statenlid"],
        "level": "beide",
        "format": "online",
        "hours": "1.5",
        "price": "0",
        "outcomes": "U kiest het juiste vraaginstrument.\nU formuleert feitelijke, gesloten vragen.\nU weet wanneer u om een interpellatie vraagt.",
        "modules": [
            {
                "title": "Het vragenrecht",
                "minutes": 30,
                "intro": "Schriftelijk of mondeling: wat past wanneer?",
                "lessons": [
                    ("Goede vragen", [
                        ("text", "<p>Een goede vraag is kort, feitelijk en gaat over één ding. Begin met wat u al weet "
                         "en vraag daarna wat u niet weet. Vermijd vragen die met een mening beantwoord kunnen "
                         "worden.</p>"),
                        ("check", [
                            q("Welke vraag levert het meest concrete antwoord op?", ["Wat vindt het college van de wachtlijsten?", "Hoeveel inwoners stonden op 1 januari op de wachtlijst?"], 2,
                              "Een feitelijke, gesloten vraag is moeilijk te ontwijken."),
                            q("Voor wie is het vragenrecht?", ["Voor elk raadslid", "Alleen voor fractievoorzitters"], 1,
                              "Elk raadslid en statenlid heeft het vragenrecht."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "De interpellatie",
                "minutes": 30,
                "intro": "Een debat over een onderwerp dat niet op de agenda staat.",
                "lessons": [
                    ("Wanneer interpelleren?", [
                        ("text", "<p>Een interpellatie vraagt u aan bij de voorzitter en de raad moet ermee instemmen. "
                         "Het is een zwaar middel: gebruik het als een onderwerp zo dringend is dat het niet tot de "
                         "volgende reguliere vergadering kan wachten, of als schriftelijke vragen niets "
                         "opleverden.</p>"),
                        ("reflection", "Welk onderwerp in uw gemeente of provincie zou volgens u een interpellatie rechtvaardigen, en waarom volstaan vragen daar niet?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "recht-van-onderzoek-in-de-praktijk",
        "title": "Het recht van onderzoek in de praktijk",
        "provider": "griffiers",
        "summary": "Wat komt erbij kijken als de raad zelf een onderzoek instelt?",
        "description": "<p>Een live bijeenkomst over het zwaarste controle-instrument van de raad, met voorbeelden uit "
        "raadsenquêtes en de rol van de griffie daarbij.</p>",
        "instruments": ["recht-van-onderzoek"],
        "roles": ["raadslid", "statenlid"],
        "level": "beide",
        "format": "live",
        "hours": "3.0",
        "price": "149",
        "outcomes": "U kent de stappen van een onderzoek door de raad.\nU weet welke bevoegdheden een onderzoekscommissie heeft.\nU kunt inschatten wanneer een onderzoek het juiste middel is.",
        "sessions": [{"days": 30, "capacity": 25, "location": "Provinciehuis Utrecht, Archimedeslaan 6"}, {"days": 60, "capacity": 1, "location": "Stadhuis Amsterdam, Amstel 1"}],
        "modules": [
            {
                "title": "Voorbereiding op de bijeenkomst",
                "minutes": 30,
                "intro": "Lees dit voor u naar de bijeenkomst komt.",
                "lessons": [
                    ("Stappen van een raadsonderzoek", [
                        ("text", "<p>Een onderzoek begint met een besluit van de raad, met een onderzoeksvraag en een "
                         "budget. De onderzoekscommissie kan personen oproepen en onder ede horen. Het eindrapport "
                         "gaat naar de raad, die conclusies trekt.</p>"),
                        ("check", [
                            q("Wie besluit tot een onderzoek?", ["Het college", "De raad", "De rekenkamer"], 2,
                              "Het recht van onderzoek is een recht van de raad."),
                            q("Wat mag een onderzoekscommissie?", ["Getuigen onder ede horen", "Boetes opleggen"], 1,
                              "De commissie kan mensen verplichten te verschijnen en hen onder ede horen."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Na de bijeenkomst",
                "minutes": 20,
                "intro": "Terugblik en verdieping.",
                "lessons": [
                    ("Van rapport naar verbetering", [
                        ("text", "<p>Een onderzoek is pas geslaagd als de aanbevelingen worden opgevolgd. Spreek af "
                         "hoe en wanneer de raad terughoort wat er met de aanbevelingen is gedaan.</p>"),
                        ("reflection", "Welke afspraken zou u maken om te zorgen dat aanbevelingen niet in een la verdwijnen?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "werken-met-de-rekenkamer",
        "title": "Werken met de rekenkamer",
        "provider": "griffiers",
        "summary": "Haal meer uit rekenkamerrapporten en geef de rekenkamer goede onderzoeksvragen mee.",
        "description": "<p>Sinds 2024 heeft elke gemeente een onafhankelijke rekenkamer. In deze online cursus leert u "
        "hoe rekenkamer en raad elkaar versterken.</p>",
        "instruments": ["rekenkamer", "jaarrekening"],
        "roles": ["raadslid", "commissielid", "statenlid"],
        "level": "beide",
        "format": "online",
        "hours": "1.5",
        "price": "45",
        "outcomes": "U kent de taak en positie van de rekenkamer.\nU leest een rekenkamerrapport kritisch.\nU draagt onderwerpen aan voor onderzoek.",
        "modules": [
            {
                "title": "Wat doet de rekenkamer?",
                "minutes": 30,
                "intro": "Doelmatig, doeltreffend en rechtmatig.",
                "lessons": [
                    ("Onafhankelijk onderzoek", [
                        ("text", "<p>De rekenkamer onderzoekt of beleid doet wat het moet doen (doeltreffend), tegen "
                         "redelijke kosten (doelmatig) en volgens de regels (rechtmatig). Zij kiest zelf haar "
                         "onderwerpen, maar luistert naar suggesties van de raad.</p>"),
                        ("video", "Interview met een rekenkamerlid (demo)", ""),
                        ("check", [
                            q("Mag een raadslid lid zijn van de rekenkamer?", ["Ja", "Nee, niet meer sinds de wet van 2022"], 2,
                              "De Wet versterking decentrale rekenkamers sluit raadsleden uit."),
                            q("Wie kiest de onderzoeksonderwerpen?", ["De rekenkamer zelf", "Het college"], 1,
                              "De rekenkamer is onafhankelijk en kiest zelf; de raad kan suggesties doen."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Een rapport bespreken",
                "minutes": 30,
                "intro": "Van conclusies naar raadsbesluit.",
                "lessons": [
                    ("Het gesprek over het rapport", [
                        ("text", "<p>Lees eerst de conclusies en aanbevelingen, daarna de bestuurlijke reactie van het "
                         "college en het nawoord van de rekenkamer. De verschillen daartussen zijn vaak het "
                         "interessantste deel voor het debat.</p>"),
                        ("reflection", "Welk onderwerp zou u de rekenkamer in uw gemeente willen voorstellen, en welke vraag hoort daarbij?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "verbonden-partijen-en-zienswijzen",
        "title": "Grip op verbonden partijen en gemeenschappelijke regelingen",
        "provider": "griffiers",
        "summary": "Stuur bij op samenwerkingsverbanden via de paragraaf verbonden partijen en de zienswijze.",
        "description": "<p>Een groot deel van het geld van gemeenten gaat naar samenwerkingsverbanden. Deze blended "
        "cursus laat zien waar u als raadslid invloed hebt.</p>",
        "instruments": ["verbonden-partijen", "gemeenschappelijke-regelingen", "wensen-en-bedenkingen"],
        "roles": ["raadslid", "commissielid"],
        "level": "gemeente",
        "format": "blended",
        "hours": "3.5",
        "price": "95",
        "outcomes": "U leest de paragraaf verbonden partijen.\nU stelt een zienswijze op over een ontwerpbegroting.\nU kent de informatierechten uit de Wgr.",
        "sessions": [{"days": 35, "capacity": 15, "location": "Gemeentehuis Zeist, Het Rond 1"}],
        "modules": [
            {
                "title": "Wat zijn verbonden partijen?",
                "minutes": 35,
                "intro": "Bestuurlijk én financieel belang.",
                "lessons": [
                    ("De paragraaf in de begroting", [
                        ("text", "<p>Een verbonden partij is een organisatie waarin de gemeente zowel een bestuurlijk "
                         "als een financieel belang heeft. De paragraaf verbonden partijen in de begroting beschrijft "
                         "per partij het doel, het belang en de risico's.</p>"),
                        ("check", [
                            q("Wanneer is een organisatie een verbonden partij?", ["Als de gemeente er subsidie aan geeft", "Als de gemeente er een bestuurlijk én financieel belang in heeft"], 2,
                              "Beide belangen moeten aanwezig zijn (BBV art. 1)."),
                            q("Waar vindt u informatie over verbonden partijen?", ["In de paragraaf verbonden partijen", "In het reglement van orde"], 1,
                              "Het BBV schrijft een aparte paragraaf voor."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "De zienswijze",
                "minutes": 35,
                "intro": "Invloed op de begroting van een gemeenschappelijke regeling.",
                "lessons": [
                    ("Een zienswijze opstellen", [
                        ("text", "<p>Een gemeenschappelijke regeling stuurt haar ontwerpbegroting naar de deelnemende "
                         "raden. De raad kan daarop een zienswijze geven. Zorg dat die concreet is: welke uitgave "
                         "of welk risico wilt u anders zien, en waarom?</p>"),
                        ("document", "Voorbeeldzienswijze op een ontwerpbegroting"),
                        ("reflection", "Welke gemeenschappelijke regeling van uw gemeente kent u het minst? Hoe komt u aan de informatie die u nodig hebt?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "participatieverordening-maken",
        "title": "De participatieverordening en het uitdaagrecht",
        "provider": "raadswerk",
        "summary": "Wat moet er in de participatieverordening, en hoe werkt het uitdaagrecht?",
        "description": "<p>Sinds 2025 moet elke gemeente een participatieverordening hebben. Deze online cursus helpt u "
        "de keuzes te zien die de raad daarin maakt.</p>",
        "instruments": ["participatieverordening", "verordeningen"],
        "roles": ["raadslid", "commissielid", "statenlid"],
        "level": "beide",
        "format": "online",
        "hours": "1.0",
        "price": "0",
        "outcomes": "U kent de wettelijke eisen aan de participatieverordening.\nU begrijpt het uitdaagrecht.\nU beoordeelt een ontwerpverordening.",
        "modules": [
            {
                "title": "Waarom een participatieverordening?",
                "minutes": 30,
                "intro": "Van inspraak naar participatie.",
                "lessons": [
                    ("Wat de wet vraagt", [
                        ("text", "<p>De oude inspraakverordening is vervangen door de participatieverordening. De raad "
                         "legt daarin vast hoe inwoners bij beleid worden betrokken, van de voorbereiding tot de "
                         "evaluatie, en hoe het uitdaagrecht werkt.</p>"),
                        ("check", [
                            q("Wat is het uitdaagrecht?", ["Inwoners kunnen vragen een overheidstaak zelf uit te voeren", "Inwoners kunnen een raadsbesluit ongedaan maken"], 1,
                              "Met het uitdaagrecht kunnen inwoners een taak overnemen als zij die beter denken te kunnen doen."),
                            q("Wie stelt de participatieverordening vast?", ["De raad", "De burgemeester"], 1,
                              "Het is een verordening; die stelt de raad vast."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Een ontwerp beoordelen",
                "minutes": 30,
                "intro": "De vragen die u stelt bij een ontwerpverordening.",
                "lessons": [
                    ("Checklist", [
                        ("text", "<ol><li>Wanneer worden inwoners betrokken?</li><li>Wie mag meedoen?</li>"
                         "<li>Wat gebeurt er met de inbreng?</li><li>Hoe werkt het uitdaagrecht in de praktijk?</li></ol>"),
                        ("reflection", "Hoe zou u in uw gemeente meten of participatie echt iets heeft opgeleverd?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "integriteit-voor-volksvertegenwoordigers",
        "title": "Integriteit: dilemma's van volksvertegenwoordigers",
        "provider": "griffiers",
        "summary": "Oefen met dilemma's over nevenfuncties, geschenken en belangenverstrengeling.",
        "description": "<p>Een live dilemmatraining in kleine groep. U bespreekt situaties uit de praktijk en leert "
        "de gedragscode toe te passen.</p>",
        "instruments": ["integriteit"],
        "roles": ["raadslid", "commissielid", "statenlid", "wethouder", "gedeputeerde"],
        "level": "beide",
        "format": "live",
        "hours": "2.5",
        "price": "95",
        "outcomes": "U kent de regels voor nevenfuncties en geschenken.\nU herkent belangenverstrengeling.\nU bespreekt een dilemma open met collega's.",
        "sessions": [{"days": 18, "capacity": 12, "location": "Stadhuis Utrecht, Stadsplateau 1"}],
        "modules": [
            {
                "title": "De gedragscode",
                "minutes": 25,
                "intro": "Wat staat erin en waarom?",
                "lessons": [
                    ("Regels en ruimte", [
                        ("text", "<p>De gedragscode geeft regels over nevenfuncties, geschenken, reizen en het omgaan "
                         "met vertrouwelijke informatie. Maar niet elke situatie staat erin: integriteit is ook het "
                         "gesprek erover durven voeren.</p>"),
                        ("check", [
                            q("Moet een raadslid nevenfuncties openbaar maken?", ["Ja", "Nee"], 1,
                              "De Gemeentewet verplicht tot openbaarmaking van nevenfuncties."),
                            q("U krijgt een fles wijn van een aannemer die net een opdracht kreeg. Wat doet u?", ["Aannemen, het is een kleine attentie", "Melden en teruggeven of registreren volgens de gedragscode"], 2,
                              "Bij twijfel meldt u het geschenk en volgt u de gedragscode."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Dilemma's bespreken",
                "minutes": 25,
                "intro": "Ter voorbereiding op de bijeenkomst.",
                "lessons": [
                    ("Uw eigen dilemma", [
                        ("text", "<p>Neem een situatie mee waarin u twijfelde. In de bijeenkomst bespreken we die "
                         "anoniem en zoeken we samen naar de afwegingen.</p>"),
                        ("reflection", "Beschrijf een situatie waarin u twijfelde of iets wel kon. Wat gaf uiteindelijk de doorslag?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "jaarrekening-in-een-uur",
        "title": "De jaarrekening in een uur",
        "provider": "raadswerk",
        "summary": "Controleer of de plannen van vorig jaar zijn uitgevoerd, met de jaarrekening als bron.",
        "description": "<p>Een compacte online cursus over het lezen van jaarverslag en jaarrekening, de "
        "accountantsverklaring en het rechtmatigheidsoordeel.</p>",
        "instruments": ["jaarrekening", "budgetrecht"],
        "roles": ["raadslid", "commissielid"],
        "level": "gemeente",
        "format": "online",
        "hours": "1.0",
        "price": "0",
        "outcomes": "U vergelijkt begroting en realisatie.\nU leest de accountantsverklaring.\nU stelt gerichte vragen bij afwijkingen.",
        "modules": [
            {
                "title": "Begroting naast rekening",
                "minutes": 30,
                "intro": "Wat is er terechtgekomen van de plannen?",
                "lessons": [
                    ("Afwijkingen vinden", [
                        ("text", "<p>Leg de begroting naast de jaarrekening. Grote verschillen tussen begroot en "
                         "gerealiseerd verdienen een verklaring. Vraag niet alleen naar het bedrag, maar ook naar het "
                         "effect: zijn de doelen gehaald?</p>"),
                        ("check", [
                            q("Wie stelt de jaarrekening vast?", ["De accountant", "De raad"], 2,
                              "De raad stelt de jaarrekening vast; de accountant controleert."),
                            q("Wat zegt de accountantsverklaring?", ["Of de jaarrekening getrouw en rechtmatig is", "Of het beleid goed was"], 1,
                              "De accountant oordeelt over getrouwheid en rechtmatigheid, niet over de politieke keuzes."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Het debat over de jaarrekening",
                "minutes": 30,
                "intro": "Verantwoording afleggen en vragen.",
                "lessons": [
                    ("Lessen voor volgend jaar", [
                        ("text", "<p>Het debat over de jaarrekening is het moment om lessen te trekken voor de "
                         "volgende begroting. Noteer de afwijkingen die u terugziet en neem ze mee naar de "
                         "kadernota.</p>"),
                        ("reflection", "Welke afwijking in de laatste jaarrekening van uw gemeente zou u bij de volgende begroting terug willen zien?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "initiatiefvoorstel-schrijven",
        "title": "Zelf een initiatiefvoorstel schrijven",
        "provider": "raadswerk",
        "summary": "Van idee tot raadsbesluit: het recht van initiatief stap voor stap.",
        "description": "<p>Deze blended cursus begeleidt u bij het schrijven van een eigen initiatiefvoorstel, "
        "met hulp van de griffie en ambtelijke bijstand.</p>",
        "instruments": ["recht-van-initiatief", "ambtelijke-bijstand", "verordeningen"],
        "roles": ["raadslid", "statenlid"],
        "level": "beide",
        "format": "blended",
        "hours": "6.0",
        "price": "149",
        "outcomes": "U kent de procedure voor een initiatiefvoorstel.\nU schakelt ambtelijke bijstand in.\nU schrijft een voorstel met een duidelijke besluittekst.",
        "sessions": [{"days": 42, "capacity": 10, "online": "https://meet.example.org/initiatief"}],
        "modules": [
            {
                "title": "Het recht van initiatief",
                "minutes": 40,
                "intro": "Wat mag u en hoe verloopt de procedure?",
                "lessons": [
                    ("De procedure", [
                        ("text", "<p>Een initiatiefvoorstel wordt behandeld als elk ander raadsvoorstel. Het college "
                         "krijgt de gelegenheid zijn wensen en bedenkingen te geven, maar de raad beslist. Vraag "
                         "vroeg ambtelijke bijstand aan: die helpt met de feiten en de financiële gevolgen.</p>"),
                        ("check", [
                            q("Wie beslist over een initiatiefvoorstel?", ["Het college", "De raad"], 2,
                              "Net als bij andere raadsvoorstellen beslist de raad."),
                            q("Waarop hebt u recht bij het schrijven van een initiatiefvoorstel?", ["Ambtelijke bijstand", "Een extra vergoeding"], 1,
                              "Raadsleden hebben recht op ambtelijke bijstand (art. 33 Gemeentewet)."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Schrijven en verdedigen",
                "minutes": 60,
                "intro": "Van concept tot debat.",
                "lessons": [
                    ("Het voorstel", [
                        ("text", "<p>Een goed voorstel beschrijft het probleem, het doel, de oplossing, de kosten en de "
                         "besluittekst. Test uw concept bij collega's van andere fracties: een breed gesteund voorstel "
                         "heeft de meeste kans.</p>"),
                        ("document", "Sjabloon initiatiefvoorstel"),
                        ("reflection", "Welk idee zou u als initiatiefvoorstel willen uitwerken, en wie hebt u nodig om het te laten slagen?"),
                    ]),
                ],
            },
            {
                "title": "Na het besluit",
                "minutes": 20,
                "intro": "Uitvoering volgen.",
                "lessons": [
                    ("Blijven volgen", [
                        ("text", "<p>Ook na aanneming blijft u betrokken: vraag het college om een planning voor de "
                         "uitvoering en agendeer een evaluatie.</p>"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "statenlid-en-de-provinciale-begroting",
        "title": "Statenlid: kaders stellen met de provinciale begroting",
        "provider": "staten",
        "summary": "Voor statenleden en burgerstatenleden: de provinciale begroting en de controle op Gedeputeerde Staten.",
        "description": "<p>Een online cursus die de provinciale planning-en-controlcyclus uitlegt, met aandacht voor "
        "de taken die vooral bij provincies liggen.</p>",
        "instruments": ["budgetrecht", "inlichtingenrecht", "gemeenschappelijke-regelingen"],
        "roles": ["statenlid", "commissielid"],
        "level": "provincie",
        "format": "online",
        "hours": "2.0",
        "price": "45",
        "outcomes": "U kent de provinciale begrotingscyclus.\nU weet welke informatie Gedeputeerde Staten moeten geven.\nU volgt regionale samenwerkingsverbanden.",
        "modules": [
            {
                "title": "De provinciale cyclus",
                "minutes": 45,
                "intro": "Voorjaarsnota, begroting, jaarstukken.",
                "lessons": [
                    ("Provinciale Staten en geld", [
                        ("text", "<p>Provinciale Staten stellen de begroting vast en controleren Gedeputeerde Staten. "
                         "De provincie werkt veel in regionale samenwerkingsverbanden en met grote projecten; houd "
                         "daarom de risicoparagraaf goed in de gaten.</p>"),
                        ("check", [
                            q("Wie controleert Gedeputeerde Staten?", ["Provinciale Staten", "De Commissaris van de Koning"], 1,
                              "Provinciale Staten controleren het dagelijks bestuur van de provincie."),
                            q("Moeten Gedeputeerde Staten ook ongevraagd informeren?", ["Ja", "Nee"], 1,
                              "De actieve informatieplicht staat in art. 167 Provinciewet."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Informatie krijgen",
                "minutes": 30,
                "intro": "De informatieplicht van Gedeputeerde Staten.",
                "lessons": [
                    ("Afspraken over informatie", [
                        ("text", "<p>Maak met Gedeputeerde Staten afspraken over welke informatie u wanneer krijgt, "
                         "bijvoorbeeld in een informatieprotocol. Dat voorkomt verrassingen.</p>"),
                        ("reflection", "Over welk provinciaal project zou u vaker geïnformeerd willen worden, en in welke vorm?"),
                    ]),
                ],
            },
        ],
    },
    {
        "slug": "wethouder-en-de-raad",
        "title": "Als wethouder werken met een sterke raad",
        "provider": "bestuur",
        "summary": "Voor nieuwe wethouders: de raad goed informeren en de rolverdeling helder houden.",
        "description": "<p>Een live bijeenkomst voor wethouders over de actieve informatieplicht, de omgang met moties "
        "en de integriteitsregels die voor bestuurders gelden.</p>",
        "instruments": ["inlichtingenrecht", "motie", "integriteit"],
        "roles": ["wethouder", "gedeputeerde"],
        "level": "beide",
        "format": "live",
        "hours": "3.0",
        "price": "95",
        "outcomes": "U kent de informatieplicht van het college.\nU gaat zorgvuldig om met aangenomen moties.\nU kent de integriteitsregels voor bestuurders.",
        "sessions": [{"days": 25, "capacity": 16, "location": "Bestuurscentrum Den Haag, Lange Voorhout 1"}],
        "modules": [
            {
                "title": "Informeren en verantwoorden",
                "minutes": 30,
                "intro": "De actieve informatieplicht.",
                "lessons": [
                    ("Tijdig en volledig", [
                        ("text", "<p>Het college moet de raad alle informatie geven die de raad voor zijn taak nodig "
                         "heeft, ook ongevraagd. Twijfelt u of iets gemeld moet worden? Dan is het antwoord meestal "
                         "ja.</p>"),
                        ("check", [
                            q("Mag het college informatie weigeren?", ["Alleen als het openbaar belang zich ertegen verzet", "Altijd als het politiek gevoelig is"], 1,
                              "Alleen het openbaar belang is een grond om informatie te weigeren."),
                            q("Welke verklaring is sinds 2023 verplicht voor wethouders?", ["Een verklaring omtrent het gedrag (VOG)", "Een diploma bestuurskunde"], 1,
                              "De Wet bevorderen integriteit en functioneren decentraal bestuur verplicht de VOG."),
                        ]),
                    ]),
                ],
            },
            {
                "title": "Moties uitvoeren",
                "minutes": 20,
                "intro": "Wat doet u met een aangenomen motie?",
                "lessons": [
                    ("Uitleggen als u afwijkt", [
                        ("text", "<p>Een motie is niet bindend, maar de raad verwacht uitvoering. Wijkt u af, leg dan "
                         "tijdig uit waarom. Een overzicht van openstaande moties helpt iedereen.</p>"),
                        ("reflection", "Hoe houdt u als bestuurder bij welke moties nog openstaan, en hoe informeert u de raad daarover?"),
                    ]),
                ],
            },
        ],
    },
]

# A course waiting in the onpartijdigheidstoets (submitted, not yet decided).
IN_REVIEW_COURSE = {
    "slug": "rol-van-de-raad-bij-de-omgevingswet",
    "title": "De rol van de raad bij omgevingsvisie en omgevingsplan",
    "provider": "raadswerk",
    "summary": "Welke kaders stelt de raad onder de Omgevingswet, en waar controleert hij?",
    "description": "<p>Een online cursus over de omgevingsvisie, het omgevingsplan en adviesrecht van de raad.</p>",
    "instruments": ["verordeningen", "participatieverordening"],
    "roles": ["raadslid", "commissielid"],
    "level": "gemeente",
    "format": "online",
    "hours": "2.0",
    "price": "45",
    "outcomes": "U kent de kerninstrumenten van de Omgevingswet.\nU weet welke besluiten bij de raad liggen.",
    "modules": [
        {
            "title": "Omgevingsvisie en omgevingsplan",
            "minutes": 40,
            "intro": "De kerninstrumenten.",
            "lessons": [
                ("Kaders stellen", [
                    ("text", "<p>De raad stelt de omgevingsvisie en het omgevingsplan vast. Daarmee bepaalt hij de "
                     "ruimte voor bouwen, wonen en natuur in de gemeente.</p>"),
                ]),
            ],
        },
    ],
}
