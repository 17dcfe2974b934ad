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

## Shared by several templates
updated-on = حُدّثت في
next-time = المرة القادمة:
add-to-calendar = إضافة إلى تقويمي (ملف .ics)
add-to-calendar-of = : { $title }
months = { $count ->
    [1] شهر واحد
    [2] شهران
    [few] { $count } أشهر
    [many] { $count } شهرًا
   *[other] { $count } شهر
}
list-separator = {"؛ "}
pages-count = { $count ->
    [0] لا صفحات
    [1] صفحة واحدة
    [2] صفحتان
    [few] { $count } صفحات
   *[other] { $count } صفحة
}

## 404.html
not-found-text = لا توجد أي صفحة من الدليل بهذا العنوان. ربما تغيّر العنوان.
not-found-home = العودة إلى الصفحة الرئيسية للدليل
not-found-trouver = اعرف حقوقك واعثر على المساعدة، ببضعة أسئلة
not-found-sitemap = الاطلاع على خريطة الموقع

## accessibilite.html
a11y-title = بيان إمكانية الوصول
a11y-default-publisher = ناشر هذا الدليل
a11y-commitment = يلتزم { $publisher } بجعل موقعه الإلكتروني قابلًا للوصول، وفقًا للمادة 47 من القانون رقم 2005-102 الصادر في 11 فبراير 2005.
a11y-strategy = ولهذا الغرض، يطبّق الاستراتيجية والإجراءات المبيّنة في <a href="#schema-pluriannuel">الخطة المتعددة السنوات لإمكانية الوصول</a>.
a11y-scope = ينطبق بيان إمكانية الوصول هذا على الموقع «{ $site }» ({ $url }).
a11y-conformance = حالة المطابقة
a11y-conformance-total = الموقع «{ $site }» <strong>مطابق كليًا</strong> للمرجع العام لتحسين إمكانية الوصول (RGAA)، الإصدار 4.1.
a11y-conformance-partial = الموقع «{ $site }» <strong>مطابق جزئيًا</strong> للمرجع العام لتحسين إمكانية الوصول (RGAA)، الإصدار 4.1، بسبب حالات عدم المطابقة والاستثناءات المذكورة أدناه.
a11y-conformance-none = الموقع «{ $site }» <strong>غير مطابق</strong> للمرجع العام لتحسين إمكانية الوصول (RGAA)، الإصدار 4.1.
a11y-conformance-none-listed = حالات عدم المطابقة والاستثناءات مذكورة أدناه.
a11y-not-audited = لم يخضع الموقع بعد لأي تدقيق.
a11y-results = نتائج الاختبارات
a11y-rate-dated = يُظهر تدقيق المطابقة الذي أُجري في { $date } أن <strong>{ $rate }%</strong> من معايير RGAA الإصدار 4.1 مستوفاة.
a11y-rate = يُظهر تدقيق المطابقة أن <strong>{ $rate }%</strong> من معايير RGAA الإصدار 4.1 مستوفاة.
a11y-no-audit = لم يُجرَ أي تدقيق للمطابقة حتى الآن.
a11y-automatic-checks = إضافة إلى ذلك، يُفحص كل إصدار من الموقع آليًا، في جميع الصفحات، قبل نشره (انظر الأدوات المستخدمة أدناه). لا تحلّ هذه الفحوص محل التدقيق: فهي لا تشمل إلا جزءًا من المعايير.
a11y-inaccessible = محتويات غير قابلة للوصول
a11y-inaccessible-intro = المحتويات المذكورة أدناه غير قابلة للوصول للأسباب التالية.
a11y-non-conformities = حالات عدم المطابقة
a11y-non-conformities-none = لم تُسجَّل أي حالة عدم مطابقة.
a11y-non-conformities-unknown = لا تُعرف حتى اليوم أي حالة عدم مطابقة. ستُستكمل القائمة بعد التدقيق.
a11y-derogations = استثناءات بسبب عبء غير متناسب
a11y-derogations-none = لا يُطلب أي استثناء.
a11y-exempt = محتويات غير خاضعة لالتزام إمكانية الوصول
a11y-exempt-none = لا يوجد أي محتوى مُعلن أنه خارج نطاق هذا الالتزام.
a11y-establishment = إعداد بيان إمكانية الوصول هذا
a11y-updated = حُدّث هذا البيان في { $date }.
a11y-updated-audit = حُدّث هذا البيان في { $date }، استنادًا إلى التدقيق الذي أُجري في { $audit }.
a11y-technologies = التقنيات المستخدمة في إنجاز الموقع
a11y-javascript = JavaScript، فقط للبحث ولاختيار العرض الفاتح أو الداكن. تعمل جميع الوظائف الأخرى من دون JavaScript.
a11y-tools = أدوات تقييم إمكانية الوصول
a11y-tool-axe = axe-core، في متصفح Chromium، على جميع الصفحات، بالعرض الفاتح وبالعرض الداكن؛
a11y-tool-nu = مدقق HTML من W3C (Nu Html Checker)، على جميع الصفحات؛
a11y-tool-keyboard = تصفح آلي بلوحة المفاتيح، بعرض 320 بكسل ومن دون JavaScript.
a11y-pages = صفحات الموقع التي خضعت للتحقق من المطابقة
a11y-pages-all = تشمل الفحوص الآلية جميع صفحات الموقع، المذكورة في <a href="{ $sitemap }">خريطة الموقع</a>.
a11y-feedback = الملاحظات والتواصل
a11y-feedback-intro = إذا لم تتمكن من الوصول إلى محتوى أو خدمة، يمكنك التواصل معنا لنوجّهك إلى بديل قابل للوصول أو لتحصل على المحتوى بشكل آخر.
a11y-by-email = بالبريد الإلكتروني:
a11y-by-form = عبر <a href="{ $url }">استمارة التواصل الخاصة بإمكانية الوصول</a>
a11y-by-post = بالبريد:
a11y-no-contact = لم تُدرج بيانات التواصل بعد.
a11y-remedies = سُبل التظلّم
a11y-remedies-when = تُستخدم هذه الإجراءات في الحالة التالية: أبلغتنا بخلل في إمكانية الوصول يمنعك من الوصول إلى محتوى أو خدمة في الموقع، ولم تحصل على رد مُرضٍ.
a11y-remedies-then = يمكنك عندئذ اللجوء إلى Défenseur des droits (المدافع عن الحقوق):
a11y-remedy-form = بكتابة رسالة عبر <a href="https://formulaire.defenseurdesdroits.fr/" hreflang="fr">الاستمارة الإلكترونية لـ Défenseur des droits</a> (بالفرنسية)؛
a11y-remedy-delegate = بالتواصل مع مندوب Défenseur des droits في منطقتك؛
a11y-remedy-post = بإرسال رسالة بالبريد (مجانًا، من دون طابع بريدي): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
a11y-plan = الخطة المتعددة السنوات لإمكانية الوصول
a11y-plan-read = قراءة الخطة المتعددة السنوات لإمكانية الوصول وخطة عمل هذه السنة
a11y-plan-none = لم تُنشر الخطة المتعددة السنوات بعد.

