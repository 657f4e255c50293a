"""Money is shown the Dutch way everywhere: one formatter, one template filter."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from glashelder.kernel.money import format_euro, format_euro_text, to_money


def test_format_euro_groups_thousands_with_a_non_breaking_space():
    assert format_euro(Decimal("1234.5")) == "€\u00a01.234,50"
    assert format_euro(Decimal("95")) == "€\u00a095,00"
    assert format_euro(Decimal("0.05")) == "€\u00a00,05"
    assert format_euro(Decimal("1234567.891")) == "€\u00a01.234.567,89"
    assert format_euro(Decimal("-12")) == "€\u00a0-12,00"
    assert format_euro(None) == "" and format_euro("") == ""


def test_text_formatter_uses_a_plain_space():
    assert format_euro_text(Decimal("1234.5")) == "€ 1.234,50"
    assert format_euro_text(None) == ""


def test_money_never_comes_from_a_float():
    with pytest.raises(TypeError):
        to_money(1.5)


def test_the_euro_filter_of_the_money_library():
    template = Template('{% load money %}{{ amount|euro }}|{{ missing|euro|default:"–" }}')
    assert template.render(Context({"amount": Decimal("2500")})) == "€\u00a02.500,00|–"
