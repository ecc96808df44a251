"""The fictional commune of the demo: its services, categories, people and the words they write.

Everything here is invented: Bourg-sur-Loire, its streets, its staff and its residents. E-mail
addresses use the reserved `.example` domain or `example.fr`, phone numbers come from the ranges
the ARCEP keeps for fiction (02 61 91 xx xx, 06 39 98 xx xx). `manage.py seed_demo` reads this
module; the README and the browser tests read `DEMO_LOGINS` and `DEMO_PASSWORD`.

Texts may use these placeholders, filled per ticket: {street}, {num}, {place}, {of_place} (the
same place after "de": "du square…", "de la médiathèque"), {school}, {child}, and in answers
{where}: "devant le 12 rue…" when the request named a street, else "près du square…".
Public replies are written without greeting or signature: the command adds both.
"""

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

# fmt: off
FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Pauline", "Marine", "Laura",
    "Émilie", "Aurélie", "Céline", "Nadia", "Fatima", "Monique", "Françoise", "Martine",
    "Jacqueline", "Sylvie", "Catherine", "Anne", "Hélène", "Agnès", "Yasmine", "Lucie", "Margaux",
    "Thomas", "Lucas", "Hugo", "Maxime", "Antoine", "Alexandre", "Romain", "Kévin", "Mehdi",
    "Julien", "Guillaume", "Jérôme", "Stéphane", "Christophe", "Pascal", "Patrick", "Bernard",
    "Michel", "Alain", "Gérard", "Jean-Pierre", "Jean-Luc", "Marc", "Didier", "Éric", "Bruno",
    "Rachid", "Mamadou", "Thierry", "Vincent", "Benoît", "Arnaud", "Quentin",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
    "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
    "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen",
    "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Benhamou", "Rivière", "Lemoine", "Carpentier",
    "Brun", "Marchand", "Diallo", "Tessier", "Hoarau",
]

STREETS = [
    "rue des Tanneurs", "avenue de la Loire", "rue du Moulin-Neuf", "quai des Mariniers",
    "place du Marché-aux-Grains", "rue des Écoles", "allée des Tilleuls",
    "chemin de la Croix-Verte", "rue de la Levée", "boulevard des Coteaux", "impasse des Vignes",
    "rue Saint-Éloi", "avenue du Val-Fleuri", "rue des Pêcheurs", "rue du Port-Vieux",
    "place de la Halle", "rue des Jardins-Ouvriers", "allée des Peupliers", "rue de la Gare",
    "route de Saint-Aubin", "rue des Charmilles", "avenue des Varennes", "rue du Lavoir",
    "rue Haute",
]
PLACES = [
    "le square des Mariniers", "le parking de la salle des fêtes", "le city-stade des Coteaux",
    "la médiathèque", "le gymnase des Varennes", "le cimetière de la Levée", "le marché couvert",
    "l'aire de jeux du parc de la Roseraie", "l'arrêt de bus Place de la Halle",
    "le parking de la gare", "les bords de Loire, près de la guinguette", "le collège des Coteaux",
]
# Each starts with "l'école" so that "à {school}" and "de {school}" read right.
SCHOOLS = [
    "l'école maternelle des Tilleuls", "l'école élémentaire du Port-Vieux",
    "l'école primaire des Coteaux", "l'école maternelle de la Roseraie",
]
CHILDREN = [
    "Léo", "Emma", "Jules", "Inès", "Nathan", "Lina", "Gabriel", "Chloé", "Adam", "Louise", "Noah",
    "Jade", "Sacha", "Rose",
]
# fmt: on

