"""What each kind of request says and hears when its category has nothing more specific,
and the lines of the stories that belong to no category (triage, silence, reopenings)."""

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
