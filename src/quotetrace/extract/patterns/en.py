"""English lexicons: the words that signal attribution, grouped by concept. Data only."""

from __future__ import annotations

# Verbs whose clausal complement is something said, written, shown or thought.
REPORTING_VERBS = frozenset(["say", "tell", "add", "write", "ask", "note", "report", "announce", "suggest", "show", "find", "tweet", "argue", "think", "believe", "explain", "acknowledge", "declare", "claim", "insist", "warn", "predict", "reveal", "admit", "deny", "confirm", "state", "reply", "respond", "recall", "conclude", "agree", "know", "hope", "fear", "feel", "expect", "estimate", "assert", "contend", "stress", "emphasize", "emphasise", "complain", "joke", "promise", "pledge", "vow", "worry", "wonder", "indicate", "imply", "allege", "concede", "charge", "lament", "boast", "caution", "remark", "recount", "mention", "repeat", "reiterate", "observe", "testify", "speculate", "signal", "maintain", "suspect", "understand", "learn", "realize", "realise", "accuse", "urge", "demand", "propose", "recommend", "advise", "guess", "figure", "post", "retweet", "email", "text", "tout", "brag", "quip", "muse", "counter", "continue", "rule", "decide", "determine", "prove", "reason", "proclaim", "read", "hint", "assure", "remind", "inform", "notify", "threaten", "question", "doubt", "dispute", "recognize", "recognise", "stipulate"])

# Verbs that report speech only when a quotation sits beside them ("'No,' he shouted").
QUOTE_ONLY_VERBS = frozenset(["shout", "yell", "scream", "chant", "whisper", "laugh", "smile", "sigh", "exclaim", "cry", "snap", "interject", "interrupt", "pray", "sing"])

# Verbs that report speech by characterising it, when a quotation is their object: "called the
# holiday 'a celebration …'", "likened the rules to 'burning the Constitution'".
CHARACTERISING_VERBS = frozenset(["call", "describe", "liken", "compare", "dub", "label", "brand", "term", "exhort", "accuse", "praise", "slam", "blast", "criticize", "criticise", "laud", "hail", "dismiss", "denounce", "condemn", "decry", "blame", "thank", "challenge", "tweet", "vow", "pledge", "urge", "promise", "warn"])

# Verbs whose infinitive complement is an intention PolNeAR counts as attributed: "wants to …".
INTENTION_VERBS = frozenset(["want", "plan", "intend", "seek", "refuse", "decline", "vow", "pledge", "promise", "threaten", "aim", "try", "attempt", "hope", "wish", "propose", "offer"])

# Verbs whose prepositional object is what is asked for: "called for a moratorium".
PREPOSITION_CUES = {"call": "for", "push": "for", "press": "for", "advocate": "for", "argue": "for", "appeal": "for", "pray": "for", "lobby": "for"}

# Multi-word cues whose object is the source: "according to X", "as per X".
SOURCE_PREPOSITIONS = (("according", "to"), ("as", "per"), ("per",), ("citing",))

# Determiners that introduce someone new ("a French official"), never a person named before.
INDEFINITE_DETERMINERS = frozenset(["a", "an", "another", "some", "one"])

# Pronouns that can stand for a speaker.
SPEAKER_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "it", "who", "you"])

# Words that make a capitalised phrase no one's name: possessives, determiners, quantifiers
# ("His returns …", "Many Democrats said", "One Republican said").
NOT_NAMES = frozenset(["his", "her", "their", "its", "my", "our", "your", "some", "many", "most", "several", "few", "all", "both", "one", "two", "three", "another", "other", "others", "what", "which", "these", "those", "this", "that", "each", "every", "no", "any", "such", "more", "much"])

# Pronouns and the grammatical gender they carry, for resolving speakers.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

# Titles and role words that carry a gender.
GENDERED_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f", "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "congressman": "m", "congresswoman": "f"}

