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
translation-of = This page is a translation of the page in { $language }.
translated-on = Translated on { $date }.
