"""The commune itself: its services and categories, the extra questions of a few, the Open311 key
of the demo, the town hall's staff and the demo logins, and the counters where citizens book."""

DEMO_PASSWORD = "demo-bourg-2026"  # noqa: S105 — a published demo password, never a real one

# (role, e-mail): one account per role, all with DEMO_PASSWORD. Roles are `accounts.Role` values.
DEMO_LOGINS = [
    ("citizen", "usager@bourg-sur-loire.example"),
    ("agent", "agent@bourg-sur-loire.example"),
    ("supervisor", "superviseur@bourg-sur-loire.example"),
    ("manager", "direction@bourg-sur-loire.example"),
    ("administrator", "admin@bourg-sur-loire.example"),
]
STAFF_DOMAIN = "bourg-sur-loire.example"
CITIZEN_DOMAIN = "example.fr"

# Around the (imaginary) town hall, for the map of reports.
TOWN_CENTRE = (47.412_300, 1.062_800)

SERVICES = [
    {
        "slug": "accueil",
        "name": "Accueil et orientation",
        "is_triage": True,
        "description": "Accueil physique et téléphonique de la mairie ; oriente les demandes vers le bon service.",
    },
    {
        "slug": "voirie",
        "name": "Voirie et espaces publics",
        "description": "Chaussées, trottoirs, éclairage public, arbres et mobilier urbain.",
    },
    {
        "slug": "proprete",
        "name": "Propreté urbaine",
        "description": "Nettoiement des rues, corbeilles, dépôts sauvages et tags.",
    },
    {
        "slug": "tranquillite",
        "name": "Tranquillité publique",
        "description": "Police municipale : stationnement, nuisances, véhicules abandonnés.",
    },
    {
        "slug": "etat-civil",
        "name": "État civil et formalités",
        "description": "Actes d'état civil, passeports et cartes d'identité, mariages, PACS, recensement citoyen.",
    },
    {
        "slug": "urbanisme",
        "name": "Urbanisme",
        "description": "Permis de construire, déclarations préalables, PLU.",
    },
    {
        "slug": "education",
        "name": "Éducation et enfance",
        "description": "Inscriptions scolaires, restauration scolaire, périscolaire et centre de loisirs.",
    },
]

# service slug, Open311 service_code, name, usual kind, SLA in business days, relative volume
CATEGORIES = [
    ("accueil", "question-generale", "Question générale sur les services municipaux", "information", 5, 4),
    ("accueil", "reclamation-accueil", "Réclamation sur l'accueil ou un délai de réponse", "complaint", 10, 2),
    ("accueil", "remerciement", "Remerciement ou compliment", "compliment", 10, 4),
    ("voirie", "nid-de-poule", "Nid-de-poule ou chaussée dégradée", "report", 5, 9),
    ("voirie", "eclairage-public", "Éclairage public en panne", "report", 5, 8),
    ("voirie", "trottoir-accessibilite", "Trottoir dégradé ou obstacle à l'accessibilité", "report", 10, 4),
    ("voirie", "arbre-dangereux", "Arbre dangereux ou branche tombée", "report", 2, 3),
    ("voirie", "suggestion-amenagement", "Suggestion d'aménagement", "suggestion", 20, 5),
    ("proprete", "depot-sauvage", "Dépôt sauvage", "report", 3, 8),
    ("proprete", "tags-graffitis", "Tags et graffitis", "report", 10, 4),
    ("proprete", "corbeille-proprete", "Corbeille pleine ou rue sale", "report", 3, 4),
    ("tranquillite", "nuisances-sonores", "Nuisances sonores", "report", 5, 5),
    ("tranquillite", "stationnement-genant", "Stationnement gênant", "report", 2, 5),
    ("tranquillite", "vehicule-ventouse", "Véhicule abandonné (voiture ventouse)", "report", 10, 2),
    ("etat-civil", "acte-naissance", "Acte de naissance : information", "information", 3, 4),
    ("etat-civil", "passeport-cni", "Passeport et carte d'identité : rendez-vous", "information", 5, 5),
    ("etat-civil", "mariage-pacs", "Mariage et PACS", "information", 10, 2),
    ("etat-civil", "recensement-citoyen", "Recensement citoyen à 16 ans", "information", 5, 2),
    ("urbanisme", "permis-construire", "Question sur un permis de construire", "information", 15, 3),
    ("urbanisme", "declaration-prealable", "Déclaration préalable de travaux", "information", 15, 3),
    ("urbanisme", "consultation-plu", "Consultation du PLU et règles d'urbanisme", "information", 10, 2),
    ("education", "inscription-scolaire", "Inscription scolaire", "information", 10, 4),
    ("education", "restauration-scolaire", "Cantine : menus, allergies et PAI", "information", 5, 3),
    ("education", "facturation-cantine", "Réclamation sur la facturation de la cantine", "complaint", 10, 4),
    ("education", "periscolaire", "Accueil périscolaire et centre de loisirs", "information", 5, 3),
]