# Titles, ranks and honorifics that precede a name; matched case-insensitively, dots optional.
TITLES = (
    "president", "vice president", "prime minister", "minister", "secretary", "senator", "sen",
    "rep", "representative", "gov", "governor", "mayor", "judge", "justice", "chancellor",
    "king", "queen", "prince", "princess", "pope", "ambassador", "general", "gen", "lt", "lt col",
    "lieutenant", "colonel", "col", "major", "maj", "captain", "capt", "sergeant", "sgt",
    "commander", "cmdr", "admiral", "adm", "officer", "private", "pvt", "corporal", "cpl",
    "dr", "doctor", "professor", "prof", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
    "lady", "rev", "reverend", "father", "sister", "brother", "chief", "director", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "founder",
    "leader", "head", "speaker", "attorney general", "attorney", "detective", "inspector",
    "superintendent", "sheriff", "deputy", "coach", "manager", "candidate", "nominee",
    "commissioner", "adviser", "advisor", "aide", "analyst", "economist", "correspondent",
    "editor", "reporter", "lawyer", "activist", "expert", "official", "rabbi", "imam",
    "bishop", "archbishop", "cardinal", "mp", "mep", "councillor", "councilman",
    "councilwoman", "congressman", "congresswoman", "lawmaker", "strategist", "pollster",
    "host", "anchor", "columnist", "author", "writer", "producer", "executive", "president-elect",
    "challenger", "incumbent", "superstar", "star", "rapper", "singer", "actor",
)

# Nouns that describe a person by role ("the commander", "the spokeswoman").
ROLE_NOUNS = frozenset(TITLES) | frozenset(["surrogate", "consultant", "ally", "critic", "donor", "operative", "organizer", "organiser", "member", "legislator", "researcher", "scientist", "historian", "scholar", "nurse", "physician", "farmer", "partner", "supporter", "opponent", "volunteer", "man", "woman", "boy", "girl", "soldier", "officer", "official", "worker", "voter", "resident", "witness", "victim", "mother", "father", "son", "daughter", "wife", "husband", "source", "businessman", "businesswoman", "billionaire", "star", "actor", "actress", "singer", "player", "veteran", "student", "teacher", "owner", "employee", "staffer", "politician", "campaigner", "lawmaker", "democrat", "republican"])

# Words that say a quotation was posted rather than spoken.
SOCIAL_MEDIA = ("tweet", "twitter", "facebook", "instagram", "post", "telegram", "video",
                "blog", "youtube", "tiktok", "truth social")

# Verbs that name the platform a statement was posted on.
POSTING_VERBS = {"tweet": "Twitter", "retweet": "Twitter", "instagram": "Instagram"}

# Document types a quotation can come from ("Article 13 of the conventions").
DOCUMENT_HEADS = ("article", "section", "clause", "paragraph", "chapter", "amendment", "act",
                  "convention", "conventions", "treaty", "charter", "resolution", "report",
                  "law", "bill", "constitution", "protocol", "declaration", "statute", "rule")

# Name words of organisations and institutions (not outlets): "Tax Foundation", "Kent County Republican Party".
ORGANISATION_WORDS = frozenset(["party", "committee", "department", "foundation", "institute", "center", "centre", "council", "association", "university", "college", "commission", "office", "administration", "campaign", "company", "corporation", "inc", "corp", "group", "bank", "union", "court", "police", "states", "house", "senate", "congress", "ministry", "bureau", "board", "service", "fund", "organization", "organisation", "network", "coalition", "alliance", "society", "church", "school", "hospital", "club", "team", "republicans", "democrats", "republican", "democratic", "gop", "county", "city", "state", "government", "army", "navy", "force", "forces", "project", "watch", "poll", "league"])

# Outlet name words: an ORG whose name contains one is a news outlet.
OUTLET_WORDS = ("times", "post", "guardian", "news", "herald", "tribune", "journal", "telegraph",
                "gazette", "daily", "mail", "express", "mirror", "independent", "observer",
                "reuters", "associated press", "ap", "afp", "bbc", "cnn", "fox", "msnbc",
                "nbc", "cbs", "abc", "npr", "bloomberg", "politico", "axios", "breitbart",
                "huffington", "huffpost", "buzzfeed", "vox", "atlantic", "economist",
                "magazine", "radio", "tv", "television", "channel", "wire", "agency", "tass",
                "ria", "interfax", "al jazeera", "sun", "star", "chronicle", "examiner",
                "globe", "standard", "today", "press", "insider", "intercept", "reporter",
                "week", "weekly", "newsweek", "der spiegel", "le monde", "sky", "politifact")

# Labels in capitals that open a paragraph but name no speaker ("UPDATE: …", "VIDEO: …").
NOT_SPEAKER_LABELS = frozenset(["update", "updated", "updates", "correction", "clarification", "editor's note", "note", "watch", "video", "photo", "photos", "audio", "read", "read more", "related", "breaking", "breaking news", "exclusive", "byline", "email", "source", "sources", "previously", "warning", "disclaimer", "transcript", "live", "opinion", "analysis", "advertisement", "caption", "credit", "dateline", "location", "topics", "tags", "fact check", "live updates", "listen", "more", "also", "what", "when", "where", "why", "how", "who", "contact", "bottom line", "why it matters", "go deeper"])
