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

## Shared by several templates
updated-on = Updated on
next-time = next time:
add-to-calendar = Add to my calendar (.ics file)
add-to-calendar-of = : { $title }
months = { $count ->
    [1] 1 month
   *[other] { $count } months
}
list-separator = {"; "}
pages-count = { $count ->
    [1] 1 page
   *[other] { $count } pages
}

## 404.html
not-found-text = There is no page of the guide at this address. Maybe the address has changed.
not-found-home = Go back to the home page of the guide
not-found-trouver = Find your rights and help, with a few questions
not-found-sitemap = See the site map

## accessibilite.html: the sections of the official model of the French RGAA accessibility
## statement (numerique.gouv.fr).
a11y-title = Accessibility statement
a11y-default-publisher = The publisher of this guide
a11y-commitment = { $publisher } is committed to making its website accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005.
a11y-strategy = To do this, it follows the strategy and actions described in the <a href="#schema-pluriannuel">multi-year accessibility plan</a>.
a11y-scope = This accessibility statement applies to the website “{ $site }” ({ $url }).
a11y-conformance = Compliance status
a11y-conformance-total = The website “{ $site }” is <strong>fully compliant</strong> with the French accessibility standard RGAA (référentiel général d'amélioration de l'accessibilité), version 4.1.
a11y-conformance-partial = The website “{ $site }” is <strong>partially compliant</strong> with the French accessibility standard RGAA (référentiel général d'amélioration de l'accessibilité), version 4.1, because of the non-compliances and exemptions listed below.
a11y-conformance-none = The website “{ $site }” is <strong>not compliant</strong> with the French accessibility standard RGAA (référentiel général d'amélioration de l'accessibilité), version 4.1.
a11y-conformance-none-listed = The non-compliances and exemptions are listed below.
a11y-not-audited = The website has not been audited yet.
a11y-results = Test results
a11y-rate-dated = The compliance audit made on { $date } shows that <strong>{ $rate } %</strong> of the criteria of RGAA version 4.1 are met.
a11y-rate = The compliance audit shows that <strong>{ $rate } %</strong> of the criteria of RGAA version 4.1 are met.
a11y-no-audit = No compliance audit has been made yet.
a11y-automatic-checks = Also, every version of the website is checked automatically, on every page, before it is published (see the tools used below). These checks do not replace an audit: they cover only part of the criteria.
a11y-inaccessible = Content that is not accessible
a11y-inaccessible-intro = The content listed below is not accessible, for the following reasons.
a11y-non-conformities = Non-compliances
a11y-non-conformities-none = No non-compliance was found.
a11y-non-conformities-unknown = No non-compliance is known today. The list will be completed after the audit.
a11y-derogations = Exemptions for disproportionate burden
a11y-derogations-none = No exemption is requested.
a11y-exempt = Content not covered by the accessibility obligation
a11y-exempt-none = No content is declared outside the scope of the obligation.
a11y-establishment = Preparation of this accessibility statement
a11y-updated = This statement was updated on { $date }.
a11y-updated-audit = This statement was updated on { $date }, based on the audit of { $audit }.
a11y-technologies = Technologies used to make the website
a11y-javascript = JavaScript, only for search and for choosing the light or dark display. All other functions work without JavaScript.
a11y-tools = Tools used to evaluate accessibility
a11y-tool-axe = axe-core, in the Chromium browser, on every page, in light display and in dark display;
a11y-tool-nu = the W3C HTML validator (Nu Html Checker), on every page;
a11y-tool-keyboard = automatic keyboard journeys, at 320 pixels wide and without JavaScript.
a11y-pages = Pages of the website that were checked
a11y-pages-all = The automatic checks cover every page of the website, listed in the <a href="{ $sitemap }">site map</a>.
a11y-feedback = Feedback and contact
a11y-feedback-intro = If you cannot access some content or a service, you can contact us to be directed to an accessible alternative or to get the content in another form.
a11y-by-email = By email:
a11y-by-form = With the <a href="{ $url }">accessibility contact form</a>
a11y-by-post = By post:
a11y-no-contact = The contact details are not filled in yet.
a11y-remedies = How to complain
a11y-remedies-when = Use this procedure in this case: you told us about an accessibility problem that stops you from accessing some content or a service of the website, and you did not get a satisfactory answer.
a11y-remedies-then = You can then contact the Défenseur des droits (the French rights ombudsman):
a11y-remedy-form = by writing a message with the <a href="https://formulaire.defenseurdesdroits.fr/" hreflang="fr">online form of the Défenseur des droits</a> (in French);
a11y-remedy-delegate = by contacting the delegate of the Défenseur des droits in your region;
a11y-remedy-post = by sending a letter by post (free, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
a11y-plan = Multi-year accessibility plan
a11y-plan-read = Read the multi-year accessibility plan and this year's action plan
a11y-plan-none = The multi-year plan is not published yet.

## agenda.html
agenda-add-all = Add the whole agenda to my calendar (.ics file)
agenda-upcoming = Coming up
agenda-none = No event is planned for now.
agenda-calendar = Calendar
agenda-calendar-intro = This month and the next months with an event. Today: { $today }. An event of several days is shown on its first day.
agenda-month-empty = { $month }: no events
agenda-past = Past events

## contact.html and the contact cards (macros.html)
contact-dissolved = This organisation no longer exists.
contact-successor-before = To get help, contact
contact-successor-after = , which took over its work.
contact-details = Contact details
contact-phone = Phone:
contact-email = Email:
contact-address = Address:
contact-website = Website:
contact-vcard = Save this contact (vCard file)
contact-vcard-successor = Save instead the contact of the organisation that replaced it: { $title } (vCard file)
hours = Opening hours
hours-days = Days
hours-open = Opens
hours-close = Closes
contact-helps-with = It can help you with
contact-dissolved-status = Organisation closed
contact-card-successor = : its work is taken over by

## convention.html
convention-status-on = Status on { $date }:
convention-parties = The parties
convention-signatory = , represented by { $name }
convention-dates = Dates and duration
convention-signed = Signed on
convention-effective = In force since
convention-duration = Duration
convention-renewal = Renewal
convention-renewal-tacit = automatic, for periods of { $count } months
convention-renewal-none = none
convention-notice = Notice to end it
convention-notice-months = { $count } months before the end of the period
convention-period-end = End of the current period
convention-notice-deadline = Last day to give notice
convention-notice-passed = : this date has passed
convention-notice-passed-renewed = : this date has passed, the agreement will be renewed on { $date }
convention-next-renewal = Next renewal
convention-no-effective = The text does not say when it comes into force: the periods are counted from the date of signature. The real dates may be a little later.
convention-no-dates = The dates of signature and coming into force are not known: the status of this agreement cannot be calculated.
convention-document = Read the signed text of the agreement

## conventions.html
conventions-computed = Status calculated on { $date }.
conventions-open-data = Open data:
conventions-json = the agreements in JSON format
conventions-csv = the agreements in CSV format
conventions-find = Find an agreement
conventions-by-status-label = By status:
conventions-by-party-label = By partner:
conventions-by-territory-label = By area:
conventions-by-status = The agreements, by status
conventions-all = The agreements
conventions-timeline = Timeline
conventions-timeline-caption = Periods of each agreement (the vertical line marks { $date }; in light colour, the renewal periods)
conventions-periods = Periods of the agreements
conventions-col-convention = Agreement
conventions-col-start = Start
conventions-col-renewals = Renewals
conventions-col-status = Status
conventions-no-limit = no time limit
conventions-by-party = The agreements, by partner
conventions-by-territory = The agreements, by area
conventions-territory-all = The whole guide for the area “{ $name }”

## donnees-personnelles.html
privacy-intro = Looking for information about your rights must not put you at risk. This website is made to know nothing about you.
privacy-cookies = It sets <strong>no cookies</strong>, neither for audience measurement nor for advertising.
privacy-tracking = It contains <strong>no tracking tool</strong> and loads nothing from another website: no fonts, no videos, no social network buttons.
privacy-search = Search happens <strong>in your browser</strong>: the words you type are sent to nobody and are not saved.
privacy-display = Your display choice (light or dark) is kept only in your browser.
privacy-logs = Like every web server, the host may keep technical logs (IP address, page asked for) for a limited time, for the security of the service.
privacy-host = Host: { $host }.

## event.html
event-when = When
event-where = Where
event-organisers = Organised by
event-website = Programme and information on the organiser's website

## home.html
home-what-happened = What happened to you?
home-orientation = Answer a few simple questions: the guide shows you your rights and the people who can help you.
home-orientation-button = Find my rights and help
home-in-this-guide = In this guide
home-upcoming = Next events
home-other-pages = Other pages

## macros.html: terms, easy-read links, figures
terms-criteria = Grounds
terms-domains = Areas of life
terms-territories = Places
easy-read = Read this page in easy-to-read language: { $title }
easy-read-of = Read the full version of this page: { $title }
figure-table = { $title }: the figures
figure-period = Period
figure-value = Value
figure-source = Source:

## mentions-legales.html
legal-publisher = Publisher
legal-publisher-unknown = The publisher of the website is not filled in yet.
legal-director = Publication director
legal-host = Hosting
legal-contents = Content
legal-contents-text = The pages of this guide give general information about the law. They do not replace the advice of a professional or an association for your own situation.
legal-see-privacy = See the page <a href="{ $url }">personal data</a>.
legal-see-accessibility = See the <a href="{ $url }">accessibility statement</a>.

## recherche.html
search-describe = Describe your situation or type a word
search-needs-javascript = Search needs JavaScript. Without JavaScript, you can browse <a href="{ $sitemap }">the site map</a>, <a href="{ $criteria }">the grounds of discrimination</a> and <a href="{ $domains }">the areas of life</a>.

## right.html
right-toc = Contents
right-who-can-help = Who can help me?
right-all-contacts = See the list of organisations that can help you
right-references = Legal texts

## section.html
section-orientation = You don't know which page to read? Answer a few questions
section-subsections = Sections
section-pages = The pages of this section

## term.html ($singular: the name of one element of the list, "ground")
term-count = { $count ->
    [0] No page is about this { $singular } yet.
    [1] 1 page of the guide is about this { $singular }.
   *[other] { $count } pages of the guide are about this { $singular }.
}
term-see-all = See all the items of the list “{ $taxonomy }”

## trouver.html
question-step = Question { $step } of { $steps }
question-description = Find your rights and the people who can help you, in { $steps } questions.
question-unknown = I don't know
question-back = Go back to the previous question

## trouver-reponse.html
answer-page-title = { $answered }: your rights and who can help you
answer-title = Your rights and who can help you
answer-situation = Your answers: { $situation }.
answer-forbidden = Is it against the law?
answer-rights = Your rights
answer-steps = What to do now?
answer-steps-intro = Keep evidence (messages, letters, names of witnesses) and write down the dates. These pages explain the steps and the time limits:
answer-contacts = Who can help you?
answer-national = Anywhere in France
answer-no-contact = The guide does not know a contact for this situation yet. See <a href="{ $url }">the list of contacts</a>.
answer-restart = Start again with other answers

## Words that the renderer writes into the template values (dates, statuses, kinds)
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-1-abbr = Mon
weekday-2-abbr = Tue
weekday-3-abbr = Wed
weekday-4-abbr = Thu
weekday-5-abbr = Fri
weekday-6-abbr = Sat
weekday-7-abbr = Sun
month-year = { $month } { $year }
time-hour = { $hour }:00
time-hour-minutes = { $hour }:{ $minutes }
when-day = on { $date }
when-day-at = on { $date } at { $time }
when-day-from-to = on { $date }, from { $from } to { $to }
when-from-to = from { $start } to { $end }
when-yearly = { $when }, every year
agenda-until = until { $date }
status-a-venir = Not yet in force
status-en-vigueur = In force
status-reconduite = Renewed automatically
status-expiree = Expired
status-inconnue = Status unknown
conformance-non = not compliant
conformance-partiellement = partially compliant
conformance-totalement = fully compliant
kind-right = Rights
kind-contact = Contacts
kind-convention = Agreements
kind-event = Events
kind-page = Pages
taxonomy-criteres = Grounds of discrimination
taxonomy-domaines = Areas of life
taxonomy-territoires = Places
taxonomy-singular-criteres = ground
taxonomy-singular-domaines = area of life
taxonomy-singular-territoires = place
answer-no-domain = Place not given
answer-no-criterion = reason not given
answer-no-territory = area not given
answer-i-live = I live in: { $territory }
verdict-oui = Yes. The law forbids treating a person worse than others for this reason. It is discrimination, and you can act.
verdict-travail = The law forbids this difference at work (Labour Code). Elsewhere, the law does not name it: ask one of the people below for advice.
verdict-hors-loi = This reason is not in the list of the law. One of the people below can tell you if you are protected.
verdict-peut-etre = It may be discrimination. The law forbids it for more than twenty reasons: origin, sex, age, disability, address, religion… Read the pages below, or call one of the people in the list.

## The search page's script (search.js)

search-js-type-words = Type one or more words to search.
search-js-searching = Searching…
search-js-broken = The search does not work at the moment. You can use the site map.
search-js-first-shown = {" "}(the first {"{"}shown{"}"} are shown)
search-js-none = No result for “{"{"}q{"}"}”. Try another word, or a simpler one.
search-js-one = {"{"}n{"}"} result for “{"{"}q{"}"}”{"{"}shown{"}"}.
search-js-many = {"{"}n{"}"} results for “{"{"}q{"}"}”{"{"}shown{"}"}.
search-js-maybe = Are you looking for:{" "}
search-js-refine = Refine the search
search-js-kind = Type of page
search-js-criteria = Discrimination criterion
search-js-domains = Area of life
search-js-upcoming = Upcoming events only
search-js-all = All