## agenda.html
agenda-add-all = إضافة كل المواعيد إلى تقويمي (ملف .ics)
agenda-upcoming = المواعيد القادمة
agenda-none = لا توجد أي فعالية مقررة حاليًا.
agenda-calendar = التقويم
agenda-calendar-intro = هذا الشهر والأشهر القادمة التي تُقام فيها فعالية. اليوم: { $today }. الفعالية التي تمتد عدة أيام مكتوبة في يومها الأول.
agenda-month-empty = { $month }: لا توجد فعاليات
agenda-past = الفعاليات السابقة

## contact.html and the contact cards (macros.html)
contact-dissolved = هذه الهيئة لم تعد موجودة.
contact-successor-before = للحصول على المساعدة، توجّه إلى
contact-successor-after = ، وهي الجهة التي تولّت مهامها.
contact-details = بيانات التواصل
contact-phone = الهاتف:
contact-email = البريد الإلكتروني:
contact-address = العنوان:
contact-website = الموقع الإلكتروني:
contact-vcard = حفظ جهة الاتصال هذه (ملف vCard)
contact-vcard-successor = احفظ بدلًا من ذلك بيانات الهيئة التي حلّت محلها: { $title } (ملف vCard)
hours = مواعيد العمل
hours-days = الأيام
hours-open = الفتح
hours-close = الإغلاق
contact-helps-with = يمكن لهذه الجهة مساعدتك في
contact-dissolved-status = هيئة مُنحلّة
contact-card-successor = : انتقلت مهامها إلى

