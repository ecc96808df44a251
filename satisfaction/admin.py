"""The admin: which barometer statements the survey asks is chosen here; answers and follow-ups are only read.

Follow-ups are marked done from their page (`survey:follow_ups`), which records who did it and
what was done.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from requests_app.admin import ReadOnlyAdminMixin

from .models import BarometerQuestion, FollowUp, Survey
from .podium import BY_CODE, PILLAR_LABELS


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["ticket", "via", "invited_at", "answered_at", "satisfaction", "effort", "resolved", "trust"]
    list_filter = ["via", "satisfaction", "resolved", ("answered_at", admin.EmptyFieldListFilter)]
    search_fields = ["ticket__reference", "contact"]
    date_hierarchy = "invited_at"
    list_select_related = ["ticket"]
    raw_id_fields = ["ticket", "citizen"]


@admin.register(BarometerQuestion)
class BarometerQuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "pillar", "statement", "is_asked", "order"]
    list_display_links = ["code"]
    list_editable = ["is_asked", "order"]
    list_filter = ["is_asked"]
    fields = ["code", "is_asked", "order"]

    def has_add_permission(self, request):
        # The fifteen criteria of the Podium exist already; administrators choose among them.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["code"]

    @admin.display(description=_("pillar"))
    def pillar(self, question):
        criterion = BY_CODE.get(question.code)
        return PILLAR_LABELS[criterion.pillar] if criterion else ""

    @admin.display(description=_("statement put to the citizen"))
    def statement(self, question):
        criterion = BY_CODE.get(question.code)
        return criterion.statement if criterion else ""


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["survey", "service", "status", "created_at", "done_at", "done_by"]
    list_filter = ["status", "service"]
    search_fields = ["survey__ticket__reference", "note"]
    list_select_related = ["survey__ticket", "service", "done_by"]
