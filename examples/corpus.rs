//! Generates a synthetic rights guide in balise's content model, for benchmarks.
//!
//! ```text
//! cargo run --release --example corpus -- --pages 10000 --seed 1 --out /tmp/corpus-10000
//! cargo run --release --example corpus -- --pages 10000 --shape heldout --out /tmp/heldout
//! cargo run --release --example corpus -- --pages 10000 --words 3000 --links 10 \
//!     --kinds right=90,page=10 --criteria 1-3 --domains 1-2 --contacts-per-page 1-1 --out DIR
//! ```
//!
//! The output is deterministic from the seed and the shape: the same options give the same
//! bytes. A *shape* sets the proportions of the corpus (see [`Shape`] and `--help`): words per
//! page, share of each kind, terms per page, links per page, contacts cited per rights page;
//! `--shape` picks a preset and the other options change one of its values. The default shape,
//! `guide`, is the corpus of the earlier measurements, byte for byte. Pages are French-looking (about 600 words, `##` headings, lists, links to other
//! generated pages, the taxonomies of the bundled guide) so that Markdown, templates and the
//! search index see a realistic load. The words are drawn from a Zipf-like distribution over
//! about 3,000 words, common and domain words first, then generated rarer ones, so that the
//! search index has a realistic vocabulary.
//!
//! The same `content/` folder builds with Hugo (`benches/hugo/`): sections are `_index.md`
//! files, URLs are `/section/slug/`, the taxonomies are front-matter lists.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The legal criteria, with the names the guide shows.
use balise::model::taxonomy::CRITERIA;

const DOMAINS: [(&str, &str); 7] = [
    ("emploi", "l'emploi"),
    ("logement", "le logement"),
    ("education", "l'éducation"),
    ("sante", "la santé"),
    ("services-publics", "les services publics"),
    ("biens-et-services", "les biens et services"),
    ("loisirs", "les loisirs"),
];

