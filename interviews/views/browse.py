"""Browsing: the home page, the filtered list, person and outlet pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..forms.browse import InterviewFilterForm
from ..models import Exchange, Interview, Outlet, Person

PAGE_SIZE = 20


@require_safe
def home(request):
    interviews = Interview.objects.visible_to(request.user)
    context = {
        "latest": interviews.for_listing()[:8],
        "counts": {
            "interviews": interviews.count(),
            "exchanges": Exchange.objects.filter(interview__in=interviews).count(),
            "people": Person.objects.filter(interviews__in=interviews).distinct().count(),
            "outlets": Outlet.objects.filter(interviews__in=interviews).distinct().count(),
        },
    }
    return render(request, "interviews/home.html", context)


@require_safe
def interview_list(request):
    form = InterviewFilterForm(request.GET or None)
    # One person and one topic at most: the joins cannot repeat an interview, no DISTINCT.
    interviews = form.filter(Interview.objects.visible_to(request.user))
    page = Paginator(interviews.for_listing(), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interviews/interview_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_safe
def person_detail(request, slug: str):
    person = get_object_or_404(Person, slug=slug)
    interviews = person.interviews.visible_to(request.user).for_listing()
    return render(request, "interviews/person.html", {"person": person, "interviews": interviews})


@require_safe
def outlet_detail(request, slug: str):
    outlet = get_object_or_404(Outlet, slug=slug)
    interviews = outlet.interviews.visible_to(request.user).for_listing()
    return render(request, "interviews/outlet.html", {"outlet": outlet, "interviews": interviews})
