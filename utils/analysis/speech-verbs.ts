// Words that attribute a quotation, per language: speech verbs, "according to", pronouns, titles and roles.
// Lower-case forms. A page whose language is unknown gets every language's words (minus the ambiguous ones).

export interface Lexicon {
  /** Speech verbs, one word each ("said", "déclaré", "sagte", "dijo", "powiedział"). */
  verbs: Set<string>;
  /** Several-word speech verbs, as word lists ("pointed out", "went on"). */
  phrases: string[][];
  /** "according to X" in front of a name, as word lists ("according to", "selon", "laut", "według"). */
  according: string[][];
  /** Auxiliaries and adverbs allowed between a subject and its verb ("has said", "also said", "a déclaré"). */
  fillers: Set<string>;
  /** Personal pronouns that stand for one person ("he", "elle", "er"). */
  pronouns: Set<string>;
  /** Plural or impersonal pronouns: an attribution, but to nobody nameable. */
  plural: Set<string>;
  /** Definite articles: "the spokesperson", "le ministre", "der Sprecher". */
  definite: Set<string>;
  /** Indefinite articles: "a spokesman" is somebody unnamed. */
  indefinite: Set<string>;
  /** Role nouns that name a person by their job ("spokesperson", "ministre", "Sprecher", "portavoz"). */
  roles: Set<string>;
  /** Languages that drop the subject pronoun ("“…”, añadió."). */
  prodrop: boolean;
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

interface LangWords {
  verbs: string;
  phrases?: string;
  according?: string;
  fillers?: string;
  pronouns: string;
  plural?: string;
  definite?: string;
  indefinite?: string;
  roles: string;
  prodrop?: boolean;
}

// English verbs in their -s, -ed and -ing forms where they attribute speech.
const EN_VERBS = (() => {
  const base =
    'say tell add write ask explain note argue insist state declare continue warn claim recall reply respond answer ' +
    'acknowledge admit announce tweet post joke quip concede contend counter emphasize emphasise stress observe remark ' +
    'suggest predict caution complain conclude confirm maintain muse shout yell scream whisper exclaim boast lament ' +
    'plead urge vow promise testify reiterate recount assert affirm retort sigh laugh demand wonder thunder agree ' +
    'disagree object text email message chide gush marvel concur interject snap grumble gripe chuckle proclaim ' +
    'reason counsel add describe report assure reassure';
  const irregular =
    'said says saying told tells telling wrote writes writing written asked replied replies replying testified ' +
    'testifies pled pleaded quipped admitted admits admitting snapped concurred shot';
  const out = new Set(words(irregular));
  for (const v of words(base)) {
    out.add(v);
    const stem = v.endsWith('e') ? v.slice(0, -1) : v;
    if (/[^aeiou]y$/.test(v)) {
      out.add(v.slice(0, -1) + 'ies');
      out.add(v.slice(0, -1) + 'ied');
    } else {
      out.add(/(s|sh|ch|x|z)$/.test(v) ? v + 'es' : v + 's');
      out.add(stem + 'ed');
    }
    out.add(stem + 'ing');
  }
  for (const bare of ['report', 'reports', 'reporting', 'say', 'tell', 'write', 'ask', 'add', 'post', 'text', 'counter', 'object', 'state', 'note', 'continue', 'answer', 'reason', 'describe', 'describes', 'described', 'describing', 'counsel', 'message'])
    out.delete(bare); // too common as nouns or without a quotation ("a text", "the state", "described as")
  for (const ing of ['saying', 'telling', 'writing', 'asking', 'adding', 'noting', 'arguing', 'insisting', 'warning', 'claiming', 'recalling', 'explaining', 'stressing'])
    out.add(ing); // "…," she said, adding …  / noting that …
  return out;
})();

const LANGS: Record<string, LangWords> = {
  en: {
    verbs: [...EN_VERBS].join(' '),
    phrases: 'pointed out|points out|went on|goes on|chimed in|chimes in|summed up|sums up|shot back|fired back|wrote back',
    according: 'according to|in the words of',
    fillers:
      'has had have would will could might may also later then again once recently previously earlier further ' +
      'simply just only still even often frequently repeatedly quickly flatly bluntly reportedly ' +
      'allegedly privately publicly separately recently subsequently candidly angrily firmly bluntly',
    pronouns: 'he she',
    plural: 'they we i you it',
    definite: 'the this that',
    indefinite: 'a an one another some',
    roles:
      'spokesperson spokesman spokeswoman official senator minister president governor mayor candidate nominee ' +
      'congressman congresswoman representative lawmaker legislator judge justice lawyer attorney prosecutor ' +
      'chairman chairwoman chair director secretary leader chief ceo founder executive adviser advisor aide analyst ' +
      'expert professor economist researcher scientist doctor officer commander general ambassador diplomat envoy ' +
      'manager coach author historian activist organizer strategist pollster host anchor chancellor premier ' +
      'speaker sheriff superintendent commissioner administrator owner president-elect vice-president veteran ' +
      'consultant operative donor adviser campaigner candidate pastor priest bishop pope cardinal rabbi imam ' +
      'physician surgeon nurse teacher principal student resident farmer worker employee partner colleague friend ' +
      'mother father wife husband son daughter brother sister girlfriend boyfriend widow frontrunner ' +
      'front-runner billionaire businessman businesswoman mogul incumbent challenger contender hopeful ' +
      'congressman senator governor lawmaker mayor secretary chancellor',
  },
  fr: {
    verbs:
      'dit dis disait déclare déclaré déclarait affirme affirmé affirmait explique expliqué expliquait souligne ' +
      'souligné soulignait ajoute ajouté ajoutait estime estimé estimait précise précisé précisait indique indiqué ' +
      'indiquait assure assuré assurait raconte raconté racontait confie confié confiait lancé lançait poursuit ' +
      'poursuivi insiste insisté rappelle rappelé martèle martelé jugé admet admis reconnaît reconnu avoue ' +
      'avoué regrette regretté prévient prévenu avertit averti répond répondu réagit réagi conclut conclu écrit ' +
      'commente commenté tranché résume résumé exclamé détaille détaillé témoigne témoigné déplore déploré ' +
      'dénonce dénoncé lâché plaide plaidé annonce annoncé insistait martelait soufflé glissé ' +
      'ironise ironisé s’exclame observe observé noté interroge interrogé questionne rétorque rétorqué ' +
      'renchérit renchéri nuance nuancé prévenait tweeté',
    phrases: 'fait savoir|a fait savoir|fait valoir|a fait valoir',
    according: "selon|d'après|d’après|aux dires de|pour",
    fillers: 'a avait aurait ont avaient aussi encore ensuite également alors déjà pourtant lui-même elle-même-même',
    pronouns: 'il elle',
    plural: 'ils elles on je nous vous',
    definite: "le la l' l’ ce cette",
    indefinite: 'un une',
    roles:
      'porte-parole ministre président présidente maire député députée sénateur sénatrice juge avocat avocate ' +
      'procureur procureure directeur directrice secrétaire dirigeant dirigeante responsable chef patron patronne ' +
      'expert experte professeur professeure chercheur chercheuse économiste ambassadeur ambassadrice candidat ' +
      'candidate premier ministre chancelier chancelière commissaire général entraîneur sélectionneur fondateur ' +
      'fondatrice élu élue conseiller conseillère médecin épidémiologiste toxicologue haut-commissaire',
  },
  de: {
    verbs:
      'sagt sagte sagten gesagt erklärt erklärte erklärten betont betonte betonten meint meinte meinten schreibt ' +
      'schrieb ergänzt ergänzte berichtet berichtete erzählt erzählte warnt warnte kritisiert kritisierte fordert ' +
      'forderte mahnt mahnte unterstrich unterstreicht erläutert erläuterte antwortet antwortete versichert ' +
      'versicherte bekräftigt bekräftigte resümiert resümierte verspricht versprach klagt klagte beklagt beklagte ' +
      'bemerkt bemerkte stellt stellte fügte fügt räumt räumte gibt gab zitiert zitierte kommentiert kommentierte ' +
      'sagen betonen erklären meinen so',
    according: 'laut|nach angaben von|zufolge|nach worten von|nach ansicht von',
    fillers: 'hat hatte haben habe hätte auch zudem dann später noch weiter außerdem ebenfalls bereits',
    pronouns: 'er sie',
    plural: 'man wir ich ihr',
    definite: 'der die das dem den',
    indefinite: 'ein eine einer eines',
    roles:
      'sprecher sprecherin minister ministerin präsident präsidentin kanzler kanzlerin bürgermeister bürgermeisterin ' +
      'richter richterin anwalt anwältin staatsanwalt staatsanwältin direktor direktorin chef chefin vorsitzende ' +
      'vorsitzender experte expertin professor professorin abgeordnete abgeordneter senator senatorin trainer ' +
      'trainerin geschäftsführer geschäftsführerin kauffrau kaufmann gründer gründerin leiter leiterin ' +
      'politiker politikerin ökonom ökonomin forscher forscherin',
  },
  es: {
    verbs:
      'dijo dice decía afirmó afirma afirmaba señaló señala señalaba explicó explica explicaba aseguró asegura ' +
      'aseguraba indicó indica indicaba declaró declara agregó agrega añadió añade sostuvo sostiene manifestó ' +
      'manifiesta expresó expresa comentó comenta apuntó apunta subrayó subraya destacó destaca advirtió advierte ' +
      'precisó precisa relató relata contó cuenta respondió responde insistió insiste reconoció reconoce admitió ' +
      'admite recalcó recalca enfatizó enfatiza puntualizó puntualiza detalló detalla mencionó menciona planteó ' +
      'plantea concluyó concluye aclaró aclara criticó critica denunció denuncia escribió escribe sentenció opinó ' +
      'opina exclamó remarcó reiteró confesó confiesa resaltó resalta dijeron afirmaron señalaron explicaron ' +
      'aseguraron indicaron respondieron agregaron añadieron manifestaron expresaron comentaron advierte argumentó ' +
      'argumenta anunció anuncia lamentó lamenta',
    according: 'según|de acuerdo con|de acuerdo a|para',
    fillers: 'ha había habría han también además luego ya entonces',
    pronouns: 'él ella',
    plural: 'ellos ellas yo nosotros',
    definite: 'el la lo',
    indefinite: 'un una',
    roles:
      'portavoz vocero vocera ministro ministra presidente presidenta mandatario mandataria gobernador gobernadora ' +
      'alcalde alcaldesa diputado diputada senador senadora juez jueza fiscal abogado abogada director directora ' +
      'secretario secretaria jefe jefa experto experta profesor profesora economista embajador embajadora ' +
      'candidato candidata líder dirigente funcionario funcionaria oficial instructor magistrado magistrada ' +
      'inspector comisario coronel general titular representante convencional arquitecta arquitecto ingeniero ' +
      'ingeniera especialista entrenador técnico delegado delegada',
    prodrop: true,
  },
  pt: {
    verbs:
      'disse diz dizia afirmou afirma declarou declara explicou explica contou conta ressaltou ressalta destacou ' +
      'destaca acrescentou acrescenta comentou comenta salientou salienta garantiu garante lembrou lembra observou ' +
      'observa avaliou avalia defendeu defende relatou relata completou completa frisou pontuou reforçou reforça ' +
      'alertou alerta admitiu admite reconheceu reconhece argumentou argumenta escreveu escreve criticou critica ' +
      'questionou questiona respondeu responde afirmaram disseram declararam explicou sustentou ponderou revelou ' +
      'revela enfatizou enfatiza concluiu anunciou anuncia',
    according: 'segundo|de acordo com|conforme|para',
    fillers: 'tem tinha havia também ainda depois já então',
    pronouns: 'ele ela',
    plural: 'eles elas eu nós',
    definite: 'o a',
    indefinite: 'um uma',
    roles:
      'porta-voz ministro ministra presidente governador governadora prefeito prefeita deputado deputada senador ' +
      'senadora juiz juíza promotor promotora procurador procuradora advogado advogada diretor diretora secretário ' +
      'secretária delegado delegada chefe especialista professor professora economista embaixador candidato ' +
      'candidata líder dirigente coronel general comandante técnico treinador',
    prodrop: true,
  },
  it: {
    verbs:
      'detto dice diceva dichiarato dichiara affermato afferma spiegato spiega aggiunto aggiunge sottolineato ' +
      'sottolinea commentato commenta racconta raccontato ricordato ricorda osserva osservato conclude concluso ' +
      'prosegue proseguito precisato precisa ribadito ribadisce evidenziato evidenzia rilevato rileva scrive ' +
      'scritto sostiene sostenuto avverte avvertito annunciato annuncia insiste replica replicato risposto risponde ' +
      'ammette ammesso dichiarò affermò spiegò aggiunse disse',
    according: 'secondo|stando a|a detta di|per',
    fillers: 'ha aveva avrebbe hanno anche poi inoltre già ancora',
    pronouns: 'lui lei egli ella',
    plural: 'loro io noi',
    definite: "il lo la l' l’",
    indefinite: 'un uno una',
    roles:
      'portavoce ministro ministra presidente premier sindaco deputato deputata senatore senatrice giudice ' +
      'avvocato procuratore direttore direttrice segretario segretaria capo esperto esperta professore ' +
      'professoressa economista ambasciatore candidato candidata leader assessore governatore commissario generale',
    prodrop: true,
  },
  pl: {
    verbs:
      'powiedział powiedziała powiedzieli mówi mówił mówiła stwierdził stwierdziła stwierdza dodał dodała dodaje ' +
      'podkreślił podkreśliła podkreśla zaznaczył zaznaczyła zaznacza wyjaśnił wyjaśniła wyjaśnia tłumaczy ' +
      'tłumaczył tłumaczyła przekonywał przekonywała przekonuje ocenił oceniła ocenia napisał napisała pisze ' +
      'oświadczył oświadczyła twierdzi twierdził twierdziła uważa zauważył zauważyła zauważa przyznał przyznała ' +
      'przyznaje relacjonuje opowiada opowiadał opowiadała zapewnił zapewniła zapewnia apelował apelowała ' +
      'apeluje wskazuje wskazał wskazała komentuje skomentował skomentowała odpowiedział odpowiedziała odpowiada ' +
      'ostrzegł ostrzegła ostrzega poinformował poinformowała informuje przypomniał przypomniała przypomina ' +
      'zaapelował podsumował podsumowała dodawał mówią podkreślają',
    phrases: 'zwraca uwagę|zwrócił uwagę|zwróciła uwagę|dodaje również',
    according: 'według|zdaniem|jak mówi|jak powiedział|jak powiedziała|jak podkreśla',
    fillers: 'też także również jeszcze potem już',
    pronouns: 'on ona',
    plural: 'oni one ja my',
    definite: '',
    indefinite: '',
    roles:
      'rzecznik rzeczniczka minister ministra prezydent premier burmistrz prezes prezeska poseł posłanka senator ' +
      'sędzia adwokat prokurator dyrektor dyrektorka sekretarz szef szefowa ekspert ekspertka profesor ekonomista ' +
      'ambasador kandydat kandydatka lider przewodniczący przewodnicząca wojewoda marszałek naukowiec analityk ' +
      'wiceminister wicepremier trener',
    prodrop: true,
  },
};

const cache = new Map<string, Lexicon>();

function build(list: LangWords[]): Lexicon {
  const set = (pick: (l: LangWords) => string | undefined) => new Set(list.flatMap((l) => words(pick(l) ?? '')));
  const lists = (pick: (l: LangWords) => string | undefined) =>
    list.flatMap((l) => (pick(l) ?? '').split('|').map(words).filter((w) => w.length > 0));
  return {
    verbs: set((l) => l.verbs),
    phrases: lists((l) => l.phrases),
    according: lists((l) => l.according),
    fillers: set((l) => l.fillers),
    pronouns: set((l) => l.pronouns),
    plural: set((l) => l.plural),
    definite: set((l) => l.definite),
    indefinite: set((l) => l.indefinite),
    roles: set((l) => l.roles),
    prodrop: list.every((l) => l.prodrop === true),
  };
}

/** The attribution words for a page language ("en", "fr-CA", null...). */
export function lexicon(lang: string | null | undefined): Lexicon {
  const key = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  let lex = cache.get(key);
  if (!lex) {
    if (LANGS[key]) lex = build([LANGS[key]]);
    else {
      // Unknown language: everything, minus words that are common non-speech words in another language.
      lex = build(Object.values(LANGS));
      for (const w of ['so', 'dice', 'note', 'lance', 'conta', 'gibt', 'gab', 'stellt', 'stellte', 'para', 'pour', 'per', 'a', 'o', 'on', 'ha'])
        lex.verbs.delete(w), lex.fillers.delete(w), lex.pronouns.delete(w);
      for (const w of ['para', 'pour', 'per']) lex.according = lex.according.filter((a) => a.join(' ') !== w);
    }
    cache.set(key, lex);
  }
  return lex;
}

/** Capitalised titles that stand before a name ("Sen.", "President", "Dr.", "Herr", "Sra."). Lower-cased. */
export const TITLES = new Set(
  words(
    'mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. senator rep rep. representative gov gov. governor gen gen. ' +
      'general lt lt. col col. maj maj. capt capt. adm adm. sgt sgt. cpl cpl. pvt pvt. cmdr cmdr. rev rev. hon hon. ' +
      'pres pres. supt supt. atty atty. president vice speaker secretary minister prime chancellor premier mayor ' +
      'judge justice chief director chairman chairwoman chair leader ambassador commissioner spokesman spokeswoman ' +
      'spokesperson pope king queen prince princess sheikh emir sultan lord lady sir dame bishop archbishop ' +
      'cardinal father rabbi imam coach officer detective sheriff inspector superintendent trooper deputy ' +
      'assistant associate professor doctor mister madame monsieur m. mme mme. mlle herr frau sr. sra. sra srta. ' +
      'don doña dott. dott ing. avv. on. pan pani ministre président présidente maire premier juge ' +
      'attorney congressman congresswoman councilman councilwoman councilmember delegate assemblyman ' +
      'assemblywoman majority minority whip ceo cfo coo founder executive counsel solicitor treasurer ' +
      'state defense defence foreign interior homeland security national house senate white nsc u.s. u.n. ' +
      'former acting interim late then-president then-candidate presidential candidate nominee democratic ' +
      'republican gop democrat republican-led independent libertarian conservative labour liberal green',
  ),
);

/** Capitalised words that begin a sentence or a clause but are no name ("The", "But", "According"). */
export const NOT_NAMES = new Set(
  words(
    'the a an in on at by for with from of to into onto but and or nor if when while after before as since though ' +
      'although because so yet still then now there here this that these those it its he she they we i you his her ' +
      'their our your my some many most much more few several all any each every no not one two three four five six ' +
      'seven eight nine ten dozens hundreds thousands asked ' +
      'according during despite without within among under over about against between through last next first ' +
      'also even just only what who whom whose why how where which however meanwhile instead indeed perhaps ' +
      'maybe today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday january ' +
      'february march april may june july august september october november december ' +
      'le la les l un une des du de dans pour par sur mais et ou il elle ils elles ce cette ces selon aussi ' +
      'der die das den dem des ein eine einer im am auf aus bei mit nach von vor zu zum zur und oder aber auch ' +
      'er sie es wir ich laut doch so wie wenn als dass denn nun noch schon ' +
      'el los las lo una unos unas en con por para pero y o según también ya cuando como si ' +
      'os as um uma em no na nos nas com por para mas e ou segundo também quando como ' +
      'il lo gli nel nella per ma e o secondo anche quando come ' +
      'w z na i a o do od po za ale że się to jak według',
  ),
);

/** Capitalised words that make a run of capitalised words a place or an organisation, not a person. */
export const NOT_PERSON = new Set(
  words(
    'house council department ministry agency news times post party committee court university college school ' +
      'institute foundation association union republic kingdom states nations peninsula street avenue square ' +
      'island islands river sea ocean mountains airport station church hospital bank group inc inc. corp corp. ' +
      'company co co. ltd ltd. llc office service services administration force forces army navy guard police ' +
      'commission parliament senate congress assembly cabinet government centre center network channel radio tv ' +
      'television magazine journal press review club league cup championship games day week month year ' +
      'county city state province region district valley bay coast korea china russia ukraine america europe africa ' +
      'asia pacific atlantic middle gulf united federal national international global world reserve fund ' +
      'project program programme initiative act bill law treaty convention summit conference forum institute ' +
      'prize award medal museum library hall park stadium arena tower building hotel restaurant ' +
      'democrats republicans gop dnc rnc fbi cia nsa un nato eu us uk usa google apple microsoft facebook twitter ' +
      'amazon youtube instagram tiktok whatsapp telegram cnn bbc fox msnbc abc cbs nbc npr reuters ap afp ' +
      'yonhap tass xinhua bloomberg politico twitter fox ' +
      'poder comisión comision congreso gobierno ministerio policía consejo tribunal corte fiscalía estado ' +
      'universidad instituto fundación partido asamblea senado cámara dirección secretaría investigación ' +
      'criminal judicial legislativo ejecutivo república unión frente movimiento banco empresa grupo comité ' +
      'colegio centro escuela ciudad provincia municipalidad departamento nacional federal convención ' +
      'conseil commission ministère assemblée gouvernement cour parti université fondation banque groupe ' +
      'ville région état république agence direction sénat comité syndicat ' +
      'comissão governo congresso câmara senado polícia justiça prefeitura secretaria universidade ' +
      'commissione governo ministero camera senato polizia regione comune partito ' +
      'komisja rząd ministerstwo sejm senat policja urząd partia uniwersytet instytut',
  ),
);

/** First words that make a run of capitalised words a place ("North Korea", "New York", "San Francisco"). */
export const PLACE_FIRST = new Set(
  words('north south east west new upper lower central saint st st. san santa los las fort port lake mount'),
);
