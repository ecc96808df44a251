"""What the requests of Voirie (roads, lighting, trees) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
}
