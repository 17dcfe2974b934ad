# Messages of the default theme in English (keys: see fr.ftl, the reference catalogue).

## Dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }

## Markdown
table-label = Table

## Languages
languages-label = Languages
translation-of = This page is translated from the original in
translated-on = translated on { $date }

## Breadcrumbs and generated pages
home = Home
find-help = Find help
title-recherche = Search
title-plan-du-site = Site map
title-accessibilite = Accessibility
title-mentions-legales = Legal notice
title-donnees-personnelles = Personal data
title-404 = Page not found

## The orientation path, /trouver/
trouver-unknown-where = I don't know where
trouver-unknown-why = I don't know why
trouver-unknown-home = I don't know where I live
trouver-where-question = Where did it happen?
trouver-where-hint = Choose the place or the part of your life where you were treated worse than others.
trouver-why-question = Why, in your opinion?
trouver-why-hint = Choose the reason why you were treated worse. The most common reasons are at the top.
trouver-home-question = Where do you live?
trouver-home-hint = We show you the people who can help you near where you live.

## Every page (base.html)
feed-title = { $site }: what's new
skip-links = Quick access
skip-to-content = Skip to content
skip-to-search = Skip to search
search-label = Search the guide
search-button = Search
main-menu = Main menu
breadcrumbs = Breadcrumb
footer-accessibility = Accessibility: { $status }
footer-feed = Follow what's new (Atom feed)
display-legend = Display
display-system = Like my device
display-light = Light
display-dark = Dark
privacy-note = This site sets no cookies and does not track its visitors.
