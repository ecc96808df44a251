"""What the requests of Urbanisme (planning) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
}
