"""The two floor views: what a request costs on this stack before any business logic."""

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import FloorRow


@csrf_exempt
@require_POST
def insert(request):
    row = FloorRow.objects.create(label=request.POST.get("label", "")[:64])
    return JsonResponse({"id": row.pk}, status=201)


@require_GET
def read(request, pk: int):
    row = FloorRow.objects.filter(pk=pk).values("id", "label").first()
    if row is None:
        raise Http404
    return JsonResponse(row)
