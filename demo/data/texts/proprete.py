"""What the requests of Propreté (cleanliness) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
}
