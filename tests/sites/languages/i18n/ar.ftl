# Arabic words of the default theme, for the test site: one line for each key of
# themes/default/i18n/fr.ftl.

## Dates
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
date-long = { $day } { $month } { $year }

## Markdown
table-label = جدول

## Languages
languages-label = اللغات
translation-of = هذه الصفحة مترجمة من الصفحة الأصلية باللغة
translated-on = تُرجمت في { $date }

## Breadcrumbs and generated pages
home = الصفحة الرئيسية
find-help = إيجاد المساعدة
title-recherche = البحث
title-plan-du-site = خريطة الموقع
title-accessibilite = إمكانية الوصول
title-mentions-legales = المعلومات القانونية
title-donnees-personnelles = البيانات الشخصية
title-404 = الصفحة غير موجودة

## The orientation path, /trouver/
trouver-unknown-where = لا أعرف أين
trouver-unknown-why = لا أعرف لماذا
trouver-unknown-home = لا أعرف أين أسكن
trouver-where-question = أين حدث ذلك؟
trouver-where-hint = اختر المكان أو الجزء من حياتك الذي عوملت فيه أسوأ من غيرك.
trouver-why-question = لماذا، في رأيك؟
trouver-why-hint = اختر السبب الذي عوملت بسببه أسوأ من غيرك. الأسباب الأكثر شيوعا في الأعلى.
trouver-home-question = أين تسكن؟
trouver-home-hint = نعرض لك الأشخاص الذين يمكنهم مساعدتك قرب مكان سكنك.

## Every page (base.html)
feed-title = { $site }: الجديد
skip-links = وصول سريع
skip-to-content = الانتقال إلى المحتوى
skip-to-search = الانتقال إلى البحث
search-label = البحث في الدليل
search-button = بحث
main-menu = القائمة الرئيسية
breadcrumbs = مسار التنقل
footer-accessibility = إمكانية الوصول: { $status }
footer-feed = متابعة الجديد (موجز Atom)
display-legend = العرض
display-system = مثل جهازي
display-light = فاتح
display-dark = داكن
privacy-note = هذا الموقع لا يضع أي ملفات تعريف الارتباط ولا يتتبع زواره.