/// The bundled guide's territories (`balise.yaml`).
const TERRITORIES: [(&str, &str); 5] = [
    ("dijon", "Dijon"),
    ("dijon-metropole", "Dijon métropole"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
    ("ile-de-france", "Île-de-France"),
    ("france", "France entière"),
];

const CITIES: [&str; 24] = [
    "Dijon",
    "Beaune",
    "Besançon",
    "Chalon-sur-Saône",
    "Auxerre",
    "Nevers",
    "Mâcon",
    "Belfort",
    "Montbéliard",
    "Dole",
    "Sens",
    "Vesoul",
    "Paris",
    "Créteil",
    "Nanterre",
    "Bobigny",
    "Versailles",
    "Évry",
    "Cergy",
    "Melun",
    "Lons-le-Saunier",
    "Autun",
    "Pontarlier",
    "Lure",
];

/// The most frequent words, in rough order of frequency (function words first).
const COMMON: &str = "de la le et à les des un une en du pour que qui dans par sur pas est vous \
    il elle ne se ce son sa ses au aux plus ou avec votre vos peut être a sont si on tout comme \
    mais leur leurs cette ces y même autre autres fait faire dire doit peuvent aussi très sans \
    entre après avant contre chez lorsque quand parce car donc alors ainsi encore déjà toujours \
    jamais souvent parfois bien mal moins beaucoup peu chaque tous toutes certains certaines \
    personne personnes situation cas fois jour jours temps moment lieu partie nombre";

/// Words of the domain, less frequent than the common ones.
const DOMAIN_WORDS: &str = "discrimination discriminations droit droits loi lois juge justice \
    tribunal plainte preuve preuves témoin témoins victime victimes employeur employeurs salarié \
    salariée salariés recrutement embauche licenciement sanction sanctions promotion salaire \
    carrière formation stage apprentissage logement propriétaire locataire bailleur agence \
    location loyer caution garant dossier refus refusé refuser annonce candidat candidate \
    candidature entretien poste contrat travail école élève élèves enseignant université \
    inscription examen santé médecin hôpital soins patient patiente assurance banque crédit \
    compte prêt magasin commerce client cliente service services public publics administration \
    mairie préfecture guichet agent agents police gendarmerie commissariat procureur avocat \
    avocate association associations syndicat syndicats défenseur médiation médiateur \
    conciliation réclamation recours délai délais amende prison peine peines réparation \
    dommages intérêts origine sexe âge handicap religion grossesse famille apparence nom \
    patronyme résidence quartier adresse opinion opinions politique politiques syndical \
    syndicale orientation identité genre langue accent nationalité nation ethnie race \
    croyance conviction mœurs état maladie autonomie génétique vulnérabilité pauvreté \
    harcèlement insulte insultes propos remarque remarques moquerie comportement attitude \
    décision décisions critère critères interdit interdite interdits motif motifs égalité \
    inégalité traitement différence différent différente défavorable favorable moins mieux \
    comparaison comparer comparable test testing constat courrier courriel message messages \
    lettre copie attestation certificat document documents pièce pièces écrit écrite noter \
    garder conserver demander expliquer informer accompagner aider écouter conseiller orienter \
    saisir contacter signaler dénoncer prouver montrer présenter déposer porter agir réagir \
    gratuit gratuite gratuitement confidentiel anonyme indépendant indépendante national \
    nationale local locale régional régionale municipal municipale départemental accueil \
    permanence rendez-vous téléphone internet site formulaire démarche démarches étape étapes \
    conseil conseils information informations aide aides soutien accompagnement écoute \
    sensibilisation prévention formation campagne journée semaine colloque réunion rencontre \
    charte convention engagement engagements partenaire partenaires signature signataire \
    ville commune communes métropole région département territoire territoires habitant \
    habitants citoyen citoyens public jeune jeunes enfant enfants parent parents femme femmes \
    homme hommes senior seniors étranger étrangère étrangers réfugié demandeur emploi chômage \
    revenu revenus ressources allocation prestation logement social sociale sociaux hlm \
    transport transports accès accessible accessibilité fauteuil aménagement aménagements \
    raisonnable adaptation adapté adaptée poste horaires congé congés maternité paternité \
    enceinte bébé naissance mariage union couple vie privée intime respect dignité liberté \
    responsabilité faute obligation obligations devoir devoirs code pénal civil travail \
    article articles alinéa jurisprudence arrêt cour cassation conseil état prud'hommes \
    administratif judiciaire civile pénale délit contravention infraction auteur auteurs \
    employeuse direction responsable ressources humaines manager collègue collègues équipe";

/// Syllables of the generated rarer words (names of places, bodies, technical terms).
const SYLLABLES: [&str; 40] = [
    "ba", "ber", "ca", "cha", "co", "dé", "di", "dra", "fa", "fon", "ga", "gre", "la", "lan", "li",
    "lo", "ma", "mar", "mé", "mi", "mon", "na", "né", "no", "pa", "pé", "por", "ra", "ré", "ri",
    "ro", "sa", "sen", "so", "ta", "té", "ti", "tra", "va", "vil",
];
const SUFFIXES: [&str; 14] = [
    "tion", "ment", "age", "ité", "eur", "ance", "isme", "ière", "ois", "ard", "elle", "ien",
    "ette", "on",
];

/// Sentence openings, so that the text reads like the guide.
const OPENINGS: [&str; 30] = [
    "La loi interdit",
    "Vous pouvez",
    "Le Défenseur des droits peut",
    "Un employeur ne peut pas",
    "Il est interdit de",
    "Dans ce cas",
    "Si vous pensez être victime",
    "Gardez une trace de",
    "Une association peut",
    "Le juge peut",
    "Par exemple",
    "Il faut savoir que",
    "Selon le Code pénal",
    "En pratique",
    "Vous avez le droit de",
    "Personne ne peut",
    "Un propriétaire ne doit pas",
    "Le tribunal peut",
    "Demandez de l'aide pour",
    "Notez la date de",
    "À Dijon",
    "Partout en France",
    "Une médiation permet de",
    "Le syndicat peut",
    "Votre avocat peut",
    "La victime peut",
    "Un service public doit",
    "Chaque personne a le droit de",
    "Il arrive que",
    "Bon à savoir",
];

const RIGHT_HEADINGS: [&str; 16] = [
    "Des exemples de situations",
    "Ce que dit la loi",
    "Que faire ?",
    "Bon à savoir",
    "Les preuves utiles",
    "Qui peut vous aider ?",
    "Les délais à respecter",
    "Ce que risque l'auteur",
    "Les exceptions prévues par la loi",
    "Au travail",
    "Dans la vie de tous les jours",
    "Les questions fréquentes",
    "Comment réagir tout de suite",
    "Les mots à connaître",
    "Aller en justice",
    "Chercher un accord",
];

const CONTACT_HEADINGS: [&str; 8] = [
    "Qui sommes-nous ?",
    "Ce que nous faisons pour vous",
    "Comment nous joindre",
    "Nos permanences",
    "Nos partenaires",
    "Nos actions de sensibilisation",
    "Vos démarches avec nous",
    "Ce que nous ne faisons pas",
];

const CONVENTION_HEADINGS: [&str; 8] = [
    "En bref",
    "Les engagements des signataires",
    "Les axes de travail",
    "Durée et fin de l'accord",
    "Ce que cela change pour vous",
    "Le suivi de la convention",
    "Les moyens prévus",
    "Le bilan",
];

const EVENT_HEADINGS: [&str; 8] = [
    "Ce qui se passe",
    "Le programme",
    "Pour qui ?",
    "Comment participer",
    "Les organisateurs",
    "Pourquoi cette journée ?",
    "Ce qui s'est passé",
    "Pour aller plus loin",
];

const PAGE_HEADINGS: [&str; 8] = [
    "Comprendre",
    "Les étapes",
    "Les mots difficiles",
    "Ce qu'il faut retenir",
    "Pour aller plus loin",
    "Les erreurs à éviter",
    "Un exemple",
    "Vos questions",
];

const TOPICS: [&str; 24] = [
    "refus d'embauche",
    "refus de location",
    "harcèlement au travail",
    "accès aux soins",
    "inscription à l'école",
    "accès à un magasin",
    "contrôle d'identité",
    "refus de prêt",
    "salaire inégal",
    "promotion refusée",
    "licenciement",
    "refus de service",
    "accès à un club de sport",
    "entrée en discothèque",
    "stage refusé",
    "propos au guichet",
    "assurance refusée",
    "accès au logement social",
    "sanction disciplinaire",
    "mutation imposée",
    "refus d'un dossier",
    "remarques d'un collègue",
    "accès à la formation",
    "tarif différent",
];

/// splitmix64: tiny, fast, and good enough to make a corpus; the point is determinism.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct indices below `n` (count ≤ n).
    fn distinct(&mut self, n: usize, count: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(count);
        while out.len() < count.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// Words with Zipf-like frequencies: word of rank r is drawn with probability ∝ 1/r.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    const SIZE: usize = 3000;

    fn new(rng: &mut Rng, size: usize) -> Self {
        let mut words: Vec<String> = COMMON.split_whitespace().map(String::from).collect();
        words.extend(DOMAIN_WORDS.split_whitespace().map(String::from));
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < size {
            let mut w = String::new();
            // Up to three syllables give 3,000 words easily; more are needed beyond.
            let most = if size <= Self::SIZE { 3 } else { 5 };
            for _ in 0..rng.range(1, most) {
                w.push_str(rng.pick::<&str>(&SYLLABLES));
            }
            w.push_str(rng.pick::<&str>(&SUFFIXES));
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Right,
    Contact,
    Convention,
    Event,
    Page,
}

struct PageSpec {
    kind: Kind,
    section: &'static str,
    slug: String,
    title: String,
}

impl PageSpec {
    fn url(&self) -> String {
        format!("/{}/{}/", self.section, self.slug)
    }
}

/// The proportions of a corpus. `None` in a taxonomy field keeps the `guide` shape's rule
/// (one criterion, a second one in 30 % of rights pages, one domain), so that the default
/// corpus stays the one of the earlier measurements.
#[derive(Clone, Debug)]
struct Shape {
    /// About this many words in a page's body (150 to 3,000): it sets the number of `##` parts.
    words: usize,
    /// Percent of the pages of each kind besides rights pages (contact, convention, event,
    /// page); rights pages take the rest.
    contacts: usize,
    conventions: usize,
    events: usize,
    guide: usize,
    /// Criteria and domains per page, for every kind but contacts (taxonomy density).
    criteria: Option<(usize, usize)>,
    domains: Option<(usize, usize)>,
    territories: (usize, usize),
    /// Links to other pages in a page's body.
    links: Option<usize>,
    /// Contacts cited by each rights page.
    contacts_per_page: (usize, usize),
    /// Distinct words the text is drawn from (Zipf frequencies): a guide written by people has
    /// tens of thousands, the guide shape's generator 3,000.
    vocabulary: usize,
}

impl Shape {
    const NAMES: [&'static str; 5] = ["guide", "heldout", "short", "long", "dense"];

    fn preset(name: &str) -> Option<Shape> {
        let guide = Shape {
            words: 600,
            contacts: 8,
            conventions: 7,
            events: 10,
            guide: 5,
            criteria: None,
            domains: None,
            territories: (1, 2),
            links: None,
            contacts_per_page: (1, 3),
            vocabulary: Vocabulary::SIZE,
        };
        Some(match name {
            "guide" => guide,
            // Close to the held-out corpus of issue 14: about 600 words, 1–3 criteria and 1–2
            // domains a page, one contact each, and the vocabulary of text people wrote.
            "heldout" => Shape {
                criteria: Some((1, 3)),
                domains: Some((1, 2)),
                contacts_per_page: (1, 1),
                vocabulary: 40_000,
                ..guide
            },
            // A directory: short pages, a third of them contacts, few links.
            "short" => Shape {
                words: 150,
                contacts: 30,
                conventions: 5,
                events: 20,
                guide: 5,
                links: Some(1),
                ..guide
            },
            // Long legal explanations: rights and guide pages of 3,000 words, many links.
            "long" => Shape {
                words: 3000,
                contacts: 2,
                conventions: 2,
                events: 2,
                guide: 10,
                links: Some(12),
                ..guide
            },
            // Every page in many term lists and full of links.
            "dense" => Shape {
                words: 400,
                criteria: Some((3, 5)),
                domains: Some((2, 4)),
                territories: (3, 5),
                links: Some(20),
                contacts_per_page: (2, 4),
                ..guide
            },
            _ => return None,
        })
    }

    /// `##` parts of a page's body: about 125 words each (with the link texts) after an intro
    /// of about 40; 600 words give the guide shape's four parts.
    fn sections(&self) -> usize {
        ((self.words.saturating_sub(40) + 62) / 125).max(1)
    }
}

/// `A-B` or `A`: an inclusive range.
fn parse_range(value: &str) -> Option<(usize, usize)> {
    let (low, high) = value.split_once('-').unwrap_or((value, value));
    let (low, high) = (low.parse().ok()?, high.parse().ok()?);
    (low <= high).then_some((low, high))
}

/// `right=70,contact=8,…`: the shares of each kind, in percent.
fn parse_kinds(value: &str, shape: &mut Shape) -> Option<()> {
    let (mut contacts, mut conventions, mut events, mut guide) = (0, 0, 0, 0);
    for part in value.split(',') {
        let (kind, share) = part.split_once('=')?;
        let share: usize = share.parse().ok()?;
        match kind {
            "right" => {}
            "contact" => contacts = share,
            "convention" => conventions = share,
            "event" => events = share,
            "page" => guide = share,
            _ => return None,
        }
    }
    if contacts + conventions + events + guide > 100 {
        return None;
    }
    (shape.contacts, shape.conventions, shape.events, shape.guide) =
        (contacts, conventions, events, guide);
    Some(())
}

struct Corpus {
    rng: Rng,
    vocabulary: Vocabulary,
    pages: Vec<PageSpec>,
    contacts: Vec<usize>,
    shape: Shape,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pages = 1000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("corpus");
    // The preset first, so that the other options change its values whatever their order.
    let mut shape = Shape::preset("guide").expect("the guide shape exists");
    if let Some(i) = args.iter().position(|a| a == "--shape") {
        let name = args.get(i + 1).map_or("", String::as_str);
        shape = Shape::preset(name).unwrap_or_else(|| usage("--shape NAME"));
    }
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        let range = |what| parse_range(&value).unwrap_or_else(|| usage(what));
        match args[i].as_str() {
            "--pages" => pages = value.parse().unwrap_or_else(|_| usage("--pages N")),
            "--seed" => seed = value.parse().unwrap_or_else(|_| usage("--seed S")),
            "--out" => out = PathBuf::from(value),
            "--shape" => {}
            "--words" => {
                shape.words = value
                    .parse()
                    .ok()
                    .filter(|w| (150..=3000).contains(w))
                    .unwrap_or_else(|| usage("--words N, from 150 to 3000"));
            }
            "--kinds" => parse_kinds(&value, &mut shape).unwrap_or_else(|| usage("--kinds")),
            "--criteria" => shape.criteria = Some(range("--criteria A-B")),
            "--domains" => shape.domains = Some(range("--domains A-B")),
            "--territories" => shape.territories = range("--territories A-B"),
            "--links" => {
                shape.links = Some(value.parse().unwrap_or_else(|_| usage("--links N")));
            }
            "--contacts-per-page" => shape.contacts_per_page = range("--contacts-per-page A-B"),
            "--vocabulary" => {
                shape.vocabulary = value
                    .parse()
                    .ok()
                    .filter(|n| (1000..=200_000).contains(n))
                    .unwrap_or_else(|| usage("--vocabulary N, from 1000 to 200000"));
            }
            "--help" | "-h" => usage("Generates a synthetic guide."),
            _ => usage("unknown argument"),
        }
        i += 2;
    }
    if let Err(e) = generate(pages.max(20), seed, shape, &out) {
        eprintln!("error: cannot write the corpus into {}: {e}", out.display());
        std::process::exit(1);
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "{problem}\nusage: corpus --pages N --seed S --out DIR [--shape {}]\n\
         \x20 [--words 150..3000] [--kinds right=70,contact=8,convention=7,event=10,page=5]\n\
         \x20 [--criteria A-B] [--domains A-B] [--territories A-B] [--links N]\n\
         \x20 [--contacts-per-page A-B] [--vocabulary 1000..200000]",
        Shape::NAMES.join("|")
    );
    std::process::exit(2);
}

fn generate(total: usize, seed: u64, shape: Shape, out: &Path) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let vocabulary = Vocabulary::new(&mut rng, shape.vocabulary);
    let mut corpus = Corpus {
        rng,
        vocabulary,
        pages: Vec::new(),
        contacts: Vec::new(),
        shape,
    };
    corpus.plan(total);
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let content = out.join("content");
    for section in ["droits", "contacts", "conventions", "agenda", "guide"] {
        std::fs::create_dir_all(content.join(section))?;
    }
    std::fs::write(out.join("balise.yaml"), CONFIG)?;
    for (path, text) in SECTION_INDEXES {
        std::fs::write(content.join(path), text)?;
    }
    for i in 0..corpus.pages.len() {
        let text = corpus.page(i);
        let page = &corpus.pages[i];
        std::fs::write(
            content.join(page.section).join(format!("{}.md", page.slug)),
            text,
        )?;
    }
    println!(
        "wrote {} pages into {}",
        corpus.pages.len() + SECTION_INDEXES.len(),
        out.display()
    );
    Ok(())
}

impl Corpus {
    /// Decides every page's kind, slug and title first, so that links can point at any page.
    fn plan(&mut self, total: usize) {
        // Pages besides the six `_index.md`.
        let total = total.saturating_sub(SECTION_INDEXES.len());
        let share = |percent: usize, least: usize| (total * percent / 100).max(least);
        let contacts = share(self.shape.contacts, 5);
        let conventions = share(self.shape.conventions, 2);
        let events = share(self.shape.events, 2);
        let guide = share(self.shape.guide, 2);
        let rights = total.saturating_sub(contacts + conventions + events + guide);
        for i in 0..contacts {
            let city = *self.rng.pick(&CITIES);
            let (title, base) = match i % 5 {
                0 => (format!("Point-justice de {city}"), "point-justice"),
                1 => (format!("Maison de la justice et du droit de {city}"), "mjd"),
                2 => (
                    format!("Délégué du Défenseur des droits à {city}"),
                    "delegue",
                ),
                3 => (
                    format!("Association d'aide aux victimes de {city}"),
                    "aide-aux-victimes",
                ),
                _ => (
                    format!("Antenne contre les discriminations de {city}"),
                    "antenne",
                ),
            };
            self.contacts.push(self.pages.len());
            self.pages.push(PageSpec {
                kind: Kind::Contact,
                section: "contacts",
                slug: format!("{base}-{}-{i}", ascii_slug(city)),
                title: format!("{title} ({i})"),
            });
        }
        for i in 0..rights {
            let (c, cname) = *self.rng.pick(&CRITERIA);
            let (d, dname) = *self.rng.pick(&DOMAINS);
            let topic = *self.rng.pick(&TOPICS);
            self.pages.push(PageSpec {
                kind: Kind::Right,
                section: "droits",
                slug: format!("{c}-{d}-{i}"),
                title: format!("{cname} et {dname} : {topic} (fiche {i})"),
            });
        }
        for i in 0..conventions {
            let city = *self.rng.pick(&CITIES);
            self.pages.push(PageSpec {
                kind: Kind::Convention,
                section: "conventions",
                slug: format!("convention-{}-{i}", ascii_slug(city)),
                title: format!("Convention pour l'égalité à {city} (n° {i})"),
            });
        }
        for i in 0..events {
            let city = *self.rng.pick(&CITIES);
            let topic = *self.rng.pick(&TOPICS);
            self.pages.push(PageSpec {
                kind: Kind::Event,
                section: "agenda",
                slug: format!("rencontre-{}-{i}", ascii_slug(city)),
                title: format!("Rencontre à {city} : {topic} ({i})"),
            });
        }
        for i in 0..guide {
            let topic = *self.rng.pick(&TOPICS);
            self.pages.push(PageSpec {
                kind: Kind::Page,
                section: "guide",
                slug: format!("comprendre-{i}"),
                title: format!("Comprendre : {topic} ({i})"),
            });
        }
    }

    fn page(&mut self, index: usize) -> String {
        let kind = self.pages[index].kind;
        let mut text = String::with_capacity(6000);
        text.push_str("---\n");
        let _ = writeln!(text, "title: \"{}\"", self.pages[index].title);
        let summary = self.sentence(18);
        let _ = writeln!(text, "summary: \"{summary}\"");
        text.push_str("updated: 2026-11-23\n");
        self.front_matter(index, kind, &mut text);
        text.push_str("---\n");
        let headings: &[&str] = match kind {
            Kind::Right => &RIGHT_HEADINGS,
            Kind::Contact => &CONTACT_HEADINGS,
            Kind::Convention => &CONVENTION_HEADINGS,
            Kind::Event => &EVENT_HEADINGS,
            Kind::Page => &PAGE_HEADINGS,
        };
        self.paragraph(3, &mut text);
        let sections = self.shape.sections();
        // Links per part: one each in the guide shape, else `links` spread over the parts.
        let links = self.shape.links.unwrap_or(sections);
        let mut order = self
            .rng
            .distinct(headings.len(), sections.min(headings.len()));
        while order.len() < sections {
            order.push(order.len());
        }
        for (part, h) in order.into_iter().enumerate() {
            match part / headings.len() {
                0 => {
                    let _ = writeln!(text, "## {}\n", headings[h]);
                }
                round => {
                    let _ = writeln!(
                        text,
                        "## {} ({})\n",
                        headings[h % headings.len()],
                        round + 1
                    );
                }
            }
            self.paragraph(4, &mut text);
            for _ in 0..self.rng.range(3, 5) {
                let n = self.rng.range(6, 10);
                let item = self.sentence(n);
                let _ = writeln!(text, "- {item}");
            }
            text.push('\n');
            self.paragraph(2, &mut text);
            let here = links / sections + usize::from(part < links % sections);
            if here > 0 {
                text.truncate(text.len() - 2);
                let targets: Vec<String> = (0..here).map(|_| self.link_target(index)).collect();
                let _ = writeln!(text, " Voir aussi {}.\n", targets.join(", "));
            }
        }
        text
    }

    /// A Markdown link to another page, whose text is that page's title.
    fn link_target(&mut self, from: usize) -> String {
        let mut to = self.rng.below(self.pages.len());
        if to == from {
            to = (to + 1) % self.pages.len();
        }
        let page = &self.pages[to];
        format!("[{}]({})", page.title, page.url())
    }

    fn front_matter(&mut self, index: usize, kind: Kind, text: &mut String) {
        let territories = self.territories();
        match kind {
            Kind::Right => {
                let slug = self.pages[index].slug.clone();
                let criterion = CRITERIA
                    .iter()
                    .find(|(c, _)| slug.starts_with(&format!("{c}-")))
                    .map_or("origine", |(c, _)| c);
                let mut criteria = vec![criterion];
                match self.shape.criteria {
                    None => {
                        if self.rng.chance(30) {
                            let other = self.rng.pick(&CRITERIA).0;
                            if other != criterion {
                                criteria.push(other);
                            }
                        }
                    }
                    Some(range) => self.more_terms(&mut criteria, &CRITERIA, range),
                }
                let domain = DOMAINS
                    .iter()
                    .find(|(d, _)| slug.contains(&format!("-{d}-")))
                    .map_or("emploi", |(d, _)| d);
                let mut domains = vec![domain];
                if let Some(range) = self.shape.domains {
                    self.more_terms(&mut domains, &DOMAINS, range);
                }
                let _ = writeln!(text, "criteria: [{}]", criteria.join(", "));
                let _ = writeln!(text, "domains: [{}]", domains.join(", "));
                let _ = writeln!(text, "territories: [{territories}]");
                let (low, high) = self.shape.contacts_per_page;
                let count = self.rng.range(low, high);
                let contacts: Vec<&str> = self
                    .rng
                    .distinct(self.contacts.len(), count)
                    .into_iter()
                    .map(|c| self.pages[self.contacts[c]].slug.as_str())
                    .collect();
                let _ = writeln!(text, "contacts: [{}]", contacts.join(", "));
                text.push_str("references:\n  - { title: \"Article 225-1 du Code pénal\", url: \"https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000045391841\" }\n");
            }
            Kind::Contact => {
                let _ = writeln!(text, "territories: [{territories}]");
                let city = CITIES
                    .iter()
                    .find(|c| self.pages[index].title.contains(*c))
                    .copied()
                    .unwrap_or("Dijon");
                let _ = writeln!(text, "address: {{ city: \"{city}\" }}");
                // The first contact stays active: dissolved ones hand over to it.
                if index != self.contacts[0] && self.rng.chance(5) {
                    text.push_str("status: dissolved\n");
                    let _ = writeln!(text, "successor: {}", self.pages[self.contacts[0]].slug);
                }
            }
            Kind::Convention => {
                self.terms_of_other_kinds(text);
                let _ = writeln!(text, "territories: [{territories}]");
                text.push_str("parties:\n");
                for c in self.rng.distinct(self.contacts.len(), 2) {
                    let contact = &self.pages[self.contacts[c]];
                    let _ = writeln!(
                        text,
                        "  - name: \"{}\"\n    contact: {}",
                        contact.title, contact.slug
                    );
                }
                let (year, month, day) = (
                    self.rng.range(2008, 2025),
                    self.rng.range(1, 12),
                    self.rng.range(1, 28),
                );
                let _ = writeln!(text, "signed: {year}-{month:02}-{day:02}");
                let _ = writeln!(text, "effective: {year}-{month:02}-{day:02}");
                let _ = writeln!(text, "duration_months: {}", [12, 24, 36][self.rng.below(3)]);
                if self.rng.chance(50) {
                    text.push_str("renewal: tacit\nrenewal_months: 12\n");
                }
                text.push_str("notice_months: 3\n");
            }
            Kind::Event => {
                if self.shape.criteria.is_none() {
                    let _ = writeln!(text, "criteria: [{}]", self.rng.pick(&CRITERIA).0);
                }
                self.terms_of_other_kinds(text);
                let _ = writeln!(text, "territories: [{territories}]");
                let (year, month, day) = (
                    self.rng.range(2015, 2027),
                    self.rng.range(1, 12),
                    self.rng.range(1, 28),
                );
                let _ = writeln!(text, "start: {year}-{month:02}-{day:02}");
                let city = CITIES
                    .iter()
                    .find(|c| self.pages[index].title.contains(*c))
                    .copied()
                    .unwrap_or("Dijon");
                let _ = writeln!(text, "location: {{ name: \"{city}\" }}");
                let organiser = self.contacts[self.rng.below(self.contacts.len())];
                let _ = writeln!(text, "organisers: [{}]", self.pages[organiser].slug);
            }
            Kind::Page => {
                if self.shape.criteria.is_some() {
                    self.terms_of_other_kinds(text);
                }
                let _ = writeln!(text, "territories: [{territories}]");
            }
        }
    }

    /// Criteria and domains of events, conventions and guide pages: one domain (events also
    /// have one criterion, written by the caller) in the guide shape, the shape's ranges else.
    fn terms_of_other_kinds(&mut self, text: &mut String) {
        if let Some(range) = self.shape.criteria {
            let mut criteria = Vec::new();
            self.more_terms(&mut criteria, &CRITERIA, range);
            let _ = writeln!(text, "criteria: [{}]", criteria.join(", "));
        }
        match self.shape.domains {
            None => {
                let _ = writeln!(text, "domains: [{}]", self.rng.pick(&DOMAINS).0);
            }
            Some(range) => {
                let mut domains = Vec::new();
                self.more_terms(&mut domains, &DOMAINS, range);
                let _ = writeln!(text, "domains: [{}]", domains.join(", "));
            }
        }
    }

    /// Adds distinct terms of `table` to `terms` until it has between `low` and `high` of them.
    fn more_terms(
        &mut self,
        terms: &mut Vec<&'static str>,
        table: &'static [(&'static str, &'static str)],
        (low, high): (usize, usize),
    ) {
        let want = self.rng.range(low, high).min(table.len());
        while terms.len() < want {
            let term = self.rng.pick(table).0;
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }

    fn territories(&mut self) -> String {
        let (low, high) = self.shape.territories;
        let count = self.rng.range(low, high);
        self.rng
            .distinct(TERRITORIES.len(), count)
            .into_iter()
            .map(|t| TERRITORIES[t].0)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn paragraph(&mut self, sentences: usize, text: &mut String) {
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            let n = self.rng.range(8, 18);
            let sentence = self.sentence(n);
            text.push_str(&sentence);
        }
        text.push_str("\n\n");
    }

    /// About `words` words: a guide-like opening, then words drawn from the vocabulary.
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::from(*self.rng.pick(&OPENINGS));
        let mut n = s.split(' ').count();
        while n < words {
            s.push(' ');
            let w = self.vocabulary.word(&mut self.rng);
            s.push_str(w);
            if n + 2 < words && self.rng.chance(6) {
                s.push(',');
            }
            n += 1;
        }
        s.push('.');
        s
    }
}

fn ascii_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}

const CONFIG: &str = r#"title: "Guide des droits contre les discriminations (corpus de test)"
base_url: "https://guide-discriminations.example.org"
language: fr
timezone: Europe/Paris
description: "Un guide généré pour mesurer la vitesse de balise."
menu:
  - { label: "Vos droits", path: "/droits/" }
  - { label: "Qui peut m'aider ?", path: "/contacts/" }
  - { label: "Agenda", path: "/agenda/" }
  - { label: "Conventions", path: "/conventions/" }
taxonomies:
  territories:
    - { slug: dijon, name: "Dijon" }
    - { slug: dijon-metropole, name: "Dijon métropole" }
    - { slug: bourgogne-franche-comte, name: "Bourgogne-Franche-Comté" }
    - { slug: ile-de-france, name: "Île-de-France" }
    - { slug: france, name: "France entière" }
search:
  synonyms:
    viré: [licenciement]
    proprio: [propriétaire]
    boulot: [emploi, travail]
    patron: [employeur]
    appart: [logement]
    handicapé: [handicap]
    foulard: [religion]
    enceinte: [grossesse]
accessibility:
  status: non
  non_conformities: []
  derogations: []
  contact: { email: "accessibilite@example.org" }
  plan: "Ce site de test n'a pas été audité."
legal:
  publisher: "Corpus de test de balise"
"#;

const SECTION_INDEXES: [(&str, &str); 6] = [
    (
        "_index.md",
        "---\ntitle: \"Guide des droits contre les discriminations\"\nsummary: \"Un guide généré pour mesurer la vitesse de balise.\"\n---\n## Bienvenue\n\nCe guide explique vos droits. Lisez [vos droits](/droits/) ou trouvez [qui peut vous aider](/contacts/).\n",
    ),
    (
        "droits/_index.md",
        "---\ntitle: \"Vos droits\"\nkind: right\nsummary: \"Ce que la loi interdit, critère par critère et domaine par domaine.\"\n---\n## Les critères interdits\n\nLa loi française donne une liste de critères. Chaque critère a sa page.\n",
    ),
    (
        "contacts/_index.md",
        "---\ntitle: \"Qui peut vous aider ?\"\nkind: contact\nsummary: \"Les organismes qui écoutent, informent et accompagnent.\"\n---\n## Pour être aidé\n\nCes organismes peuvent vous écouter et vous accompagner.\n",
    ),
    (
        "conventions/_index.md",
        "---\ntitle: \"Conventions et engagements\"\nkind: convention\nsummary: \"Les accords signés contre les discriminations.\"\n---\n## De quoi s'agit-il ?\n\nUne convention est un accord écrit entre deux organismes ou plus.\n",
    ),
    (
        "agenda/_index.md",
        "---\ntitle: \"Agenda\"\nkind: event\nsummary: \"Les journées de sensibilisation et les rencontres.\"\n---\n## Les rendez-vous\n\nChaque année, des journées servent à parler des discriminations.\n",
    ),
    (
        "guide/_index.md",
        "---\ntitle: \"Comprendre et agir\"\nkind: page\nsummary: \"Des explications pour comprendre et agir.\"\n---\n## Les pages de cette rubrique\n\nCes pages expliquent les étapes pour agir.\n",
    ),
];