## convention.html
convention-status-on = الوضع في { $date }:
convention-parties = الأطراف
convention-signatory = ، بتمثيل من { $name }
convention-dates = التواريخ والمدة
convention-signed = تاريخ التوقيع
convention-effective = سارية منذ
convention-duration = المدة
convention-renewal = التجديد
convention-renewal-tacit = { $count ->
    [1] ضمني، لفترات مدة كل منها شهر واحد
    [2] ضمني، لفترات مدة كل منها شهران
    [few] ضمني، لفترات مدة كل منها { $count } أشهر
    [many] ضمني، لفترات مدة كل منها { $count } شهرًا
   *[other] ضمني، لفترات مدة كل منها { $count } شهر
}
convention-renewal-none = لا يوجد
convention-notice = مهلة الإشعار لإنهائها
convention-notice-months = { $count ->
    [1] شهر واحد قبل نهاية الفترة
    [2] شهران قبل نهاية الفترة
    [few] { $count } أشهر قبل نهاية الفترة
    [many] { $count } شهرًا قبل نهاية الفترة
   *[other] { $count } شهر قبل نهاية الفترة
}
convention-period-end = نهاية الفترة الحالية
convention-notice-deadline = آخر يوم لتقديم الإشعار بالإنهاء
convention-notice-passed = : انقضى هذا التاريخ
convention-notice-passed-renewed = : انقضى هذا التاريخ، وستُجدَّد الاتفاقية في { $date }
convention-next-renewal = التجديد القادم
convention-no-effective = تاريخ بدء السريان غير مكتوب في النص: تُحسب الفترات ابتداءً من تاريخ التوقيع. قد تكون التواريخ الفعلية متأخرة قليلًا.
convention-no-dates = تاريخا التوقيع وبدء السريان غير معروفين: لا يمكن حساب وضع هذه الاتفاقية.
convention-document = قراءة النص الموقّع للاتفاقية

## conventions.html
conventions-computed = الوضع محسوب في { $date }.
conventions-open-data = البيانات المفتوحة:
conventions-json = الاتفاقيات بصيغة JSON
conventions-csv = الاتفاقيات بصيغة CSV
conventions-find = البحث عن اتفاقية
conventions-by-status-label = حسب الوضع:
conventions-by-party-label = حسب الشريك:
conventions-by-territory-label = حسب الإقليم:
conventions-by-status = الاتفاقيات حسب الوضع
conventions-all = الاتفاقيات
conventions-timeline = الخط الزمني
conventions-timeline-caption = فترات كل اتفاقية (يشير الخط العمودي إلى { $date }؛ وباللون الفاتح، فترات التجديد)
conventions-periods = فترات الاتفاقيات
conventions-col-convention = الاتفاقية
conventions-col-start = البداية
conventions-col-renewals = التجديدات
conventions-col-status = الوضع
conventions-no-limit = بلا حد زمني
conventions-by-party = الاتفاقيات حسب الشريك
conventions-by-territory = الاتفاقيات حسب الإقليم
conventions-territory-all = الدليل كله للإقليم «{ $name }»

## donnees-personnelles.html
privacy-intro = البحث عن معلومات حول حقوقك يجب ألا يعرّضك للخطر. صُمّم هذا الموقع كي لا يعرف عنك شيئًا.
privacy-cookies = لا يضع <strong>أي ملفات تعريف ارتباط</strong>، لا لقياس الجمهور ولا للإعلانات.
privacy-tracking = لا يحتوي على <strong>أي أداة تتبع</strong> ولا يحمّل أي شيء من موقع آخر: لا خطوط، ولا مقاطع فيديو، ولا أزرار شبكات اجتماعية.
privacy-search = يجري البحث <strong>في متصفحك</strong>: الكلمات التي تكتبها لا تُرسل إلى أحد ولا تُحفظ.
privacy-display = اختيارك للعرض (فاتح أو داكن) يُحفظ في متصفحك فقط.
privacy-logs = مثل أي خادم ويب، قد يحتفظ المستضيف لمدة محدودة بسجلات تقنية (عنوان IP، الصفحة المطلوبة) من أجل أمن الخدمة.
privacy-host = المستضيف: { $host }.

