"""What the requests of État civil (civil status, identity papers) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
}