# What each kind of request says and hears when a category has nothing more specific.
GENERIC = {
    "report": {
        "notes": [
            "Passage sur place effectué : le signalement est confirmé, intervention à programmer.",
            "Vu avec le chef d'équipe : on regroupe avec les autres interventions du secteur la semaine prochaine.",
            "Photos prises sur place et ajoutées au dossier de l'équipe terrain.",
            "Secteur déjà signalé le mois dernier, voir si une solution plus durable est possible.",
        ],
        "replies": [
            "Nous avons bien reçu votre signalement et l'avons transmis à l'équipe terrain. "
            "Un agent passera sur place dans les prochains jours pour évaluer l'intervention.",
            "Merci pour votre signalement. Une intervention est programmée ; nous vous tiendrons "
            "informé(e) dès qu'elle aura été réalisée.",
        ],
        "questions": [
            "Pourriez-vous nous préciser l'emplacement exact (numéro de la maison la plus proche, "
            "côté de la rue) ? Notre équipe n'a pas trouvé le problème à l'adresse indiquée.",
            "Pourriez-vous nous envoyer une photo ? Cela aidera l'équipe à préparer le bon matériel.",
        ],
        "answers": [
            "C'est bien {where}, juste à côté du passage piéton.",
            "Je vous envoie une photo prise ce matin. C'est à une dizaine de mètres après le "
            "croisement, en venant du centre.",
            "Bonjour, c'est {where}, à hauteur du portail vert.",
        ],
        "resolutions": [
            "L'intervention a été réalisée ce jour par nos équipes. Merci pour votre signalement, "
            "qui nous aide à entretenir l'espace public.",
            "Le problème que vous avez signalé a été traité. N'hésitez pas à nous recontacter s'il se reproduisait.",
        ],
        "rejections": [
            "Après vérification, l'emplacement signalé se trouve sur une propriété privée : "
            "l'intervention revient au propriétaire. Nous lui avons adressé un courrier.",
            "Ce problème ne relève pas de la compétence de la commune mais de la Communauté de "
            "communes Val-de-Loire, à qui nous avons transmis votre signalement.",
        ],
        "reopen": [
            "Le problème est réapparu depuis votre intervention, pouvez-vous repasser ?",
            "L'intervention n'a été faite qu'à moitié : le reste est toujours là.",
        ],
    },
    "information": {
        "notes": [
            "Usager rappelé : il souhaitait surtout connaître les délais.",
            "Demande classique, réponse type envoyée avec le lien vers la démarche en ligne.",
            "Vérifier le dossier papier avant de répondre, il y a peut-être déjà un échange.",
        ],
        "replies": [
            "Nous avons bien reçu votre demande et vérifions les éléments de votre dossier. Nous "
            "revenons vers vous très prochainement.",
        ],
        "questions": [
            "Pour vous répondre précisément, pourriez-vous nous indiquer vos nom, prénom et date "
            "de naissance, ainsi que la date de votre précédent échange avec nos services ?",
        ],
        "answers": [
            "Bonjour, voici les informations demandées. Je reste joignable par téléphone si besoin.",
            "Merci de votre retour, je vous transmets les éléments ci-dessous. Bonne journée.",
        ],
        "resolutions": [
            "Vous trouverez toutes les informations sur le site de la mairie, rubrique « Démarches ». "
            "Nos agents restent à votre disposition à l'accueil du lundi au vendredi, de 8 h 30 à "
            "12 h et de 13 h 30 à 17 h 30.",
        ],
        "rejections": [
            "Cette démarche ne relève pas de la mairie : nous vous invitons à vous adresser "
            "directement à l'organisme concerné, dont vous trouverez les coordonnées sur "
            "service-public.fr.",
        ],
        "reopen": [
            "Votre réponse ne correspond pas tout à fait à ma question, pouvez-vous la reprendre ?",
        ],
    },
    "complaint": {
        "notes": [
            "Réclamation à traiter en priorité : l'usager a déjà relancé deux fois.",
            "Historique vérifié : le premier signalement n'avait pas été affecté, erreur de notre côté.",
            "Réponse à faire valider par la responsable de service avant envoi.",
        ],
        "replies": [
            "Nous avons bien reçu votre réclamation et la prenons très au sérieux. Nous "
            "reprenons l'historique de votre dossier et vous répondons sous dix jours ouvrés.",
        ],
        "questions": [
            "Afin d'instruire votre réclamation, pourriez-vous nous communiquer la référence de "
            "votre précédente demande ou la date de votre signalement ?",
        ],
        "answers": [
            "Bonjour, ma première demande date de début du mois, je l'avais faite par téléphone.",
            "La référence est indiquée sur l'accusé de réception que j'avais reçu, je vous la copie ici.",
        ],
        "resolutions": [
            "Nous vous présentons nos excuses pour ce délai. Votre demande initiale a été traitée "
            "et nous avons revu notre organisation pour que ce type de retard ne se reproduise pas.",
        ],
        "rejections": [
            "Après examen de votre dossier, nous ne pouvons pas donner une suite favorable à votre "
            "réclamation : la procédure a été appliquée conformément au règlement. Vous pouvez "
            "saisir le médiateur de la commune si vous le souhaitez.",
        ],
        "reopen": [
            "Je ne suis pas satisfait(e) de cette réponse, rien n'a changé sur place.",
        ],
    },
    "suggestion": {
        "notes": [
            "Suggestion à présenter à la prochaine commission travaux.",
            "Idée déjà évoquée en conseil de quartier, à rapprocher de leur demande.",
        ],
        "replies": [
            "Merci pour votre suggestion. Elle sera étudiée par la commission compétente, qui se "
            "réunit chaque trimestre ; nous vous informerons de la suite donnée.",
        ],
        "questions": [
            "Votre proposition nous intéresse : pourriez-vous préciser l'emplacement que vous envisagez ?",
        ],
        "answers": [
            "Je pensais à l'entrée de la rue, là où le trottoir est le plus large.",
        ],
        "resolutions": [
            "Votre suggestion a été présentée en commission : elle est retenue et sera inscrite "
            "au budget de l'an prochain. Merci pour votre participation à la vie de la commune.",
            "Votre proposition a été étudiée avec attention. Elle ne peut pas être retenue cette "
            "année pour des raisons budgétaires, mais elle est conservée pour le prochain plan "
            "pluriannuel d'investissement.",
        ],
        "rejections": [
            "Après étude, cette proposition n'est pas compatible avec les règles de sécurité "
            "routière applicables à cette voie.",
        ],
        "reopen": [
            "Pouvez-vous me dire où en est l'étude de ma proposition ?",
        ],
    },
    "compliment": {
        "notes": ["Message transmis à l'équipe concernée, qui l'a beaucoup apprécié."],
        "replies": [
            "Merci beaucoup pour votre message. Nous l'avons transmis à l'équipe concernée.",
        ],
        "questions": [
            "Merci pour votre message ! Pourriez-vous nous préciser de quelle équipe il s'agit, "
            "pour que nous le lui transmettions ?",
        ],
        "answers": ["C'était l'équipe des espaces verts, mardi dernier vers 10 h."],
        "resolutions": [
            "Merci pour votre message chaleureux, que nous avons transmis aux agents concernés. "
            "Ce type de retour compte beaucoup pour les équipes.",
        ],
        "rejections": [],
        "reopen": [],
    },
}