## event.html
event-when = متى
event-where = أين
event-organisers = المنظِّمون
event-website = البرنامج والمعلومات على موقع المنظِّم

## home.html
home-what-happened = ماذا حدث لك؟
home-orientation = أجب عن بضعة أسئلة بسيطة: يعرض لك الدليل حقوقك والأشخاص الذين يمكنهم مساعدتك.
home-orientation-button = إيجاد حقوقي والمساعدة
home-in-this-guide = في هذا الدليل
home-upcoming = المواعيد القادمة
home-other-pages = صفحات أخرى

## macros.html: terms, easy-read links, figures
terms-criteria = الأسباب
terms-domains = المجالات
terms-territories = الأقاليم
easy-read = اقرأ هذه الصفحة بلغة سهلة القراءة والفهم: { $title }
easy-read-of = اقرأ النسخة الكاملة من هذه الصفحة: { $title }
figure-table = { $title }: الأرقام
figure-period = الفترة
figure-value = القيمة
figure-source = المصدر:

## mentions-legales.html
legal-publisher = الناشر
legal-publisher-unknown = لم تُدرج بعد بيانات ناشر الموقع.
legal-director = مدير(ة) النشر
legal-host = الاستضافة
legal-contents = المحتوى
legal-contents-text = تقدّم صفحات هذا الدليل معلومات عامة عن القانون. ولا تغني عن استشارة مختص أو جمعية بشأن وضعك الشخصي.
legal-see-privacy = انظر صفحة <a href="{ $url }">البيانات الشخصية</a>.
legal-see-accessibility = انظر <a href="{ $url }">بيان إمكانية الوصول</a>.

## recherche.html
search-describe = صِف وضعك أو اكتب كلمة
search-needs-javascript = يحتاج البحث إلى JavaScript. من دون JavaScript، يمكنك تصفح <a href="{ $sitemap }">خريطة الموقع</a> و<a href="{ $criteria }">أسباب التمييز</a> و<a href="{ $domains }">مجالات الحياة</a>.

## right.html
right-toc = المحتويات
right-who-can-help = من يمكنه مساعدتي؟
right-all-contacts = انظر قائمة الهيئات التي يمكنها مساعدتك
right-references = النصوص القانونية

## section.html
section-orientation = لا تعرف أي صفحة تقرأ؟ أجب عن بضعة أسئلة
section-subsections = الأقسام
section-pages = صفحات هذا القسم

## term.html ($singular: the name of one element of the list, with its article: "السبب")
term-count = { $count ->
    [0] لا توجد بعد أي صفحة عن هذا { $singular }.
    [1] صفحة واحدة من الدليل تتعلق بهذا { $singular }.
    [2] صفحتان من الدليل تتعلقان بهذا { $singular }.
    [few] { $count } صفحات من الدليل تتعلق بهذا { $singular }.
   *[other] { $count } صفحة من الدليل تتعلق بهذا { $singular }.
}
term-see-all = انظر جميع عناصر القائمة «{ $taxonomy }»

## trouver.html
question-step = السؤال { $step } من { $steps }
question-description = { $steps ->
    [2] اعرف حقوقك والأشخاص الذين يمكنهم مساعدتك، في سؤالين.
   *[other] اعرف حقوقك والأشخاص الذين يمكنهم مساعدتك، في { $steps } أسئلة.
}
question-unknown = لا أعرف
question-back = العودة إلى السؤال السابق

