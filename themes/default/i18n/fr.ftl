# Messages of the default theme in French: the reference catalogue, whose keys every other
# language of a site must also have (`balise check` says which are missing).
# Syntax: Project Fluent, https://projectfluent.org/fluent/guide/

## Dates
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
# { $day } { $month } { $year }: "1er mai 2027", "17 mai 2027".
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }

## Markdown
# Name of the scrolling region around a wide table, for screen readers.
table-label = Tableau

## Languages
# Name of the language switcher, for screen readers.
languages-label = Langues
# On a translated page: where the original is, and when the translation was made.
translation-of = Cette page est traduite de la page en
translated-on = traduite le { $date }

## Breadcrumbs and generated pages
home = Accueil
find-help = Trouver de l'aide
title-recherche = Rechercher
title-plan-du-site = Plan du site
title-accessibilite = Accessibilité
title-mentions-legales = Mentions légales
title-donnees-personnelles = Données personnelles
title-404 = Page introuvable

## The orientation path, /trouver/
trouver-unknown-where = Je ne sais pas où
trouver-unknown-why = Je ne sais pas pourquoi
trouver-unknown-home = Je ne sais pas où j'habite
trouver-where-question = Où est-ce arrivé ?
trouver-where-hint = Choisissez le lieu ou le moment de votre vie où on vous a traité moins bien que les autres.
trouver-why-question = Pourquoi, à votre avis ?
trouver-why-hint = Choisissez la raison pour laquelle on vous a traité moins bien. Les raisons les plus fréquentes sont en haut.
trouver-home-question = Où habitez-vous ?
trouver-home-hint = Nous vous montrons les personnes qui peuvent vous aider près de chez vous.

## Every page (base.html)
feed-title = { $site } : nouveautés
skip-links = Accès rapide
skip-to-content = Aller au contenu
skip-to-search = Aller à la recherche
search-label = Rechercher dans le guide
search-button = Rechercher
main-menu = Menu principal
breadcrumbs = Fil d'Ariane
footer-accessibility = Accessibilité : { $status }
footer-feed = Suivre les nouveautés (flux Atom)
display-legend = Affichage
display-system = Comme mon appareil
display-light = Clair
display-dark = Sombre
privacy-note = Ce site ne dépose aucun cookie et ne suit pas ses visiteurs.