# What each category adds or overrides; keys missing here fall back to GENERIC[kind].
TEXTS = {
    "question-generale": {
        "requests": [
            (
                "Horaires de la mairie pendant les vacances",
                "Bonjour, la mairie est-elle ouverte le samedi matin pendant les vacances scolaires ? "
                "Je dois venir déposer un dossier.",
            ),
            (
                "Location de la salle des fêtes",
                "Bonjour, je souhaiterais louer la salle des fêtes pour un anniversaire au printemps. "
                "Quels sont les tarifs pour les habitants de la commune et comment réserver ?",
            ),
            (
                "Inscription sur les listes électorales",
                "Nous venons d'emménager {street}. Comment nous inscrire sur les listes électorales "
                "de Bourg-sur-Loire ?",
            ),
            (
                "Attestation d'accueil pour un proche",
                "Ma sœur doit venir me rendre visite depuis le Sénégal cet été. Comment faire une "
                "attestation d'accueil et quels documents fournir ?",
            ),
            (
                "Demande de rendez-vous avec un élu",
                "Bonjour, je souhaiterais rencontrer l'adjoint chargé de la vie associative pour "
                "présenter notre projet de jardin partagé. Comment obtenir un rendez-vous ?",
            ),
        ],
        "resolutions": [
            "La mairie est ouverte du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h 30, "
            "et le samedi de 9 h à 12 h hors vacances scolaires d'été. Vous pouvez aussi faire "
            "la plupart des démarches en ligne sur le site de la commune.",
            "La salle des fêtes se loue 180 € le week-end pour les habitants (caution de 500 €). "
            "Les réservations se font à l'accueil, au moins deux mois à l'avance ; le calendrier "
            "des disponibilités est consultable sur le site de la mairie.",
            "L'inscription se fait en ligne sur service-public.fr, ou à l'accueil avec une pièce "
            "d'identité et un justificatif de domicile de moins de trois mois.",
            "L'attestation d'accueil se demande à l'accueil de la mairie, sur rendez-vous, avec "
            "votre pièce d'identité, un justificatif de domicile, votre titre de propriété ou "
            "bail, et un timbre fiscal de 30 €.",
        ],
    },
    "reclamation-accueil": {
        "requests": [
            (
                "Aucune réponse à mon courrier",
                "Madame, Monsieur, j'ai adressé un courrier au maire il y a maintenant six semaines "
                "concernant l'état du chemin derrière chez moi et je n'ai reçu aucune réponse, pas "
                "même un accusé de réception. Je trouve cela inadmissible.",
            ),
            (
                "Attente trop longue au téléphone",
                "J'ai essayé de joindre la mairie trois fois cette semaine, à chaque fois plus de "
                "vingt minutes d'attente avant que la ligne coupe. Ce n'est pas normal.",
            ),
            (
                "Accueil désagréable au guichet",
                "Je suis venu(e) mardi matin pour un renseignement et j'ai été reçu(e) de façon très "
                "sèche, sans qu'on prenne le temps de m'expliquer. Je tenais à le signaler.",
            ),
        ],
        "resolutions": [
            "Nous vous présentons nos excuses. Votre courrier avait été mal orienté à son arrivée ; "
            "il a été transmis au service voirie, qui vous répondra directement cette semaine. "
            "Nous avons revu notre circuit d'enregistrement du courrier.",
            "Nous sommes désolés pour cette attente. Un nouveau standard avec file d'attente et "
            "rappel automatique est en place depuis lundi ; vous pouvez aussi nous écrire via le "
            "formulaire en ligne.",
            "Nous regrettons l'accueil que vous avez reçu et en avons parlé avec l'équipe. "
            "Nous restons à votre disposition pour répondre à votre question.",
        ],
    },
    "remerciement": {
        "requests": [
            (
                "Merci pour la réparation rapide",
                "Je voulais simplement remercier les agents qui ont réparé le lampadaire devant chez "
                "moi, {street}, en moins de deux jours. Bravo !",
            ),
            (
                "Bravo pour le fleurissement",
                "Les massifs {of_place} sont magnifiques cette année. Merci aux jardiniers de la "
                "commune pour leur travail.",
            ),
            (
                "Merci à l'agent d'accueil",
                "Un grand merci à l'agent de l'accueil qui m'a aidé(e) à remplir mon dossier de "
                "carte d'identité avec beaucoup de patience.",
            ),
            (
                "Félicitations pour la fête de la Loire",
                "Très belle organisation de la fête de la Loire, tout était parfait. Merci aux "
                "services techniques et aux bénévoles !",
            ),
        ],
    },
    "nid-de-poule": {
        "requests": [
            (
                "Nid-de-poule dangereux {street}",
                "Bonjour,\nUn nid-de-poule d'une vingtaine de centimètres s'est formé devant le {num} "
                "{street}. Plusieurs voitures ont déjà tapé dedans et c'est dangereux pour les "
                "cyclistes, surtout la nuit.\nMerci d'intervenir rapidement.",
            ),
            (
                "Chaussée défoncée au carrefour {street}",
                "La chaussée est très abîmée au niveau du carrefour, à hauteur du {num} {street}. "
                "Après les dernières pluies les trous se sont agrandis et l'eau stagne.",
            ),
            (
                "Trou dans la route près {of_place}",
                "Bonjour, il y a un trou profond sur la route qui longe {place}. Mon fils a failli "
                "tomber à vélo en rentrant du collège. Pouvez-vous le reboucher ?",
            ),
            (
                "Affaissement de la chaussée {street}",
                "Un affaissement de la chaussée est apparu devant le {num} {street}, juste au-dessus "
                "d'une plaque d'égout. Le bitume se fissure de plus en plus.",
            ),
        ],
        "notes": [
            "Passage de l'équipe : trou d'environ 15 cm de profondeur, balisé avec deux cônes. "
            "Rebouchage à l'enrobé à froid prévu dans la semaine.",
            "Portion à inscrire au programme de réfection de l'été, le rebouchage ne tiendra pas longtemps.",
            "Intervention programmée avec l'équipe de Sébastien jeudi matin.",
        ],
        "replies": [
            "Votre signalement a bien été transmis à l'équipe voirie. Un agent passera sur place "
            "dans les prochains jours ; le secteur a été balisé en attendant la réparation.",
        ],
        "resolutions": [
            "Le nid-de-poule signalé {where} a été rebouché ce matin par nos équipes. Une "
            "réfection plus durable de la chaussée est inscrite au programme de travaux de l'été. "
            "Merci pour votre signalement.",
            "Nos équipes sont intervenues : la chaussée a été reprise sur environ deux mètres carrés {where}.",
        ],
        "rejections": [
            "Cette portion est une route départementale (RD 952) : son entretien relève du "
            "Conseil départemental, à qui nous avons transmis votre signalement.",
            "Cette voie est privée (lotissement des Grands Champs) : son entretien revient à "
            "l'association syndicale des colotis, que nous avons informée.",
        ],
        "reopen": [
            "Le trou s'est rouvert après les pluies de ce week-end, il est même plus grand qu'avant.",
        ],
    },
    "eclairage-public": {
        "requests": [
            (
                "Lampadaire éteint {street}",
                "Bonjour, le lampadaire situé devant le {num} {street} ne s'allume plus depuis une "
                "semaine. La rue est très sombre le soir, ce n'est pas rassurant.",
            ),
            (
                "Toute la rue sans éclairage",
                "Depuis lundi, aucun lampadaire de la {street} ne fonctionne. Les enfants rentrent "
                "à pied de l'arrêt de bus dans le noir complet.",
            ),
            (
                "Lampadaire qui clignote près {of_place}",
                "Un lampadaire clignote en permanence près {of_place}, c'est très gênant pour les "
                "riverains et ça doit consommer pour rien.",
            ),
            (
                "Éclairage allumé en pleine journée",
                "Les lampadaires de la {street} restent allumés toute la journée depuis plusieurs jours.",
            ),
        ],
        "notes": [
            "Ticket ouvert chez le prestataire d'éclairage public (contrat de maintenance), "
            "intervention sous 5 jours ouvrés.",
            "Panne d'armoire de commande : toute la rue est concernée, le prestataire passe jeudi.",
            "Lanterne à remplacer, commande passée.",
        ],
        "replies": [
            "Votre signalement a été transmis à notre prestataire de maintenance de l'éclairage "
            "public, qui intervient habituellement sous cinq jours ouvrés.",
        ],
        "resolutions": [
            "Le prestataire est intervenu : la lampe du candélabre {where} a été "
            "remplacée et l'éclairage fonctionne de nouveau.",
            "L'armoire de commande de l'éclairage du secteur a été réparée ; tous les "
            "lampadaires fonctionnent à nouveau.",
        ],
        "rejections": [
            "Ce lampadaire appartient à la résidence et non au réseau communal : nous avons "
            "prévenu le syndic de copropriété.",
            "Pour rappel, l'éclairage public est éteint de 23 h à 5 h dans ce quartier, par "
            "décision du conseil municipal (sobriété énergétique) : il ne s'agit pas d'une panne.",
        ],
        "reopen": ["Le lampadaire est de nouveau éteint depuis hier soir."],
    },
    "trottoir-accessibilite": {
        "requests": [
            (
                "Trottoir impraticable en fauteuil {street}",
                "Je me déplace en fauteuil roulant et le trottoir de la {street} est impraticable : "
                "dalles soulevées par les racines au niveau du {num}. Je dois passer sur la route.",
            ),
            (
                "Bordure cassée {street}",
                "Une bordure de trottoir est cassée devant le {num} {street}, des morceaux de béton "
                "traînent sur le passage.",
            ),
            (
                "Poussette impossible à passer",
                "Les poubelles et un panneau de chantier bloquent tout le trottoir près {of_place}. "
                "Impossible de passer avec une poussette.",
            ),
        ],
        "resolutions": [
            "Les dalles soulevées ont été reprises et le cheminement est de nouveau accessible. "
            "Merci de nous avoir signalé ce point important pour l'accessibilité.",
            "La bordure a été remplacée et les gravats évacués.",
        ],
    },
    "arbre-dangereux": {
        "requests": [
            (
                "Grosse branche menaçante {street}",
                "Suite au coup de vent de cette nuit, une grosse branche du platane devant le {num} "
                "{street} pend au-dessus du trottoir. Elle risque de tomber sur quelqu'un !",
            ),
            (
                "Arbre tombé sur le chemin près {of_place}",
                "Un arbre est tombé en travers du chemin près {of_place}, le passage est bloqué.",
            ),
            (
                "Arbre penché dangereux",
                "Le peuplier au bout de la {street} penche de plus en plus vers les maisons, je crains "
                "qu'il tombe à la prochaine tempête.",
            ),
        ],
        "notes": [
            "Zone sécurisée par barrières en attendant l'élagueur.",
            "Diagnostic demandé au technicien arboriste : l'arbre est creux à la base.",
        ],
        "replies": [
            "Merci pour ce signalement. Une équipe s'est rendue sur place et a sécurisé la zone ; "
            "l'élagage sera réalisé dans les meilleurs délais.",
        ],
        "resolutions": [
            "La branche dangereuse a été coupée et évacuée par nos équipes des espaces verts.",
            "Le technicien arboriste a diagnostiqué l'arbre : il a été abattu par mesure de "
            "sécurité et sera remplacé par une nouvelle plantation cet hiver.",
        ],
        "rejections": [
            "L'arbre se trouve dans une propriété privée : nous avons adressé un courrier au "
            "propriétaire pour lui rappeler son obligation d'élagage.",
        ],
    },
    "suggestion-amenagement": {
        "requests": [
            (
                "Proposition : un passage piéton devant {school}",
                "Il n'y a pas de passage piéton devant {school} et les parents traversent au milieu "
                "des voitures le matin. Serait-il possible d'en créer un ?",
            ),
            (
                "Idée : des bancs {street}",
                "Beaucoup de personnes âgées remontent la {street} à pied depuis le marché. Quelques "
                "bancs seraient les bienvenus.",
            ),
            (
                "Piste cyclable vers la gare",
                "Bonjour, je vais au travail à vélo et il manque vraiment une piste cyclable entre "
                "le centre-ville et la gare. L'avenue de la Loire est très large, ne pourrait-on "
                "pas en aménager une ?",
            ),
            (
                "Ralentisseur {street}",
                "Les voitures roulent beaucoup trop vite dans la {street}. Je propose l'installation "
                "d'un ralentisseur ou d'un radar pédagogique.",
            ),
        ],
    },
    "depot-sauvage": {
        "requests": [
            (
                "Dépôt sauvage {street}",
                "Des sacs-poubelle et un vieux matelas ont été déposés sur le trottoir devant le "
                "{num} {street}. Ça attire les rats.",
            ),
            (
                "Gravats abandonnés près {of_place}",
                "Quelqu'un a vidé une remorque de gravats et de plaques de plâtre près {of_place}. "
                "Il y en a au moins un mètre cube.",
            ),
            (
                "Encombrants au pied des conteneurs",
                "Les conteneurs de tri de la {street} sont entourés d'encombrants : canapé, cartons, "
                "électroménager. C'est comme ça depuis le week-end.",
            ),
            (
                "Pneus abandonnés dans le fossé",
                "Une dizaine de pneus usagés ont été jetés dans le fossé de la route de Saint-Aubin, "
                "à la sortie de la commune.",
            ),
        ],
        "notes": [
            "Enlèvement programmé avec la benne demain matin.",
            "Courrier trouvé dans les sacs avec une adresse : transmis à la police municipale pour verbalisation.",
            "Point noir récurrent : proposer une caméra nomade au prochain comité de sécurité.",
        ],
        "replies": [
            "Votre signalement a été transmis à l'équipe propreté, qui procédera à l'enlèvement "
            "dans les prochains jours.",
        ],
        "resolutions": [
            "Le dépôt a été enlevé ce matin par l'équipe propreté. Pour rappel, les encombrants "
            "sont collectés gratuitement sur rendez-vous et la déchèterie est ouverte du mardi "
            "au samedi.",
            "Les déchets ont été évacués. Des éléments permettant d'identifier l'auteur ont été "
            "transmis à la police municipale.",
        ],
        "rejections": [
            "Le dépôt se trouve sur un terrain privé : nous avons mis en demeure le propriétaire de le faire enlever.",
        ],
        "reopen": ["De nouveaux sacs ont été déposés au même endroit dès le lendemain."],
    },
    "tags-graffitis": {
        "requests": [
            (
                "Tags sur le mur {street}",
                "Des tags ont été faits cette nuit sur le mur du {num} {street}. Est-ce que la "
                "commune peut les effacer ?",
            ),
            (
                "Graffitis près {of_place}",
                "Plusieurs graffitis injurieux ont été peints près {of_place}. Les enfants passent "
                "devant tous les jours.",
            ),
            ("Tags sur l'abribus", "L'abribus de la {street} est couvert de tags depuis une semaine."),
        ],
        "notes": [
            "Nettoyage haute pression prévu ; pour la façade privée, faire signer l'autorisation "
            "d'intervention au propriétaire.",
            "Tags injurieux : intervention prioritaire.",
        ],
        "questions": [
            "La façade concernée est privée : pour que nos équipes puissent intervenir "
            "gratuitement, pourriez-vous nous retourner l'autorisation d'intervention signée par "
            "le propriétaire (formulaire disponible sur le site de la mairie) ?",
        ],
        "answers": [
            "Je suis le propriétaire, je vous renvoie l'autorisation signée en pièce jointe.",
            "C'est un immeuble en copropriété, j'ai transmis votre demande au syndic qui devrait vous répondre.",
        ],
        "resolutions": [
            "Les tags ont été effacés par l'équipe propreté. Ce service est gratuit pour les "
            "façades visibles depuis la voie publique.",
        ],
    },
    "corbeille-proprete": {
        "requests": [
            (
                "Corbeilles pleines près {of_place}",
                "Les corbeilles près {of_place} débordent depuis plusieurs jours, les déchets s'envolent partout.",
            ),
            (
                "Rue très sale après le marché",
                "Après le marché du samedi, la {street} reste très sale jusqu'au lundi : cagettes, "
                "papiers, restes de fruits.",
            ),
            (
                "Déjections canines {street}",
                "Le trottoir de la {street} est couvert de déjections canines. Serait-il possible "
                "d'installer un distributeur de sacs ?",
            ),
        ],
        "resolutions": [
            "Les corbeilles ont été vidées et la fréquence de passage a été augmentée sur ce "
            "secteur pendant la période estivale.",
            "Le nettoyage a été effectué. Un passage de la balayeuse est désormais prévu le samedi en fin de marché.",
        ],
    },
    "nuisances-sonores": {
        "requests": [
            (
                "Bruit tous les soirs {street}",
                "Depuis plusieurs semaines, un groupe de jeunes se réunit le soir près {of_place} "
                "avec de la musique très forte jusqu'à 2 h du matin.",
            ),
            (
                "Aboiements incessants",
                "Le chien des voisins au {num} {street} aboie toute la journée quand ils sont "
                "absents. J'ai essayé d'en parler avec eux, sans résultat.",
            ),
            (
                "Chantier bruyant le dimanche",
                "Un chantier au {num} {street} démarre tous les jours à 7 h, y compris le dimanche. Est-ce autorisé ?",
            ),
        ],
        "notes": [
            "Patrouille prévue vendredi et samedi soir sur le secteur.",
            "Rappel à la réglementation fait au propriétaire du chien, courrier envoyé.",
        ],
        "replies": [
            "Votre signalement a été transmis à la police municipale, qui renforcera ses passages "
            "en soirée sur ce secteur.",
        ],
        "resolutions": [
            "La police municipale est passée à plusieurs reprises et a procédé à un rappel à la "
            "loi. Si les nuisances reprennent, n'hésitez pas à appeler le 17 en dehors de nos "
            "horaires de patrouille.",
            "Le responsable du chantier a été rappelé à l'arrêté municipal : les travaux bruyants "
            "sont interdits le dimanche et les jours fériés, et avant 8 h en semaine.",
        ],
        "rejections": [
            "Il s'agit d'un différend de voisinage qui relève d'une conciliation : nous vous "
            "invitons à prendre rendez-vous avec le conciliateur de justice, présent en mairie "
            "le premier mardi du mois.",
        ],
    },
    "stationnement-genant": {
        "requests": [
            (
                "Voiture garée sur le trottoir {street}",
                "Une voiture est garée tous les jours sur le trottoir devant le {num} {street}. "
                "Les piétons doivent marcher sur la chaussée.",
            ),
            (
                "Sortie de garage bloquée",
                "Ma sortie de garage au {num} {street} est encore bloquée par un véhicule. "
                "Je ne peux pas sortir pour aller travailler.",
            ),
            (
                "Stationnement sur la place handicapé",
                "Des véhicules sans macaron se garent régulièrement sur la place réservée devant {place}.",
            ),
        ],
        "resolutions": [
            "Une patrouille de la police municipale est passée et a verbalisé le véhicule en "
            "infraction. Des contrôles réguliers sont prévus sur ce secteur.",
        ],
    },
    "vehicule-ventouse": {
        "requests": [
            (
                "Voiture abandonnée {street}",
                "Une voiture grise sans plaque avant est stationnée depuis plus d'un mois devant le "
                "{num} {street}. Les pneus sont crevés.",
            ),
            (
                "Camionnette ventouse près {of_place}",
                "Une camionnette blanche ne bouge plus depuis trois semaines près {of_place}.",
            ),
        ],
        "resolutions": [
            "Le véhicule a fait l'objet d'une procédure de mise en fourrière après constat de "
            "la police municipale ; il a été enlevé ce matin.",
        ],
    },
    "acte-naissance": {
        "requests": [
            (
                "Demande de copie intégrale d'acte de naissance",
                "Bonjour, je suis né(e) à Bourg-sur-Loire et j'ai besoin d'une copie intégrale de "
                "mon acte de naissance pour un dossier de mariage. Comment faire ?",
            ),
            (
                "Acte de naissance pour ma fille",
                "Je dois fournir un extrait d'acte de naissance avec filiation pour la carte "
                "d'identité de ma fille, née à la maternité de Bourg-sur-Loire. Quels sont les "
                "délais ?",
            ),
            (
                "Erreur dans un acte de naissance",
                "Il y a une erreur d'orthographe dans mon deuxième prénom sur mon acte de naissance. "
                "Comment la faire rectifier ?",
            ),
        ],
        "questions": [
            "Pour retrouver l'acte, pourriez-vous nous indiquer la date de naissance ainsi que "
            "les noms et prénoms des parents ?",
        ],
        "answers": [
            "Bien sûr : naissance le 14 mars 1987, parents Jean Moreau et Marie Lefort. Je vous "
            "mets le livret de famille en pièce jointe.",
            "La date de naissance est le 2 septembre 2015, je vous ai envoyé le livret de famille scanné.",
        ],
        "resolutions": [
            "La copie intégrale de votre acte de naissance vous a été envoyée par courrier ce "
            "jour. Vous pouvez aussi faire cette demande en ligne sur service-public.fr, c'est "
            "gratuit.",
            "Les extraits d'acte de naissance sont délivrés gratuitement sous trois jours ouvrés. "
            "L'extrait demandé a été envoyé à l'adresse indiquée.",
            "Pour une erreur matérielle, la rectification se fait auprès du procureur de la "
            "République ; nous avons transmis votre demande et vous recevrez l'acte rectifié.",
        ],
        "rejections": [
            "Votre naissance n'a pas été enregistrée à Bourg-sur-Loire mais à la mairie de la "
            "commune de naissance : c'est à elle qu'il faut adresser la demande.",
        ],
    },
    "passeport-cni": {
        "requests": [
            (
                "Rendez-vous pour une carte d'identité",
                "Bonjour, je voudrais prendre rendez-vous pour renouveler ma carte d'identité. Les "
                "créneaux en ligne sont complets jusqu'à dans deux mois, y a-t-il une autre "
                "solution ?",
            ),
            (
                "Passeport urgent pour un voyage",
                "Je pars à l'étranger pour raisons professionnelles dans trois semaines et mon "
                "passeport est périmé. Est-il possible d'avoir un rendez-vous en urgence ?",
            ),
            (
                "Documents pour le passeport d'un mineur",
                "Quels documents faut-il apporter pour le premier passeport de mon fils {child}, qui a 8 ans ?",
            ),
            (
                "Retrait de carte d'identité",
                "J'ai reçu un SMS indiquant que ma carte d'identité est disponible. Faut-il prendre "
                "rendez-vous pour la retirer ?",
            ),
        ],
        "notes": [
            "Créneau d'urgence proposé le jeudi matin (annulation).",
            "Vérifier la pré-demande ANTS avant le rendez-vous.",
        ],
        "questions": [
            "Pour vous proposer un créneau adapté, pourriez-vous nous transmettre votre numéro "
            "de pré-demande ANTS et un justificatif de votre déplacement (billet, convocation) ?",
        ],
        "answers": [
            "Voici mon numéro de pré-demande et l'ordre de mission de mon employeur.",
            "J'ai fait la pré-demande hier soir, je vous transmets le récapitulatif.",
        ],
        "resolutions": [
            "Un rendez-vous vous est réservé le mardi à 10 h 15 au service état civil. Pensez à "
            "apporter votre pré-demande ANTS, une photo d'identité de moins de six mois, un "
            "justificatif de domicile et l'ancien titre.",
            "Les titres se retirent sans rendez-vous aux heures d'ouverture, dans un délai de "
            "trois mois. Le titulaire doit être présent (à partir de 12 ans pour les mineurs).",
            "Pour un premier passeport de mineur : pré-demande ANTS, photo, justificatif de "
            "domicile, pièce d'identité du parent, copie intégrale d'acte de naissance si "
            "l'enfant n'a pas de carte d'identité, et timbre fiscal de 17 €.",
        ],
    },
    "mariage-pacs": {
        "requests": [
            (
                "Dossier de mariage",
                "Nous souhaitons nous marier à Bourg-sur-Loire l'été prochain. Quelles sont les "
                "pièces à fournir et quel est le délai pour déposer le dossier ?",
            ),
            (
                "Enregistrement d'un PACS",
                "Bonjour, nous voudrions nous pacser. Faut-il prendre rendez-vous en mairie ?",
            ),
        ],
        "resolutions": [
            "Le dossier de mariage est à déposer au moins deux mois avant la date souhaitée. La "
            "liste des pièces (actes de naissance de moins de trois mois, justificatifs de "
            "domicile, pièces d'identité des témoins) est disponible sur le site de la mairie ; "
            "un rendez-vous vous sera proposé pour l'audition.",
            "L'enregistrement du PACS se fait sur rendez-vous au service état civil, après dépôt "
            "de la convention et des pièces justificatives. Nous vous avons proposé un créneau "
            "par e-mail.",
        ],
    },
    "recensement-citoyen": {
        "requests": [
            (
                "Recensement de mon fils",
                "Mon fils {child} vient d'avoir 16 ans. Comment faire son recensement citoyen ?",
            ),
            (
                "Attestation de recensement perdue",
                "J'ai perdu mon attestation de recensement et j'en ai besoin pour m'inscrire au "
                "permis de conduire. Pouvez-vous m'en délivrer une copie ?",
            ),
        ],
        "resolutions": [
            "Le recensement peut se faire en ligne sur service-public.fr ou en mairie, avec la "
            "carte d'identité et le livret de famille. L'attestation est remise immédiatement.",
            "La mairie ne délivre pas de duplicata : vous pouvez demander une attestation de "
            "situation administrative sur le site majdc.fr. Nous avons confirmé votre "
            "recensement au centre du service national.",
        ],
    },
    "permis-construire": {
        "requests": [
            (
                "Délai d'instruction de mon permis",
                "J'ai déposé un permis de construire pour une maison individuelle {street} il y a "
                "deux mois. Où en est l'instruction ?",
            ),
            (
                "Permis pour une extension",
                "Nous souhaitons agrandir notre maison de 35 m². Faut-il un permis de construire "
                "ou une déclaration préalable suffit-elle ?",
            ),
            (
                "Affichage du permis de construire",
                "Mon voisin au {num} {street} a commencé des travaux importants sans panneau "
                "d'affichage. A-t-il un permis ?",
            ),
        ],
        "notes": [
            "Dossier incomplet : pièce PCMI 4 manquante, demande de pièces envoyée.",
            "Consultation de l'architecte des Bâtiments de France en cours (périmètre de "
            "l'église Saint-Éloi) : délai majoré d'un mois.",
        ],
        "questions": [
            "Pour retrouver votre dossier, pourriez-vous nous communiquer son numéro "
            "(PC 041 000 …) et la date de dépôt ?",
        ],
        "answers": [
            "Le numéro figure sur le récépissé, je vous le recopie : PC 041 000 26 0012.",
            "Déposé en mairie le 3 du mois dernier, je n'ai pas le numéro sous la main mais "
            "c'est au nom de mon épouse.",
        ],
        "resolutions": [
            "Votre dossier est complet et en cours d'instruction ; le délai de droit commun est "
            "de deux mois pour une maison individuelle, majoré d'un mois en périmètre protégé. "
            "La décision vous sera notifiée par courrier recommandé.",
            "Au-delà de 20 m² en zone urbaine du PLU (40 m² sous conditions), un permis de "
            "construire est nécessaire ; en dessous, une déclaration préalable suffit. Le service "
            "urbanisme vous reçoit sur rendez-vous pour regarder votre projet.",
            "Une autorisation a bien été délivrée pour ces travaux ; nous avons rappelé au "
            "bénéficiaire son obligation d'affichage sur le terrain.",
        ],
    },
    "declaration-prealable": {
        "requests": [
            (
                "Déclaration pour une clôture",
                "Je souhaite remplacer ma haie par une clôture de 1,80 m. Dois-je déposer une déclaration préalable ?",
            ),
            (
                "Panneaux solaires sur le toit",
                "Nous voulons installer des panneaux photovoltaïques sur notre toiture {street}. "
                "Quelle démarche faut-il faire ?",
            ),
            (
                "Changement de fenêtres",
                "Est-ce qu'il faut une autorisation pour remplacer les fenêtres en bois par du PVC "
                "dans le centre ancien ?",
            ),
        ],
        "resolutions": [
            "Oui, une déclaration préalable est nécessaire : les clôtures sont soumises à "
            "déclaration sur l'ensemble de la commune. Le règlement du PLU limite leur hauteur "
            "à 1,60 m en limite de voie.",
            "L'installation de panneaux solaires en toiture est soumise à déclaration préalable "
            "(formulaire Cerfa 13703). Vous pouvez la déposer en ligne sur le guichet numérique "
            "des autorisations d'urbanisme.",
            "En secteur protégé, le changement de menuiseries est soumis à déclaration préalable "
            "et à l'avis de l'architecte des Bâtiments de France, qui demande en général des "
            "menuiseries en bois.",
        ],
    },
    "consultation-plu": {
        "requests": [
            (
                "Constructibilité d'un terrain",
                "Nous envisageons d'acheter un terrain route de Saint-Aubin. Est-il constructible d'après le PLU ?",
            ),
            (
                "Modification du PLU",
                "J'ai lu qu'une modification du PLU est en cours. Comment consulter le projet et donner mon avis ?",
            ),
        ],
        "resolutions": [
            "Le terrain est classé en zone agricole (A) au PLU : les constructions nouvelles y "
            "sont très limitées. Vous pouvez demander un certificat d'urbanisme pour une réponse "
            "officielle.",
            "Le dossier de modification est consultable en mairie et en ligne pendant l'enquête "
            "publique ; un registre est à votre disposition pour vos observations.",
        ],
    },
    "inscription-scolaire": {
        "requests": [
            (
                "Inscription en petite section",
                "Bonjour, nous souhaitons inscrire notre fille {child} en petite section à la rentrée "
                "prochaine. Comment procéder ?",
            ),
            (
                "Dérogation de secteur scolaire",
                "Nous habitons {street} et notre fils devrait aller à {school}, mais je travaille "
                "à l'autre bout de la commune, près de la gare. Est-il possible d'obtenir une "
                "dérogation ?",
            ),
            (
                "Inscription après un déménagement",
                "Nous venons d'arriver à Bourg-sur-Loire en cours d'année. Comment inscrire nos deux "
                "enfants à l'école ?",
            ),
        ],
        "questions": [
            "Pour finaliser l'inscription, pourriez-vous nous transmettre un justificatif de "
            "domicile de moins de trois mois et la page du carnet de santé avec les vaccinations ?",
        ],
        "answers": [
            "Voici le justificatif de domicile (facture d'électricité) et les pages de vaccination.",
            "Je vous envoie les documents demandés, désolé(e) pour le retard.",
        ],
        "resolutions": [
            "L'inscription est enregistrée : votre enfant est affecté(e) à {school}. Le certificat "
            "d'inscription vous a été envoyé ; il vous reste à prendre rendez-vous avec la "
            "directrice pour l'admission.",
            "Votre demande de dérogation a été examinée par la commission du mois : elle est "
            "acceptée dans la limite des places disponibles.",
        ],
        "rejections": [
            "La commission de dérogation n'a pas pu donner une suite favorable à votre demande : "
            "l'école demandée est complète au niveau concerné. Votre enfant reste inscrit(e) "
            "dans son école de secteur.",
        ],
    },
    "restauration-scolaire": {
        "requests": [
            (
                "Allergie alimentaire de mon enfant",
                "Mon fils {child} est allergique à l'arachide. Comment mettre en place un PAI pour "
                "la cantine de {school} ?",
            ),
            ("Menus de la cantine", "Où peut-on consulter les menus de la cantine ? Y a-t-il un repas végétarien ?"),
            (
                "Inscription à la cantine en cours d'année",
                "Je reprends le travail le mois prochain, comment inscrire ma fille à la cantine ?",
            ),
        ],
        "resolutions": [
            "Le PAI est établi avec le médecin scolaire ; une fois signé, le prestataire prépare "
            "un panier repas adapté ou vous fournissez le repas. Le formulaire est à retirer "
            "auprès de la directrice de l'école.",
            "Les menus sont publiés chaque mois sur le portail famille. Un repas végétarien est "
            "servi chaque semaine et une alternative sans viande est proposée tous les jours.",
            "L'inscription se fait sur le portail famille, au plus tard le jeudi pour la semaine suivante.",
        ],
    },
    "facturation-cantine": {
        "requests": [
            (
                "Erreur sur la facture de cantine",
                "Bonjour, la facture de cantine du mois dernier compte 18 repas pour {child} alors "
                "qu'il était malade une semaine (certificat médical fourni). Je conteste ce montant.",
            ),
            (
                "Tarif de cantine trop élevé",
                "Notre quotient familial a baissé depuis la naissance de notre troisième enfant mais "
                "le tarif de la cantine n'a pas été revu. Nous payons le tarif maximum.",
            ),
            (
                "Facture reçue deux fois",
                "J'ai reçu deux fois la même facture de restauration scolaire et le prélèvement a été "
                "fait deux fois. Merci de me rembourser.",
            ),
        ],
        "notes": [
            "Vérifié avec la régie : 4 repas à décompter, avoir à émettre.",
            "Quotient familial mis à jour dans le logiciel à partir de l'attestation CAF du mois.",
            "Double prélèvement confirmé par la trésorerie, remboursement demandé.",
        ],
        "questions": [
            "Pour recalculer votre tarif, pourriez-vous nous transmettre votre attestation de "
            "quotient familial CAF récente ?",
        ],
        "answers": [
            "Voici l'attestation CAF du mois dernier.",
            "Je vous ai joint le certificat médical et l'attestation CAF.",
        ],
        "resolutions": [
            "Après vérification, les repas de la période d'absence ont été déduits : un avoir "
            "apparaîtra sur votre prochaine facture. Nous vous prions de nous excuser pour cette "
            "erreur.",
            "Votre tarif a été recalculé à partir de votre nouveau quotient familial, avec effet "
            "rétroactif au mois de votre demande.",
            "Le double prélèvement a été confirmé ; le remboursement vous parviendra sous deux à "
            "trois semaines par la trésorerie.",
        ],
        "rejections": [
            "Après vérification, la facturation est conforme : l'absence n'avait pas été signalée "
            "avant 9 h le jour même, comme le prévoit le règlement de la restauration scolaire.",
        ],
    },
    "periscolaire": {
        "requests": [
            (
                "Places au centre de loisirs",
                "Reste-t-il des places au centre de loisirs pour les vacances de la Toussaint pour {child}, 7 ans ?",
            ),
            ("Horaires de la garderie du soir", "Jusqu'à quelle heure fonctionne la garderie du soir à {school} ?"),
            ("Aide aux devoirs", "Est-ce qu'une aide aux devoirs est proposée après l'école pour les CM1 ?"),
        ],
        "resolutions": [
            "Il reste quelques places : l'inscription se fait sur le portail famille jusqu'au "
            "vendredi précédant les vacances. Tarif selon votre quotient familial.",
            "La garderie du soir fonctionne jusqu'à 18 h 30 dans toutes les écoles de la commune.",
            "Une aide aux devoirs encadrée par les animateurs est proposée le lundi et le jeudi "
            "de 16 h 45 à 17 h 45 ; l'inscription se fait auprès du directeur de l'accueil "
            "périscolaire.",
        ],
    },
}

