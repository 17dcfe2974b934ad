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

## Shared by several templates
updated-on = Mis à jour le
# Before the next date of a repeated event: "(prochaine fois : 3 juin 2027)".
next-time = prochaine fois :
add-to-calendar = Ajouter à mon agenda (fichier .ics)
# Hidden text after "add-to-calendar", for screen readers: which event.
add-to-calendar-of = {" "}: { $title }
months = { $count ->
    [1] 1 mois
   *[other] { $count } mois
}
# Between the answers of the orientation path: "au travail ; handicap".
list-separator = {" ; "}
pages-count = { $count ->
    [0] 0 page
    [1] 1 page
   *[other] { $count } pages
}

## 404.html
not-found-text = Cette adresse ne correspond à aucune page du guide. Elle a peut-être changé.
not-found-home = Revenir à l'accueil du guide
not-found-trouver = Trouver vos droits et de l'aide, en quelques questions
not-found-sitemap = Consulter le plan du site

## accessibilite.html: the sections and wording of the official model of the RGAA
## accessibility statement (numerique.gouv.fr).
a11y-title = Déclaration d'accessibilité
a11y-default-publisher = L'éditeur de ce guide
a11y-commitment = { $publisher } s'engage à rendre son site internet accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
a11y-strategy = À cette fin, il met en œuvre la stratégie et les actions décrites dans le <a href="#schema-pluriannuel">schéma pluriannuel de mise en accessibilité</a>.
a11y-scope = Cette déclaration d'accessibilité s'applique au site « { $site } » ({ $url }).
a11y-conformance = État de conformité
a11y-conformance-total = Le site « { $site } » est <strong>totalement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.
a11y-conformance-partial = Le site « { $site } » est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.
a11y-conformance-none = Le site « { $site } » est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.
a11y-conformance-none-listed = Les non-conformités et les dérogations sont énumérées ci-dessous.
a11y-not-audited = Le site n'a pas encore été audité.
a11y-results = Résultats des tests
a11y-rate-dated = L'audit de conformité réalisé le { $date } révèle que <strong>{ $rate } %</strong> des critères du RGAA version 4.1 sont respectés.
a11y-rate = L'audit de conformité révèle que <strong>{ $rate } %</strong> des critères du RGAA version 4.1 sont respectés.
a11y-no-audit = Aucun audit de conformité n'a encore été réalisé.
a11y-automatic-checks = En plus, chaque version du site est vérifiée automatiquement, sur toutes les pages, avant d'être publiée (voir plus bas les outils utilisés). Ces vérifications ne remplacent pas un audit : elles ne couvrent qu'une partie des critères.
a11y-inaccessible = Contenus non accessibles
a11y-inaccessible-intro = Les contenus listés ci-dessous ne sont pas accessibles pour les raisons suivantes.
a11y-non-conformities = Non-conformités
a11y-non-conformities-none = Aucune non-conformité n'a été relevée.
a11y-non-conformities-unknown = Aucune non-conformité n'est connue à ce jour. La liste sera complétée après l'audit.
a11y-derogations = Dérogations pour charge disproportionnée
a11y-derogations-none = Aucune dérogation n'est demandée.
a11y-exempt = Contenus non soumis à l'obligation d'accessibilité
a11y-exempt-none = Aucun contenu n'est déclaré hors du champ de l'obligation.
a11y-establishment = Établissement de cette déclaration d'accessibilité
a11y-updated = Cette déclaration a été mise à jour le { $date }.
a11y-updated-audit = Cette déclaration a été mise à jour le { $date }, d'après l'audit du { $audit }.
a11y-technologies = Technologies utilisées pour la réalisation du site
a11y-javascript = JavaScript, seulement pour la recherche et le choix de l'affichage clair ou sombre. Toutes les autres fonctions marchent sans JavaScript.
a11y-tools = Outils pour évaluer l'accessibilité
a11y-tool-axe = axe-core, dans le navigateur Chromium, sur toutes les pages, en affichage clair et en affichage sombre ;
a11y-tool-nu = le validateur HTML du W3C (Nu Html Checker), sur toutes les pages ;
a11y-tool-keyboard = des parcours automatiques au clavier, à 320 pixels de large et sans JavaScript.
a11y-pages = Pages du site ayant fait l'objet de la vérification de conformité
a11y-pages-all = Les vérifications automatiques portent sur toutes les pages du site, listées dans le <a href="{ $sitemap }">plan du site</a>.
a11y-feedback = Retour d'information et contact
a11y-feedback-intro = Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez nous contacter pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
a11y-by-email = Par courriel :
a11y-by-form = Par le <a href="{ $url }">formulaire de contact accessibilité</a>
a11y-by-post = Par courrier :
a11y-no-contact = Les coordonnées de contact ne sont pas encore renseignées.
a11y-remedies = Voies de recours
a11y-remedies-when = Cette procédure est à utiliser dans le cas suivant : vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service du site, et vous n'avez pas obtenu de réponse satisfaisante.
a11y-remedies-then = Vous pouvez alors saisir le Défenseur des droits :
a11y-remedy-form = en écrivant un message avec le <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;
a11y-remedy-delegate = en contactant le délégué du Défenseur des droits dans votre région ;
a11y-remedy-post = en envoyant un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
a11y-plan = Schéma pluriannuel de mise en accessibilité
a11y-plan-read = Lire le schéma pluriannuel de mise en accessibilité et le plan d'actions de l'année
a11y-plan-none = Le schéma pluriannuel n'est pas encore publié.

