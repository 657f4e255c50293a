"""The legal bases seeded from the project's legal and domain brief (§1, right to reimbursement).

The 2019 Rechtspositiebesluit decentrale politieke ambtsdragers (Stb. 2018, 386)
is the current basis; its article numbers for training (3.3.3 gemeente, 2.3.3
provincie) are inferred from local verordeningen and NOT confirmed, so they are
seeded with `confirmed=False`. The 2014 predecessor rules (Stb. 2014, 230) are
verified text but no longer in force: they are seeded as confirmed, valid until
the 2019 Besluit took effect. The redactie keeps these rows up to date in the
Wagtail admin (snippets) or the Django admin.
"""

import datetime

from glashelder.kernel.choices import Level

RPB_2019 = "Rechtspositiebesluit decentrale politieke ambtsdragers (Stb. 2018, 386)"
RPB_2019_NOTE = (
    "Artikelnummer afgeleid uit de aanhef van lokale verordeningen (o.a. Hoorn CVDR626261, Goes CVDR626697, "
    "Fryslân CVDR623080, Zuid-Holland CVDR677717). Tekst nog NIET gecontroleerd op wetten.overheid.nl."
)
RPB_2014_NOTE = "Tekst gecontroleerd (Stb. 2014, 230). Niet meer van kracht sinds de inwerkingtreding van het Rechtspositiebesluit 2019."
EXPLANATION = (
    "De kosten van niet-partijpolitiek georiënteerde scholing in verband met het ambt komen voor rekening van "
    "de {payer}. De {rules} kan nadere regels stellen (budget, voorafgaande toestemming, bewijs van deelname). "
    "De inhoud van de scholing bepaalt of die partijpolitiek is, niet wie haar aanbiedt."
)

GEMEENTE_START_2019 = datetime.date(2019, 1, 1)
PROVINCIE_START_2019 = datetime.date(2019, 3, 28)
START_2014 = datetime.date(2014, 7, 1)

# (role, level, regulation, articles, payer, who sets further rules)
CURRENT = [
    ("raadslid", "gemeente", "art. 3.3.3", "gemeente", "raad"),
    ("commissielid", "gemeente", "art. 3.3.3", "gemeente", "raad"),
    ("wethouder", "gemeente", "art. 3.3.3", "gemeente", "college"),
    ("burgemeester", "gemeente", "art. 3.3.3", "gemeente", "college"),
    ("statenlid", "provincie", "art. 2.3.3", "provincie", "Provinciale Staten"),
    ("commissielid", "provincie", "art. 2.3.3", "provincie", "Provinciale Staten"),
    ("gedeputeerde", "provincie", "art. 2.3.3", "provincie", "Gedeputeerde Staten"),
    ("cdk", "provincie", "art. 2.3.3", "provincie", "Gedeputeerde Staten"),
]

PREDECESSORS = [
    ("raadslid", "gemeente", "Rechtspositiebesluit raads- en commissieleden", "art. 13", "gemeente", "raad"),
    ("commissielid", "gemeente", "Rechtspositiebesluit raads- en commissieleden", "art. 13", "gemeente", "raad"),
    ("wethouder", "gemeente", "Rechtspositiebesluit wethouders", "art. 28b", "gemeente", "college"),
    ("burgemeester", "gemeente", "Rechtspositiebesluit burgemeesters", "art. 36a", "gemeente", "college"),
    ("statenlid", "provincie", "Rechtspositiebesluit staten- en commissieleden", "art. 12", "provincie", "Provinciale Staten"),
    ("commissielid", "provincie", "Rechtspositiebesluit staten- en commissieleden", "art. 12", "provincie", "Provinciale Staten"),
    ("gedeputeerde", "provincie", "Rechtspositiebesluit gedeputeerden", "art. 23b", "provincie", "Gedeputeerde Staten"),
    ("cdk", "provincie", "Rechtspositiebesluit commissaris van de Koning", "art. 3 lid 3–4", "provincie", "Gedeputeerde Staten"),
]


def seed_legal_bases(LegalBasis):
    """Create the seeded rows that are missing; never overwrite what the redactie edited. Idempotent."""
    created = 0
    for role, level, articles, payer, rules in CURRENT:
        start = GEMEENTE_START_2019 if level == Level.GEMEENTE else PROVINCIE_START_2019
        _, made = LegalBasis.objects.get_or_create(
            role=role,
            level=level,
            valid_from=start,
            defaults={
                "regulation": RPB_2019,
                "articles": articles,
                "explanation": EXPLANATION.format(payer=payer, rules=rules),
                "confirmed": False,
                "source_note": RPB_2019_NOTE,
            },
        )
        created += made
    for role, level, regulation, articles, payer, rules in PREDECESSORS:
        end = GEMEENTE_START_2019 if level == Level.GEMEENTE else PROVINCIE_START_2019
        _, made = LegalBasis.objects.get_or_create(
            role=role,
            level=level,
            valid_from=START_2014,
            defaults={
                "regulation": f"{regulation} (Stb. 2014, 230)",
                "articles": articles,
                "explanation": EXPLANATION.format(payer=payer, rules=rules),
                "valid_until": end - datetime.timedelta(days=1),
                "confirmed": True,
                "source_note": RPB_2014_NOTE,
            },
        )
        created += made
    return created
