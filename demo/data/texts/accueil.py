"""What the requests of the reception desk (Accueil) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

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
}