## agenda.html
agenda-add-all = Ajouter tout l'agenda à mon calendrier (fichier .ics)
agenda-upcoming = À venir
agenda-none = Aucun événement n'est prévu pour le moment.
agenda-calendar = Calendrier
agenda-calendar-intro = Ce mois-ci et les prochains mois où un événement a lieu. Aujourd'hui : { $today }. Un événement de plusieurs jours est écrit à son premier jour.
agenda-month-empty = { $month } : aucun événement
agenda-past = Événements passés

## contact.html and the contact cards (macros.html)
contact-dissolved = Cet organisme n'existe plus.
contact-successor-before = Pour être aidé, adressez-vous à
contact-successor-after = , qui a repris ses missions.
contact-details = Coordonnées
contact-phone = Téléphone :
contact-email = Courriel :
contact-address = Adresse :
contact-website = Site web :
contact-vcard = Enregistrer ce contact (fichier vCard)
contact-vcard-successor = Enregistrer plutôt le contact de l'organisme qui l'a remplacé : { $title } (fichier vCard)
hours = Horaires
hours-days = Jours
hours-open = Ouverture
hours-close = Fermeture
contact-helps-with = Il peut vous aider pour
contact-dissolved-status = Organisme dissous
contact-card-successor = {" "}: ses missions sont reprises par

## convention.html
convention-status-on = Situation au { $date } :
convention-parties = Les parties
convention-signatory = , représentée par { $name }
convention-dates = Dates et durée
convention-signed = Signée le
convention-effective = En vigueur depuis le
convention-duration = Durée
convention-renewal = Reconduction
convention-renewal-tacit = tacite, par périodes de { $count } mois
convention-renewal-none = aucune
convention-notice = Préavis pour y mettre fin
convention-notice-months = { $count } mois avant la fin de la période
convention-period-end = Fin de la période en cours
convention-notice-deadline = Dernier jour pour donner congé
convention-notice-passed = {" "}: cette date est passée
convention-notice-passed-renewed = {" "}: cette date est passée, la convention sera reconduite le { $date }
convention-next-renewal = Prochaine reconduction
convention-no-effective = La date d'entrée en vigueur n'est pas écrite dans le texte : les périodes sont comptées à partir de la date de signature. Les vraies dates peuvent être un peu plus tardives.
convention-no-dates = Les dates de signature et d'entrée en vigueur ne sont pas connues : la situation de cette convention ne peut pas être calculée.
convention-document = Lire le texte signé de la convention

## conventions.html
conventions-computed = Situation calculée au { $date }.
conventions-open-data = Données ouvertes :
conventions-json = les conventions au format JSON
conventions-csv = les conventions au format CSV
conventions-find = Trouver une convention
conventions-by-status-label = Par situation :
conventions-by-party-label = Par partenaire :
conventions-by-territory-label = Par territoire :
conventions-by-status = Les conventions, par situation
conventions-all = Les conventions
conventions-timeline = Frise chronologique
conventions-timeline-caption = Périodes de chaque convention (la ligne verticale marque le { $date } ; en couleur claire, les périodes de reconduction)
conventions-periods = Périodes des conventions
conventions-col-convention = Convention
conventions-col-start = Début
conventions-col-renewals = Reconductions
conventions-col-status = Situation
conventions-no-limit = sans limite de durée
conventions-by-party = Les conventions, par partenaire
conventions-by-territory = Les conventions, par territoire
conventions-territory-all = Tout le guide pour le territoire « { $name } »

