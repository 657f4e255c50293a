"""The `cbs` path converter: a CBS code of a gemeente (GMxxxx) or provincie (PVxx).

Every page of the griffie workspace lives under `/griffie/<cbs:code>/`. Matching only real
codes keeps the workspace's paths apart from the old ones (`/griffie/budget/`, ...) that
redirect to it. Imported by every URL configuration that uses it; registered once, here.
"""

from django.urls import register_converter


class CBSCodeConverter:
    regex = r"GM[0-9]{4}|PV[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CBSCodeConverter, "cbs")