## trouver-reponse.html
answer-page-title = { $answered }: حقوقك ومن يمكنه مساعدتك
answer-title = حقوقك ومن يمكنه مساعدتك
answer-situation = أجبت: { $situation }.
answer-forbidden = هل يمنع القانون ذلك؟
answer-rights = حقوقك
answer-steps = ماذا تفعل الآن؟
answer-steps-intro = احتفظ بالأدلة (الرسائل، المراسلات، أسماء الشهود) ودوّن التواريخ. تشرح هذه الصفحات الخطوات والمهل:
answer-contacts = من يمكنه مساعدتك؟
answer-national = في كل أنحاء فرنسا
answer-no-contact = لا يعرف الدليل بعد أي جهة اتصال لهذا الوضع. اطّلع على <a href="{ $url }">قائمة جهات الاتصال</a>.
answer-restart = البدء من جديد بإجابات أخرى

## Words that the renderer writes into the template values (dates, statuses, kinds)
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد
weekday-1-abbr = اثنين
weekday-2-abbr = ثلاثاء
weekday-3-abbr = أربعاء
weekday-4-abbr = خميس
weekday-5-abbr = جمعة
weekday-6-abbr = سبت
weekday-7-abbr = أحد
month-year = { $month } { $year }
time-hour = { $hour }:00
time-hour-minutes = { $hour }:{ $minutes }
when-day = يوم { $date }
when-day-at = يوم { $date } في الساعة { $time }
when-day-from-to = يوم { $date }، من الساعة { $from } إلى الساعة { $to }
when-from-to = من { $start } إلى { $end }
when-yearly = { $when }، كل سنة
agenda-until = حتى { $date }
status-a-venir = لم تسرِ بعد
status-en-vigueur = سارية
status-reconduite = مجدَّدة ضمنيًا
status-expiree = منتهية
status-inconnue = وضع غير معروف
conformance-non = غير مطابق
conformance-partiellement = مطابق جزئيًا
conformance-totalement = مطابق كليًا
kind-right = الحقوق
kind-contact = جهات الاتصال
kind-convention = الاتفاقيات
kind-event = الفعاليات
kind-page = الصفحات
taxonomy-criteres = أسباب التمييز
taxonomy-domaines = مجالات الحياة
taxonomy-territoires = الأقاليم
taxonomy-singular-criteres = السبب
taxonomy-singular-domaines = المجال
taxonomy-singular-territoires = الإقليم
answer-no-domain = مكان غير محدد
answer-no-criterion = سبب غير محدد
answer-no-territory = إقليم غير محدد
answer-i-live = أسكن في: { $territory }
verdict-oui = نعم. يمنع القانون معاملة شخص أسوأ من غيره لهذا السبب. هذا تمييز، ويمكنك التحرك.
verdict-travail = يمنع القانون هذا الفرق في المعاملة في العمل (قانون العمل). أما خارج العمل فلا يذكره القانون: اطلب النصيحة من أحد الأشخاص المذكورين أدناه.
verdict-hors-loi = هذا السبب ليس في القائمة التي يحددها القانون. يمكن لأحد الأشخاص المذكورين أدناه أن يخبرك إن كنت محميًا.
verdict-peut-etre = قد يكون هذا تمييزًا. يمنع القانون التمييز لأكثر من عشرين سببًا: الأصل، الجنس، السن، الإعاقة، العنوان، الدين… اقرأ الصفحات أدناه، أو اتصل بأحد الأشخاص في القائمة.

## The search page's script (search.js)

search-js-type-words = اكتب كلمة أو أكثر لبدء البحث.
search-js-searching = جارٍ البحث…
search-js-broken = البحث لا يعمل حاليًا. يمكنك استخدام خريطة الموقع.
search-js-first-shown = {" "}(تُعرض أول {"{"}shown{"}"} نتيجة)
search-js-none = لا توجد نتائج لـ «{"{"}q{"}"}». جرّب كلمة أخرى أو كلمة أبسط.
search-js-one = نتيجة واحدة لـ «{"{"}q{"}"}»{"{"}shown{"}"}.
search-js-many = {"{"}n{"}"} نتائج لـ «{"{"}q{"}"}»{"{"}shown{"}"}.
search-js-maybe = هل تبحث عن:{" "}
search-js-refine = تدقيق البحث
search-js-kind = نوع الصفحة
search-js-criteria = سبب التمييز
search-js-domains = المجال
search-js-upcoming = الفعاليات القادمة فقط
search-js-all = الكل