## donnees-personnelles.html
privacy-intro = Chercher une information sur vos droits ne doit pas vous exposer. Ce site est conçu pour ne rien savoir de vous.
privacy-cookies = Il ne dépose <strong>aucun cookie</strong>, ni de mesure d'audience, ni publicitaire.
privacy-tracking = Il ne contient <strong>aucun outil de suivi</strong> et ne charge rien depuis un autre site : ni police de caractères, ni vidéo, ni bouton de réseau social.
privacy-search = La recherche se fait <strong>dans votre navigateur</strong> : les mots que vous tapez ne sont envoyés à personne et ne sont pas enregistrés.
privacy-display = Votre choix d'affichage (clair ou sombre) est gardé dans votre navigateur seulement.
privacy-logs = Comme tout serveur web, l'hébergeur peut garder pendant une durée limitée des journaux techniques (adresse IP, page demandée) pour la sécurité du service.
privacy-host = Hébergeur : { $host }.

## event.html
event-when = Quand
event-where = Où
event-organisers = Organisé par
event-website = Programme et informations sur le site de l'organisateur

## home.html
home-what-happened = Que vous est-il arrivé ?
home-orientation = Répondez à quelques questions simples : le guide vous montre vos droits et les personnes qui peuvent vous aider.
home-orientation-button = Trouver mes droits et de l'aide
home-in-this-guide = Dans ce guide
home-upcoming = Prochains rendez-vous
home-other-pages = Autres pages

## macros.html: terms, easy-read links, figures
terms-criteria = Critères
terms-domains = Domaines
terms-territories = Territoires
easy-read = Lire cette page en facile à lire et à comprendre (FALC) : { $title }
easy-read-of = Lire la version complète de cette page : { $title }
figure-table = { $title } : les chiffres
figure-period = Période
figure-value = Valeur
figure-source = Source :

## mentions-legales.html
legal-publisher = Éditeur
legal-publisher-unknown = L'éditeur du site n'est pas encore renseigné.
legal-director = Directeur ou directrice de la publication
legal-host = Hébergement
legal-contents = Contenus
legal-contents-text = Les pages de ce guide donnent une information générale sur le droit. Elles ne remplacent pas le conseil d'un professionnel ou d'une association pour votre situation personnelle.
legal-see-privacy = Voir la page <a href="{ $url }">données personnelles</a>.
legal-see-accessibility = Voir la <a href="{ $url }">déclaration d'accessibilité</a>.

## recherche.html
search-describe = Décrivez votre situation ou tapez un mot
search-needs-javascript = La recherche a besoin de JavaScript. Sans JavaScript, vous pouvez parcourir <a href="{ $sitemap }">le plan du site</a>, <a href="{ $criteria }">les critères de discrimination</a> et <a href="{ $domains }">les domaines</a>.

## right.html
right-toc = Sommaire
right-who-can-help = Qui peut m'aider ?
right-all-contacts = Voir la liste des organismes qui peuvent vous aider
right-references = Textes de loi

## section.html
section-orientation = Vous ne savez pas quelle page lire ? Répondez à quelques questions
section-subsections = Rubriques
section-pages = Les pages de cette rubrique

## term.html ($singular: the name of one element of the list, "critère")
term-count = { $count ->
    [0] Aucune page ne porte encore ce { $singular }.
    [1] 1 page du guide concerne ce { $singular }.
   *[other] { $count } pages du guide concernent ce { $singular }.
}
term-see-all = Voir tous les éléments de la liste « { $taxonomy } »

## trouver.html
question-step = Question { $step } sur { $steps }
question-description = Trouver vos droits et les personnes qui peuvent vous aider, en { $steps } questions.
question-unknown = Je ne sais pas
question-back = Revenir à la question précédente

