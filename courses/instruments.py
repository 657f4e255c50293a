"""The instruments for controle and kaderstelling, with their legal basis.

Source: the project's legal and domain brief, §2 (Gemeentewet = GW, Provinciewet
= PW, Wet gemeenschappelijke regelingen = Wgr, Besluit begroting en
verantwoording = BBV); each instrument cites its articles. Seeded by
`courses.services.seed_instruments`, which runs after every `migrate`
(post_migrate) and from the demo; it only adds instruments whose slug is
missing, so the redactie's edits are never overwritten.
"""

from .choices import InstrumentKind

C, K, B = InstrumentKind.CONTROLE, InstrumentKind.KADERSTELLING, InstrumentKind.BEIDE

INSTRUMENTS = [
    {
        "slug": "budgetrecht",
        "name": "Budgetrecht (begroting)",
        "kind": K,
        "article_gemeente": "art. 189–192 Gemeentewet",
        "article_provincie": "art. 193 e.v. Provinciewet",
        "summary": "De raad of Provinciale Staten bepalen waar het geld naartoe gaat.",
        "explanation": (
            "Het college of Gedeputeerde Staten mogen alleen geld uitgeven dat de raad of Provinciale Staten "
            "daarvoor in de begroting beschikbaar hebben gesteld. Met de begroting kiest u dus welke doelen "
            "de gemeente of provincie nastreeft en hoeveel geld daarbij hoort. Wie de begroting goed kan lezen, "
            "ziet waar keuzes worden gemaakt en kan die keuzes met amendementen en moties bijsturen."
        ),
    },
    {
        "slug": "jaarrekening",
        "name": "Jaarrekening en jaarverslag",
        "kind": C,
        "article_gemeente": "art. 197–200 Gemeentewet",
        "article_provincie": "art. 202 e.v. Provinciewet",
        "summary": "Het bestuur legt elk jaar verantwoording af over wat het met het geld heeft gedaan.",
        "explanation": (
            "In de jaarrekening en het jaarverslag staat wat er van de begroting terecht is gekomen. De raad of "
            "Provinciale Staten stellen de jaarrekening vast en verlenen daarmee het bestuur decharge "
            "(indemniteit voor overschrijdingen). Het is het moment om te vragen: hebben we bereikt wat we "
            "wilden, en tegen welke kosten?"
        ),
    },
    {
        "slug": "financiele-verordeningen",
        "name": "Financiële verordeningen",
        "kind": B,
        "article_gemeente": "art. 212, 213 en 213a Gemeentewet",
        "article_provincie": "art. 216, 217 en 217a Provinciewet",
        "summary": "Vaste spelregels voor het financiële beleid, de controle en de accountant.",
        "explanation": (
            "In de financiële verordening legt de raad of Provinciale Staten vast hoe het bestuur met geld omgaat "
            "en hoe het daarover rapporteert. Daarnaast regelen verordeningen de accountantscontrole en het "
            "onderzoek naar doelmatigheid en doeltreffendheid. Zo bepaalt u vooraf welke informatie u krijgt."
        ),
    },
    {
        "slug": "verordeningen",
        "name": "Verordeningen",
        "kind": K,
        "article_gemeente": "art. 147 en 149 Gemeentewet",
        "article_provincie": "art. 143 Provinciewet",
        "summary": "Regels die voor iedereen in de gemeente of provincie gelden.",
        "explanation": (
            "Een verordening is lokale wetgeving: bijvoorbeeld over parkeren, subsidies of de omgang met "
            "inwoners. De raad of Provinciale Staten stellen verordeningen vast en leggen daarmee de kaders "
            "waarbinnen het bestuur werkt."
        ),
    },
    {
        "slug": "recht-van-initiatief",
        "name": "Recht van initiatief",
        "kind": K,
        "article_gemeente": "art. 147a Gemeentewet",
        "article_provincie": "art. 143a Provinciewet",
        "summary": "Een raadslid of statenlid kan zelf een voorstel ter besluitvorming indienen.",
        "explanation": (
            "U hoeft niet te wachten tot het college of Gedeputeerde Staten met een voorstel komen. Met een "
            "initiatiefvoorstel legt u zelf een ontwerpbesluit of verordening voor. Het bestuur mag daarover "
            "zijn mening geven, maar de raad of Provinciale Staten beslissen."
        ),
    },
    {
        "slug": "recht-van-amendement",
        "name": "Recht van amendement",
        "kind": K,
        "article_gemeente": "art. 147b Gemeentewet",
        "article_provincie": "art. 143b Provinciewet",
        "summary": "U kunt de tekst van een voorstel wijzigen voordat erover wordt gestemd.",
        "explanation": (
            "Met een amendement stelt u een wijziging voor in een voorstel dat op de agenda staat. Wordt het "
            "amendement aangenomen, dan stemt de vergadering daarna over het gewijzigde voorstel. Zo past u "
            "een besluit zelf aan in plaats van alleen voor of tegen te stemmen."
        ),
    },
    {
        "slug": "motie",
        "name": "Motie",
        "kind": B,
        "article_gemeente": "art. 16 Gemeentewet (reglement van orde)",
        "article_provincie": "art. 16 Provinciewet (reglement van orde)",
        "summary": "Een uitspraak of verzoek van de vergadering aan het bestuur.",
        "explanation": (
            "Met een motie spreekt de raad of Provinciale Staten een mening uit of vraagt het bestuur iets te "
            "doen. Een motie is juridisch niet bindend, maar een bestuur dat een aangenomen motie naast zich "
            "neerlegt, moet dat uitleggen. De regels staan in het reglement van orde."
        ),
    },
    {
        "slug": "vragenrecht",
        "name": "Vragenrecht",
        "kind": C,
        "article_gemeente": "art. 155 lid 1 Gemeentewet",
        "article_provincie": "art. 151 lid 1 Provinciewet",
        "summary": "U kunt het bestuur mondeling of schriftelijk vragen stellen.",
        "explanation": (
            "Elk raadslid of statenlid mag het college, de burgemeester, Gedeputeerde Staten of de Commissaris "
            "van de Koning vragen stellen. Vragen zijn een eenvoudig middel om informatie boven water te krijgen "
            "en om te laten zien dat u iets in de gaten houdt."
        ),
    },
    {
        "slug": "interpellatie",
        "name": "Interpellatie",
        "kind": C,
        "article_gemeente": "art. 155 lid 2 Gemeentewet",
        "article_provincie": "art. 151 lid 2 Provinciewet",
        "summary": "Een debat over een onderwerp dat niet op de agenda staat.",
        "explanation": (
            "Met toestemming van de vergadering kan een lid het bestuur ter verantwoording roepen over een "
            "onderwerp dat niet geagendeerd is. Een interpellatie is zwaarder dan een vraag: er volgt een debat, "
            "waarin ook moties kunnen worden ingediend."
        ),
    },
    {
        "slug": "recht-van-onderzoek",
        "name": "Recht van onderzoek (enquête)",
        "kind": C,
        "article_gemeente": "art. 155a–155f Gemeentewet",
        "article_provincie": "art. 151a–151f Provinciewet",
        "summary": "De raad of Provinciale Staten kunnen zelf een diepgaand onderzoek instellen.",
        "explanation": (
            "Het recht van onderzoek is het zwaarste controle-instrument. Een onderzoekscommissie kan mensen "
            "oproepen om te verschijnen en hen onder ede horen, en kan stukken opvragen. Het wordt gebruikt als "
            "andere middelen niet genoeg opleveren, bijvoorbeeld na een groot project dat misging."
        ),
    },
    {
        "slug": "inlichtingenrecht",
        "name": "Inlichtingenrecht en verantwoording",
        "kind": C,
        "article_gemeente": "art. 169 en 180 Gemeentewet",
        "article_provincie": "art. 167 en 179 Provinciewet",
        "summary": "Het bestuur moet de volksvertegenwoordiging informeren en verantwoording afleggen.",
        "explanation": (
            "Het college, de burgemeester, Gedeputeerde Staten en de Commissaris van de Koning zijn verplicht de "
            "raad of Provinciale Staten de inlichtingen te geven die zij nodig hebben, ook ongevraagd. Alleen "
            "als het openbaar belang zich ertegen verzet, mag informatie worden geweigerd."
        ),
    },
    {
        "slug": "wensen-en-bedenkingen",
        "name": "Wensen en bedenkingen",
        "kind": B,
        "article_gemeente": "art. 160 lid 2, 165 lid 3 en 169 lid 4 Gemeentewet",
        "article_provincie": "art. 158 lid 2, 163 lid 3 en 167 lid 4 Provinciewet",
        "summary": "Uw mening geven voordat het bestuur een ingrijpend besluit neemt.",
        "explanation": (
            "Bij sommige besluiten van het bestuur, zoals deelnemen in een stichting of vennootschap, moet het "
            "bestuur de raad of Provinciale Staten eerst de kans geven wensen en bedenkingen te uiten. Het "
            "bestuur besluit daarna zelf, maar moet met die inbreng rekening houden."
        ),
    },
    {
        "slug": "rekenkamer",
        "name": "Rekenkamer",
        "kind": C,
        "article_gemeente": "hoofdstuk IVa en art. 182 Gemeentewet",
        "article_provincie": "hoofdstuk IVa en art. 183 Provinciewet",
        "summary": "Een onafhankelijk onderzoeker die kijkt of beleid doelmatig, doeltreffend en rechtmatig is.",
        "explanation": (
            "De rekenkamer onderzoekt of het beleid van de gemeente of provincie werkt, wat het kost en of het "
            "volgens de regels gaat. Sinds 2024 moet elke gemeente een onafhankelijke rekenkamer hebben; "
            "raadsleden mogen er geen lid meer van zijn. De rapporten helpen u bij uw controlerende taak."
        ),
    },
    {
        "slug": "verbonden-partijen",
        "name": "Verbonden partijen",
        "kind": B,
        "article_gemeente": "art. 1, 9 en 15 Besluit begroting en verantwoording (BBV)",
        "article_provincie": "art. 1, 9 en 15 Besluit begroting en verantwoording (BBV)",
        "summary": "Grip op organisaties waarin de gemeente of provincie een bestuurlijk en financieel belang heeft.",
        "explanation": (
            "Veel taken worden uitgevoerd door organisaties op afstand, zoals een veiligheidsregio of een "
            "vennootschap. In de begroting staat een paragraaf verbonden partijen met hun doel, belang en "
            "risico's. Daar vindt u de aanknopingspunten om ook dit werk te controleren en bij te sturen."
        ),
    },
    {
        "slug": "gemeenschappelijke-regelingen",
        "name": "Zienswijze en controle op gemeenschappelijke regelingen (Wgr)",
        "kind": B,
        "article_gemeente": "art. 16, 17 en 35 Wet gemeenschappelijke regelingen",
        "article_provincie": "hoofdstuk II Wet gemeenschappelijke regelingen",
        "summary": "Invloed op samenwerkingsverbanden via zienswijzen en informatie.",
        "explanation": (
            "Gemeenten en provincies werken samen in gemeenschappelijke regelingen. De raad of Provinciale "
            "Staten kunnen een zienswijze geven op de ontwerpbegroting van zo'n regeling en hebben recht op "
            "informatie. Sinds de wetswijziging van 2022 zijn die rechten versterkt, ook bij het wijzigen van "
            "de regeling zelf."
        ),
    },
    {
        "slug": "participatieverordening",
        "name": "Participatieverordening",
        "kind": K,
        "article_gemeente": "art. 150 Gemeentewet",
        "article_provincie": "art. 147 Provinciewet",
        "summary": "Regels over hoe inwoners meepraten en zelf taken kunnen overnemen.",
        "explanation": (
            "In de participatieverordening legt de raad of Provinciale Staten vast hoe inwoners en "
            "organisaties betrokken worden bij beleid. Sinds 2025 hoort daar ook het uitdaagrecht bij: inwoners "
            "kunnen vragen een taak van de overheid zelf uit te voeren."
        ),
    },
    {
        "slug": "ambtelijke-bijstand",
        "name": "Ambtelijke bijstand",
        "kind": B,
        "article_gemeente": "art. 33 Gemeentewet",
        "article_provincie": "art. 33 Provinciewet",
        "summary": "Ondersteuning door ambtenaren bij uw werk als volksvertegenwoordiger.",
        "explanation": (
            "Raadsleden en statenleden hebben recht op ambtelijke bijstand, bijvoorbeeld bij het schrijven van "
            "een amendement of initiatiefvoorstel. Het is geen instrument op zichzelf, maar het helpt u de "
            "andere instrumenten goed te gebruiken."
        ),
    },
    {
        "slug": "integriteit",
        "name": "Integriteit",
        "kind": C,
        "article_gemeente": "art. 12, 15 lid 3, 41b, 41c lid 2 en 69 lid 2 Gemeentewet",
        "article_provincie": "art. 15 lid 3, 40c lid 2 en 68 lid 2 Provinciewet",
        "summary": "Gedragscodes, nevenfuncties en het voorkomen van belangenverstrengeling.",
        "explanation": (
            "Volksvertegenwoordigers en bestuurders hebben een gedragscode en moeten hun nevenfuncties openbaar "
            "maken. Sinds 2023 gelden aanvullende regels, zoals een verklaring omtrent het gedrag voor "
            "wethouders en gedeputeerden. Integriteit gaat over vertrouwen: weten waar de grenzen liggen en "
            "daarover open het gesprek voeren."
        ),
    },
]
