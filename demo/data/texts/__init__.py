"""What requests say and hear: each service's module holds its categories' texts, by Open311
service_code; a key a category leaves out falls back to `generic.GENERIC[kind]`."""

from . import accueil, education, etat_civil, proprete, tranquillite, urbanisme, voirie

TEXTS = {
    **accueil.TEXTS,
    **voirie.TEXTS,
    **proprete.TEXTS,
    **tranquillite.TEXTS,
    **etat_civil.TEXTS,
    **urbanisme.TEXTS,
    **education.TEXTS,
}