# A report that comes back as a complaint because nothing happened.
COMPLAINT_FOLLOWUPS = [
    (
        "Réclamation : signalement resté sans suite",
        "Bonjour,\nJ'ai déjà signalé ce problème il y a plusieurs semaines, au {num} {street}, et "
        "rien n'a été fait. Je suis très mécontent(e) de l'absence de réponse.",
    ),
    (
        "Relance — toujours rien de fait {street}",
        "C'est la troisième fois que je vous écris pour le même problème {street}. Quand allez-vous "
        "enfin intervenir ? Je vais saisir le maire directement.",
    ),
    (
        "Réclamation : intervention mal faite",
        "Vos équipes sont passées mais le travail a été bâclé, le problème est toujours là devant le {num} {street}.",
    ),
]
# Requests that arrive without a category and go through the triage service first.
TRIAGE_NOTES = [
    "Réorienté vers le service compétent.",
    "Relève d'un autre service, transmis pour traitement.",
    "Catégorie précisée à l'accueil, transmis au service concerné.",
    "",
]
# When the citizen never answers the question.
SILENT_RESOLUTIONS = [
    "Sans retour de votre part, nous clôturons votre demande. N'hésitez pas à nous recontacter "
    "avec les informations demandées : nous la reprendrons volontiers.",
    "Faute de précisions, nous avons traité votre demande avec les éléments dont nous disposions. "
    "Vous pouvez nous recontacter à tout moment.",
]
# After a reopening, the second and final answer.
SECOND_RESOLUTIONS = [
    "Nos équipes sont repassées et ont repris l'intervention. Merci de nous avoir prévenus, et "
    "toutes nos excuses pour ce désagrément.",
    "Nous avons complété notre réponse et vérifié sur place : tout est désormais en ordre.",
]
SECOND_REPLIES = [
    "Merci pour votre retour. Nous reprenons votre demande et revenons vers vous rapidement.",
]
# When a citizen without e-mail calls back to say it is not fixed: the agent reopens.
CALLBACK_REOPEN_NOTES = [
    "L'usager a rappelé : le problème n'est pas réglé. Dossier rouvert.",
    "Rappel téléphonique de l'usager, l'intervention n'a pas suffi.",
]

# Counters where citizens book appointments: (service slug, name, where, opening half-hours).
COUNTERS = [
    ("etat-civil", "Guichet État civil", "Hôtel de ville, rez-de-chaussée, 1 place de la Mairie", 2),
    ("urbanisme", "Permanence Urbanisme", "Centre technique municipal, 14 rue des Tanneurs", 1),
]
# Local opening hours of the counters, as (hour, minute) of each half-hour slot's start.
COUNTER_SLOT_STARTS = [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (11, 30), (14, 0), (14, 30), (15, 0), (15, 30)]
COUNTER_DAYS_AHEAD = 20

# --- Satisfaction surveys -------------------------------------------------------------------
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


def after_de(noun_phrase: str) -> str:
    """'le square' → 'du square', 'les bords' → 'des bords', 'la médiathèque' → 'de la …'."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if noun_phrase.startswith(article):
            return contracted + noun_phrase.removeprefix(article)
    return "de " + noun_phrase