# Categories whose reports the Open311 list publishes: problems on the public domain. Never the
# complaints, questions or personal matters; nor the neighbourhood reports (noise, parking, an
# abandoned car), which point at people (a neighbour, a number plate).
PUBLIC_CATEGORIES = frozenset(
    {
        "nid-de-poule",
        "eclairage-public",
        "trottoir-accessibilite",
        "arbre-dangereux",
        "depot-sauvage",
        "tags-graffitis",
        "corbeille-proprete",
    }
)

# Extra questions of a few categories (web form and Open311 attributes), by Open311 service_code:
# (code, question, help text, datatype, required, values as (key, name) pairs).
CATEGORY_QUESTIONS = {
    "nid-de-poule": [
        ("profondeur", "Profondeur approximative du trou (en cm)", "Une estimation suffit.", "number", True, []),
        (
            "genes",
            "Qui est gêné ?",
            "",
            "multivaluelist",
            False,
            [("pietons", "Piétons"), ("cyclistes", "Cyclistes"), ("automobilistes", "Automobilistes")],
        ),
    ],
    "eclairage-public": [
        (
            "etat",
            "Le lampadaire est…",
            "",
            "singlevaluelist",
            True,
            [("eteint", "Éteint"), ("clignote", "Clignotant"), ("allume-jour", "Allumé en plein jour")],
        ),
        (
            "numero",
            "Numéro inscrit sur le poteau",
            "Facultatif : une plaque porte souvent un numéro, il aide l'équipe à le retrouver.",
            "string",
            False,
            [],
        ),
    ],
    "depot-sauvage": [
        (
            "nature",
            "Qu'est-ce qui a été déposé ?",
            "",
            "multivaluelist",
            True,
            [
                ("encombrants", "Meubles, encombrants"),
                ("gravats", "Gravats"),
                ("vegetaux", "Déchets verts"),
                ("electromenager", "Électroménager"),
                ("sacs", "Sacs d'ordures"),
            ],
        ),
        ("constate", "Constaté le", "Date et heure où vous l'avez vu.", "datetime", False, []),
    ],
}

# The Open311 key of the demo (published: it only works on the demo database). It may file
# reports in the categories of these services.
DEMO_OPEN311_KEY = "rc_demo_open311_bourg_2026_key"
DEMO_OPEN311_KEY_NAME = "Application de signalement (démo)"
DEMO_OPEN311_SERVICES = ["voirie", "proprete", "tranquillite"]

# The staff of the town hall besides the demo accounts: first name, last name, role, services.
# The demo supervisor leads Accueil, Voirie, Propreté and Tranquillité; the others lead one.
DEMO_STAFF = {
    "agent@bourg-sur-loire.example": ("Julien", "Mercier", "agent", ["voirie", "proprete"]),
    "superviseur@bourg-sur-loire.example": (
        "Nathalie",
        "Garnier",
        "supervisor",
        ["accueil", "voirie", "proprete", "tranquillite"],
    ),
    "direction@bourg-sur-loire.example": ("Philippe", "Rousseau", "manager", []),
    "admin@bourg-sur-loire.example": ("Sandrine", "Lambert", "administrator", []),
}
DEMO_CITIZEN = ("Claire", "Fontaine")
STAFF = [
    ("Isabelle", "Perrin", "agent", ["accueil"]),
    ("Karim", "Benali", "agent", ["accueil"]),
    ("Sébastien", "Roux", "agent", ["voirie"]),
    ("Laurent", "Fabre", "agent", ["voirie"]),
    ("Mélanie", "Chevalier", "agent", ["proprete"]),
    ("David", "Barbier", "agent", ["proprete"]),
    ("Yannick", "Morel", "agent", ["tranquillite"]),
    ("Sophie", "Girard", "agent", ["tranquillite"]),
    ("Véronique", "Blanc", "supervisor", ["etat-civil"]),
    ("Amandine", "Guérin", "agent", ["etat-civil"]),
    ("Nicolas", "Faure", "agent", ["etat-civil", "accueil"]),
    ("François", "Mathieu", "supervisor", ["urbanisme"]),
    ("Élodie", "Renaud", "agent", ["urbanisme"]),
    ("Christine", "Lucas", "supervisor", ["education"]),
    ("Samira", "Haddad", "agent", ["education"]),
    ("Olivier", "Brunet", "agent", ["education"]),
]

# Counters where citizens book appointments: (service slug, name, where, opening half-hours).
COUNTERS = [
    ("etat-civil", "Guichet État civil", "Hôtel de ville, rez-de-chaussée, 1 place de la Mairie", 2),
    ("urbanisme", "Permanence Urbanisme", "Centre technique municipal, 14 rue des Tanneurs", 1),
]
# Local opening hours of the counters, as (hour, minute) of each half-hour slot's start.
COUNTER_SLOT_STARTS = [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (11, 30), (14, 0), (14, 30), (15, 0), (15, 30)]
COUNTER_DAYS_AHEAD = 20
