"""What the requests of Éducation (schools, canteen, after-school care) say and hear, by Open311 service_code.

Keys missing here fall back to the generic texts of the request's kind.
"""

TEXTS = {
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
