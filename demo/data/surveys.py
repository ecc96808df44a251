"""How the demo's citizens answer their satisfaction surveys, and what supervisors note on follow-ups."""

# The barometer statements the demo's administrators chose to ask (codes of satisfaction/podium.py).
DEMO_BAROMETER = ["traceability", "clarity", "personalisation", "responsibility"]
# Share of invited citizens who answer, and how the answers spread over 1..5 (most are content).
SURVEY_RESPONSE_RATE = 0.45
SURVEY_SCORE_WEIGHTS = [5, 7, 13, 37, 38]
# Share of answers given with the e-mail's one-click rating only, without the page.
SURVEY_ONE_CLICK_ONLY = 0.25
# Comments by how satisfied the citizen was; not every answer has one.
SURVEY_COMMENTS = {
    "low": [
        "Personne ne m'a rappelé alors qu'on me l'avait promis. Le problème est toujours là.",
        "Trois semaines pour une réponse de deux lignes, c'est trop long.",
        "On m'a répondu que c'était réglé, mais rien n'a changé devant chez moi.",
        "J'ai dû relancer deux fois par téléphone avant d'avoir une réponse.",
        "Réponse très administrative, je n'ai pas compris ce qui allait être fait.",
        "Le trou a été rebouché mais il est revenu dès la première pluie.",
    ],
    "mid": [
        "Correct, mais j'aurais aimé être tenu au courant plus tôt.",
        "Le problème est réglé, même si le délai a été un peu long.",
        "Réponse claire, mais il a fallu que je rappelle pour savoir où en était ma demande.",
        "Bien dans l'ensemble, le suivi en ligne pourrait être plus détaillé.",
    ],
    "high": [
        "Merci pour la rapidité, intervention le lendemain !",
        "Agent très aimable au téléphone et problème réglé rapidement.",
        "Très satisfaite, j'ai pu suivre ma demande en ligne à chaque étape.",
        "Service efficace, merci aux équipes de terrain.",
        "Rien à redire, c'est ce qu'on attend d'un service public.",
        "Réponse précise et personnalisée, merci.",
    ],
}
SURVEY_COMMENT_SHARE = {"low": 0.9, "mid": 0.5, "high": 0.35}
# What supervisors write when they close a follow-up after calling the citizen back.
FOLLOW_UP_NOTES = [
    "Usager rappelé : nouvelle intervention programmée, il sera prévenu de la date.",
    "Appel à l'usagère, excuses pour le délai ; la demande a été rouverte et confiée à l'équipe.",
    "Rappelé : le problème venait d'un autre gestionnaire (Département), coordonnées transmises.",
    "Échange téléphonique, explications données sur la procédure ; l'usager est satisfait de l'appel.",
]
