from django.conf import settings


def municipality() -> dict:
    """The town hall's name, branding and contact details, for pages and e-mails alike."""
    return {
        "name": settings.MUNICIPALITY_NAME,
        "logo_url": settings.MUNICIPALITY_LOGO_URL,
        "primary_color": settings.MUNICIPALITY_PRIMARY_COLOR,
        "signature": settings.MUNICIPALITY_SIGNATURE,
        "address": settings.MUNICIPALITY_ADDRESS,
        "phone": settings.MUNICIPALITY_PHONE,
        "email": settings.MUNICIPALITY_EMAIL,
        "opening_hours": settings.MUNICIPALITY_OPENING_HOURS,
    }


def site(request):
    return {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, "MUNICIPALITY": municipality()}
