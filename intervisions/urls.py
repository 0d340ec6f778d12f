"""Addresses of the intervision pages outside the page tree.

Under /intervisions/ (plural): /intervision/ is the editors' "How intervision works" page.
"""
from django.urls import path

from . import views

app_name = "intervisions"

urlpatterns = [
    path("intervisions/summaries/", views.summaries, name="summaries"),
    path("intervisions/records/", views.record_list, name="records"),
    path("intervisions/records/<int:pk>/", views.record_detail, name="record"),
    path("intervisions/records/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("intervisions/records/<int:pk>/attachments/<int:number>/", views.attachment,
         name="attachment"),
    path("intervisions/actions/", views.open_actions, name="actions"),
]
