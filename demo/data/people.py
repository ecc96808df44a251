"""The names, streets, places, schools and children of Bourg-sur-Loire (all invented)."""

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


def after_de(noun_phrase: str) -> str:
    """'le square' → 'du square', 'les bords' → 'des bords', 'la médiathèque' → 'de la …'."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if noun_phrase.startswith(article):
            return contracted + noun_phrase.removeprefix(article)
    return "de " + noun_phrase
