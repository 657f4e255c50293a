"""Read side of the catalogue: the filtered, searched and paginated
course list at /cursussen/ and the context of a course page. Every query here is
bounded: related providers and instruments are fetched in one go."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, When
from django.utils import timezone
from wagtail import hooks

from glashelder.kernel.choices import Level
from glashelder.kernel.fields import MultipleChoiceField

from .choices import InstrumentKind
from .forms import CatalogueFilterForm

PAGE_SIZE = 12
PAGE_PARAM = "pagina"


def search_ids(searchable, query):
    """Ids of the courses in `searchable` matching `query` through Wagtail search, best match first."""
    return [page.pk for page in searchable.search(query, operator="and")]


def filter_courses(qs, data, *, sessions):
    """Apply the cleaned filter form `data` to a course queryset (`sessions`: all sessions)."""
    if data.get("instrument"):
        qs = qs.filter(pk__in=qs.model.instruments.through.objects.filter(instrument__slug__in=data["instrument"]).values("coursepage_id"))
    if data.get("soort"):
        kinds = [data["soort"], InstrumentKind.BEIDE]
        qs = qs.filter(pk__in=qs.model.instruments.through.objects.filter(instrument__kind__in=kinds).values("coursepage_id"))
    if data.get("rol"):
        qs = qs.filter(**MultipleChoiceField.lookup_for("audience_roles", data["rol"]))
    if data.get("bestuurslaag"):
        qs = qs.filter(level__in=[data["bestuurslaag"], Level.BEIDE])
    if data.get("vorm"):
        qs = qs.filter(format=data["vorm"])
    if data.get("aanbieder"):
        qs = qs.filter(provider__slug=data["aanbieder"])
    if data.get("prijs") == "gratis":
        qs = qs.filter(price=0)
    elif data.get("prijs") == "betaald":
        qs = qs.filter(price__gt=0)
    if data.get("van") or data.get("tot"):
        sessions = sessions.filter(cancelled=False, starts_at__gte=timezone.now())
        tz = timezone.get_current_timezone()
        if data.get("van"):
            start = datetime.datetime.combine(data["van"], datetime.time.min, tzinfo=tz)
            sessions = sessions.filter(starts_at__gte=start)
        if data.get("tot"):
            end = datetime.datetime.combine(data["tot"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
            sessions = sessions.filter(starts_at__lt=end)
        qs = qs.filter(pk__in=sessions.values("course_id"))
    return qs


def catalogue_context(request, *, courses, searchable, instruments, providers, sessions):
    """The catalogue page: `courses` (public, for listing) filtered, searched (within `searchable`)
    and paginated; the page model hands in the querysets, so this module imports no model."""
    instruments = list(instruments)
    providers = list(providers)
    form = CatalogueFilterForm(request.GET or None, instruments=instruments, providers=providers)
    qs = courses
    query = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        qs = filter_courses(qs, data, sessions=sessions)
        query = data.get("q", "").strip()
    if query:
        ids = search_ids(searchable, query)
        qs = qs.filter(pk__in=ids).order_by(
            Case(*[When(pk=pk, then=pos) for pos, pk in enumerate(ids)], output_field=IntegerField())
        ) if ids else qs.none()
    else:
        qs = qs.order_by("title")
    paginator = Paginator(qs, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1 if not str(request.GET.get(PAGE_PARAM, "")).isdigit() else paginator.num_pages)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    active = any(value for key, values in request.GET.lists() if key != PAGE_PARAM for value in values)
    return {
        "filter_form": form,
        "courses": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "result_count": paginator.count,
        "query": query,
        "querystring": params.urlencode(),
        "filters_active": active,
        "instruments": instruments,
    }


def course_page_context(request, course, *, modules):
    """Everything a member needs to decide, plus the panels other apps add (`modules`: the live modules)."""
    modules = list(modules.order_by("path").only("id", "title", "estimated_minutes", "url_path", "path", "depth", "intro"))
    sessions = list(course.upcoming_sessions_with_places())
    panels = [fn(request, course) for fn in hooks.get_hooks("glashelder_course_page_panels")]
    panels = sorted((p for p in panels if p), key=lambda p: p.get("order", 100))
    return {
        "modules": modules,
        "total_minutes": sum(m.estimated_minutes for m in modules),
        "sessions": sessions,
        "course_instruments": list(course.instruments.order_by("sort_order", "name")),
        "panels": panels,
    }
