from django.conf import settings


def site(request):
    return {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
