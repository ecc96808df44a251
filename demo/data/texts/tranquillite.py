"""What the requests of Tranquillité publique (noise, parking) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
}
