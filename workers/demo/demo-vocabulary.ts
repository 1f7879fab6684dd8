/**
 * Word lists and weights behind the demo lake's names, domains and countries.
 * Plain data: generators combine them with a seeded stream.
 */
export const demoVocabulary = {
  /** First half of a company name ("Bluefin" Bakery). */
  brandWords: [
    "bluefin", "amber", "copper", "silver", "golden", "crimson", "indigo", "cobalt", "emerald", "ivory",
    "jade", "maple", "cedar", "willow", "aspen", "birch", "harbor", "summit", "canyon", "meadow",
    "prairie", "river", "lakeside", "ocean", "coral", "lunar", "solar", "stellar", "nova", "polar",
    "arctic", "alpine", "misty", "sunny", "rapid", "swift", "bright", "quiet", "brave", "clever",
    "happy", "lucky", "tiny", "mighty", "urban", "rustic", "modern", "vintage", "northern", "southern",
    "red", "blue", "green", "orange", "purple", "pixel", "quantum", "atomic", "velvet", "paper",
    "iron", "stone", "glass", "cloud", "thunder", "falcon", "otter", "fox", "owl", "panda",
    "tiger", "wolf", "heron", "robin", "sparrow", "badger", "lotus", "sage", "pepper", "ginger",
    "honey", "mango", "olive", "basil", "saffron", "cinnamon", "juniper", "hazel", "orchid", "pine",
  ],
  /** Second half of a company name (Bluefin "Bakery"). */
  tradeWords: [
    "bakery", "coffee", "roasters", "books", "garden", "studio", "labs", "works", "supply", "outfitters",
    "kitchen", "market", "goods", "threads", "cycles", "fitness", "dental", "clinic", "realty", "travel",
    "tours", "games", "media", "press", "records", "films", "photo", "design", "analytics", "software",
    "apps", "robotics", "energy", "farms", "brewing", "wines", "tea", "candles", "pottery", "jewelry",
    "boutique", "apparel", "shoes", "pets", "toys", "crafts", "florist", "hardware", "motors", "logistics",
    "freight", "finance", "capital", "insurance", "legal", "academy", "tutoring", "health", "pharmacy", "yoga",
    "spa", "salon", "barbers", "bistro", "pizza", "tacos", "noodles", "sushi", "grill", "deli",
    "creamery", "chocolates", "bikes", "outdoors", "marine", "aviation", "security", "networks", "systems", "data",
    "payments", "shop", "store", "hub", "radio", "news", "printing", "builders", "interiors", "textiles",
  ],
  companySuffixes: ["Inc", "Co", "Group", "Ltd", "GmbH", "Collective", "Partners", "HQ"],
  /** Extra zones of an account: its brand plus one of these (bluefin-bakery-status.com). */
  zoneQualifiers: ["shop", "status", "blog", "docs", "app", "api", "cdn", "static", "events", "careers", "help", "store", "staging", "beta", "mail"],
  firstNames: [
    "ava", "liam", "olivia", "noah", "emma", "oliver", "sofia", "elijah", "amelia", "lucas",
    "mia", "mateo", "isabella", "levi", "chloe", "ethan", "priya", "arjun", "yuki", "haruto",
    "lena", "jonas", "camille", "hugo", "lucia", "diego", "ana", "joao", "fatima", "omar",
    "chen", "wei", "min-jun", "seo-yeon", "amara", "kwame", "ingrid", "lars", "zofia", "jakub",
    "aisha", "tunde", "grace", "daniel", "sara", "marco", "giulia", "nina", "felix", "ruby",
  ],
  lastNames: [
    "smith", "johnson", "garcia", "miller", "davis", "rodriguez", "martinez", "lopez", "wilson", "anderson",
    "thomas", "moore", "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis",
    "patel", "sharma", "tanaka", "sato", "kim", "park", "muller", "schmidt", "dubois", "bernard",
    "rossi", "bianchi", "silva", "santos", "oliveira", "nowak", "kowalski", "johansson", "nielsen", "okafor",
    "mensah", "nguyen", "tran", "wang", "zhang", "cohen", "murphy", "kelly", "walsh", "novak",
  ],
  /** ISO 3166-1 alpha-2 with weights for where accounts bill from. */
  accountCountries: [
    ["US", 30], ["GB", 7], ["DE", 7], ["IN", 6], ["FR", 5], ["BR", 5], ["CA", 4], ["JP", 4], ["AU", 3], ["NL", 3],
    ["SG", 2.5], ["ES", 2.5], ["IT", 2.5], ["SE", 2], ["PL", 2], ["MX", 2], ["KR", 2], ["ID", 2], ["ZA", 1.5], ["NG", 1.5],
    ["TR", 1.5], ["CH", 1.5], ["IE", 1], ["AR", 1], ["VN", 1],
  ],
  /** Where visitors come from (the same 25 countries, weighted by audience rather than by customers). */
  visitorCountries: [
    ["US", 26], ["GB", 5], ["DE", 6], ["IN", 10], ["FR", 4], ["BR", 6], ["CA", 3], ["JP", 5], ["AU", 2], ["NL", 2],
    ["SG", 1.5], ["ES", 3], ["IT", 3], ["SE", 1.5], ["PL", 2], ["MX", 3], ["KR", 3], ["ID", 5], ["ZA", 1.5], ["NG", 2.5],
    ["TR", 2.5], ["CH", 1], ["IE", 0.8], ["AR", 1.5], ["VN", 3],
  ],
  topLevelDomains: [
    ["com", 60], ["io", 7], ["net", 6], ["co", 5], ["org", 4], ["dev", 3], ["app", 3], ["shop", 2], ["ai", 2], ["xyz", 1],
  ],
  /** Country-code domains some customers prefer at home. */
  countryDomains: {
    GB: "co.uk", DE: "de", FR: "fr", BR: "com.br", JP: "jp", AU: "com.au", NL: "nl", ES: "es", IT: "it", SE: "se",
    PL: "pl", MX: "mx", IN: "in", CA: "ca", CH: "ch", IE: "ie",
  } as Readonly<Record<string, string>>,
} as const;
