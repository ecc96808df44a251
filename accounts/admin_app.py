"""Django's admin application, with the site that asks for a one-time code (accounts.admin_site)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.StaffAdminSite"
