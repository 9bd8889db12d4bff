from django.urls import path

from .matching import views as matching_views
from .views import consolidation, data_requests, imports, outreach, privacy, public
from .views import records as views

app_name = "voters"

urlpatterns = [
    path("voters/", views.voters_home, name="home"),
    path("synonyms/defaults/", matching_views.synonyms_load_defaults, name="synonyms_load_defaults"),
    path("synonyms/<int:pk>/delete/", matching_views.synonym_delete, name="synonym_delete"),
    *matching_views.SYNONYMS.urls("synonyms"),
    path("voters/consolidate/", consolidation.round_page, name="round"),
    path("voters/consolidate/done/", consolidation.round_done, name="round_done"),
    path("meetings/<int:pk>/opinions/", views.opinion_add, name="meeting_opinion_add"),
    path("meetings/<int:pk>/consolidate/", views.consolidate, name="meeting_consolidate"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(
        "meetings/<int:pk>/opinions/import/",
        imports.meeting_opinion_import,
        name="meeting_opinion_import",
    ),
    path(
        "meetings/<int:pk>/opinions/import/template/",
        imports.meeting_opinion_template,
        name="meeting_opinion_template",
    ),
    path(
        "meetings/<int:pk>/opinions/import/<int:job>/",
        imports.meeting_opinion_import_job,
        name="meeting_opinion_import_job",
    ),
    path(
        "meetings/<int:pk>/opinions/import/<int:job>/status/",
        imports.meeting_opinion_import_job_status,
        name="meeting_opinion_import_job_status",
    ),
    path(
        "receptions/<int:pk>/opinions/",
        views.opinion_add,
        {"kind": "reception"},
        name="reception_opinion_add",
    ),
    path(
        "receptions/<int:pk>/consolidate/",
        views.consolidate,
        {"kind": "reception"},
        name="reception_consolidate",
    ),
    path("petitions/export/", views.petition_export, name="petition_export"),
    path("petitions/import/", imports.petition_import, name="petition_import"),
    path("petitions/import/<int:pk>/", imports.petition_import_job, name="petition_import_job"),
    path(
        "petitions/import/<int:pk>/status/",
        imports.petition_import_job_status,
        name="petition_import_job_status",
    ),
    path("petitions/report/", views.petition_report, name="petition_report"),
    path(
        "petitions/<int:pk>/merge-search/",
        consolidation.petition_merge_search,
        name="petition_merge_search",
    ),
    path("letters/<int:pk>/handle/", views.letter_handle, name="letter_handle"),
    path("public/<slug:council_code>/petitions/new/", public.submit, name="public_submit"),
    path("public/<slug:council_code>/petitions/lookup/", public.lookup, name="public_lookup"),
    path("public/<slug:council_code>/answers/", public.answers, name="public_answers"),
    path("public/<slug:council_code>/personal-data/", public.privacy, name="public_privacy"),
    path("personal-data/notice/", privacy.notice_edit, name="privacy_notice"),
    path("personal-data/requests/", data_requests.data_requests, name="data_requests"),
    path("personal-data/requests/<int:pk>/", data_requests.data_request_detail, name="data_request_detail"),
    path(
        "personal-data/requests/<int:pk>/export/",
        data_requests.data_request_export,
        name="data_request_export",
    ),
    *views.MEETINGS.urls("meetings"),
    *views.RECEPTIONS.urls("receptions"),
    *views.OPINIONS.urls("opinions"),
    *views.PETITIONS.urls("petitions"),
    # After the petition's own pages, so "edit" is not taken for an action.
    path("petitions/<int:pk>/<str:action>/", views.petition_action, name="petition_action"),
    *views.LETTERS.urls("letters"),
    path("communications/channels/", views.channels, name="channels"),
    *outreach.CHANNELS.urls("communications/channels/manage"),
    path("consultations/<int:pk>/open/", outreach.consultation_open, name="consultation_open"),
    path("consultations/<int:pk>/counts/", outreach.consultation_counts, name="consultation_counts"),
    path("consultations/<int:pk>/close/", outreach.consultation_close, name="consultation_close"),
    path(
        "consultations/<int:pk>/resolution/",
        outreach.consultation_resolution,
        name="consultation_resolution",
    ),
    path("consultations/<int:pk>/document/", outreach.consultation_document, name="consultation_document"),
    *outreach.CONSULTATIONS.urls("consultations"),
    *views.MEDIA.urls("communications/media"),
    *views.EVENTS.urls("communications/events"),
]
