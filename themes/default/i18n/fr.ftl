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
translation-of = Cette page est une traduction de la page en { $language }.
translated-on = Traduite le { $date }.