## trouver-reponse.html
answer-page-title = { $answered } : vos droits et qui peut vous aider
answer-title = Vos droits et qui peut vous aider
answer-situation = Vous avez répondu : { $situation }.
answer-forbidden = Est-ce interdit par la loi ?
answer-rights = Vos droits
answer-steps = Que faire maintenant ?
answer-steps-intro = Gardez des preuves (messages, courriers, noms des témoins) et notez les dates. Ces pages expliquent les étapes et les délais :
answer-contacts = Qui peut vous aider ?
answer-national = Partout en France
answer-no-contact = Le guide ne connaît pas encore de contact pour cette situation. Consultez <a href="{ $url }">la liste des contacts</a>.
answer-restart = Recommencer avec d'autres réponses

## Words that the renderer writes into the template values (dates, statuses, kinds)
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
weekday-1-abbr = lun.
weekday-2-abbr = mar.
weekday-3-abbr = mer.
weekday-4-abbr = jeu.
weekday-5-abbr = ven.
weekday-6-abbr = sam.
weekday-7-abbr = dim.
# The caption of a month of the agenda: "mai 2027".
month-year = { $month } { $year }
# A time of day, $hour and $minutes with two digits: "18 h", "18 h 30".
time-hour = { $hour } h
time-hour-minutes = { $hour } h { $minutes }
# When an event happens ($date: a date written out, $time: a time of day).
when-day = le { $date }
when-day-at = le { $date } à { $time }
when-day-from-to = le { $date }, de { $from } à { $to }
when-from-to = du { $start } au { $end }
when-yearly = { $when }, chaque année
# After an event of several days in the agenda's month table.
agenda-until = jusqu'au { $date }
status-a-venir = À venir
status-en-vigueur = En vigueur
status-reconduite = Reconduite tacitement
status-expiree = Expirée
status-inconnue = Situation inconnue
conformance-non = non conforme
conformance-partiellement = partiellement conforme
conformance-totalement = totalement conforme
kind-right = Droits
kind-contact = Contacts
kind-convention = Conventions
kind-event = Événements
kind-page = Pages
taxonomy-criteres = Critères de discrimination
taxonomy-domaines = Domaines
taxonomy-territoires = Territoires
taxonomy-singular-criteres = critère
taxonomy-singular-domaines = domaine
taxonomy-singular-territoires = territoire
# The answers of the orientation path, when the reader did not know.
answer-no-domain = Lieu non précisé
answer-no-criterion = raison non précisée
answer-no-territory = territoire non précisé
answer-i-live = j'habite : { $territory }
verdict-oui = Oui. La loi interdit de traiter une personne moins bien que les autres pour cette raison. C'est une discrimination, et vous pouvez agir.
verdict-travail = La loi interdit cette différence au travail (Code du travail). Ailleurs, elle ne la nomme pas : demandez conseil à une des personnes ci-dessous.
verdict-hors-loi = Cette raison n'est pas dans la liste de la loi. Une des personnes ci-dessous peut vous dire si vous êtes protégé.
verdict-peut-etre = C'est peut-être une discrimination. La loi en interdit pour plus de vingt raisons : l'origine, le sexe, l'âge, le handicap, l'adresse, la religion… Lisez les pages ci-dessous, ou appelez une des personnes de la liste.

## The search page's script (search.js), given on pages of another language than French;
## {n}, {q} and {shown} are filled in by the script.

search-js-type-words = Tapez un ou plusieurs mots pour lancer la recherche.
search-js-searching = Recherche en cours…
search-js-broken = La recherche ne fonctionne pas pour le moment. Vous pouvez utiliser le plan du site.
search-js-first-shown = {" "}(les {"{"}shown{"}"} premiers sont affichés)
search-js-none = Aucun résultat pour « {"{"}q{"}"} ». Essayez un autre mot, ou un mot plus simple.
search-js-one = {"{"}n{"}"} résultat pour « {"{"}q{"}"} »{"{"}shown{"}"}.
search-js-many = {"{"}n{"}"} résultats pour « {"{"}q{"}"} »{"{"}shown{"}"}.
search-js-maybe = Vous cherchez peut-être :{" "}
search-js-refine = Affiner la recherche
search-js-kind = Type de page
search-js-criteria = Critère de discrimination
search-js-domains = Domaine
search-js-upcoming = Événements à venir seulement
search-js-all = Tous
