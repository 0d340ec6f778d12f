"""Front-end views of intervision records.

Thin views: who may see what is decided only in ``intervisions.visibility``. A record someone
may not see answers 404 — for anonymous visitors too, never a login redirect — so that its
existence is not revealed.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from network.filters import listing_context
from network.http import no_store
from network.pagination import RESULTS_PAGE_SIZE, paginate

from . import visibility as intervisions
from .forms import FollowUpForm, RecordFilter


@require_safe
@login_required
def record_list(request):
    """The records the member may see, filtered by theme and area."""
    records = (intervisions.visible_records(request.user).select_related("area", "method")
               .prefetch_related("themes").order_by("-date", "-pk"))
    context = listing_context(request, RecordFilter(request.GET, records),
                              per_page=RESULTS_PAGE_SIZE)
    return no_store(render(request, "intervisions/record_list.html", {
        **context, "records": context["page_obj"].object_list,
    }))


@require_safe
def record_detail(request, pk):
    """One record, in full, for those who may see it; 404 for everyone else."""
    record = intervisions.visible_record_or_404(request.user, pk)
    previous = None
    if record.previous_record_id:
        # The previous record is shown only if this user may see it as well.
        previous = intervisions.visible_records(request.user).filter(pk=record.previous_record_id).first()
    return no_store(render(request, "intervisions/record_detail.html", {
        "record": record,
        "previous": previous,
        "previous_actions": previous.actions.select_related("owner") if previous else [],
        "attendance": record.attendance.select_related("person", "area"),
        "actions": record.actions.select_related("owner"),
        "attachments": record.attachments.select_related("document"),
        "consents": record.consents.select_related("consented_by", "recorded_by"),
        "can_report": intervisions.can_report_follow_up(request.user, record),
        "is_organiser": intervisions.is_organiser(request.user),
    }))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request, pk):
    """The case owner adds the follow-up report and updates the actions' status."""
    record = intervisions.visible_record_or_404(request.user, pk)
    if not intervisions.can_report_follow_up(request.user, record):
        raise Http404
    form = FollowUpForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The follow-up has been saved."))
        return redirect("intervisions:record", pk=record.pk)
    return no_store(render(request, "intervisions/follow_up.html",
                           {"record": record, "form": form}))


@require_safe
def attachment(request, pk, number):
    """Download attachment ``number`` (1-based) of a record the user may see; otherwise 404."""
    record = intervisions.visible_record_or_404(request.user, pk)
    attachments = list(record.attachments.select_related("document"))
    if not 1 <= number <= len(attachments):
        raise Http404
    document = attachments[number - 1].document
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    return no_store(response)


@require_safe
@login_required
def open_actions(request):
    """Open follow-up actions: all of them for organisers, their own for everyone else."""
    return no_store(render(request, "intervisions/open_actions.html", {
        "actions": intervisions.open_actions(request.user),
        "today": timezone.localdate(),
        "is_organiser": intervisions.is_organiser(request.user),
    }))


@require_safe
def summaries(request):
    """The approved anonymised summaries, for everyone: no area, no people."""
    page = paginate(request, intervisions.public_summaries().prefetch_related("themes")
                    .order_by("-date", "-pk"), per_page=RESULTS_PAGE_SIZE)
    return render(request, "intervisions/summaries.html", {
        "page_obj": page, "summaries": page.object_list,
    })
