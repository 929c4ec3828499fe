/**
 * Opt-out and opt-in keywords: the built-in lists (main languages of WhatsApp markets) and the match
 * of a customer's whole message against a number's lists. docs/contacts.md lists the same words.
 *
 * Deliberately left out: words a flow may well ask for as an ordinary answer (`cancel`, `end`,
 * `no`, `yes`, `basta`, `iptal`), because a keyword ends the conversation. A business that wants
 * them sets its own lists per number.
 */

/** Built-in opt-out keywords, by language (matched after {@link foldKeyword}). */
export const DEFAULT_OPT_OUT_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['stop', 'stop all', 'stopall', 'unsubscribe', 'opt out', 'optout', 'opt-out', 'quit'],
  es: ['baja', 'darme de baja', 'dar de baja', 'alto', 'detener', 'cancelar suscripción'],
  pt: ['parar', 'pare', 'sair', 'descadastrar', 'cancelar inscrição'],
  hi: ['बंद', 'बंद करो', 'रोको', 'band karo', 'band', 'rok do'],
  id: ['berhenti', 'berhenti berlangganan'],
  ar: ['توقف', 'إيقاف', 'إلغاء الاشتراك'],
  de: ['stopp', 'abmelden', 'abbestellen'],
  fr: ['arrêt', 'arrêter', 'désabonner', 'désinscrire'],
  it: ['disiscrivi', 'disiscrivimi', 'cancellami'],
  he: ['הסר', 'הסרה', 'עצור', 'הפסק'],
  tr: ['dur', 'abonelikten çık'],
  ru: ['стоп', 'отписаться', 'отписка'],
};

/** Built-in opt-in keywords, by language. */
export const DEFAULT_OPT_IN_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['start', 'unstop', 'subscribe'],
  es: ['alta', 'suscribirme', 'reanudar'],
  pt: ['voltar', 'reativar', 'assinar'],
  hi: ['शुरू', 'शुरू करो', 'shuru', 'shuru karo'],
  id: ['mulai', 'berlangganan'],
  ar: ['ابدأ', 'اشتراك'],
  de: ['anmelden', 'starten'],
  fr: ['reprendre', 'abonner'],
  it: ['iscrivimi', 'riprendi'],
  he: ['התחל', 'הרשמה'],
  tr: ['başla', 'abone ol'],
  ru: ['старт', 'подписаться'],
};

/** A number's keyword settings; null lists mean the built-in ones, an empty list turns that side off. */
export interface OptKeywordSettings {
  optOutKeywords: string[] | null;
  optInKeywords: string[] | null;
}

/**
 * A keyword or a message as compared: accents and other combining marks removed (Arabic harakat and
 * Hebrew niqqud included), Turkish dotless ı as i, lower case, inner spaces collapsed, trailing
 * `.` / `!` dropped.
 */
export function foldKeyword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/u, '')
    .trim();
}

const foldAll = (words: Iterable<string>) => new Set([...words].map(foldKeyword));
const defaultOptOut = foldAll(Object.values(DEFAULT_OPT_OUT_KEYWORDS).flat());
const defaultOptIn = foldAll(Object.values(DEFAULT_OPT_IN_KEYWORDS).flat());

/** Longest message worth folding: no keyword is longer. */
const MAX_KEYWORD_MESSAGE_LENGTH = 64;

/** Whether the customer's whole message is an opt-out (`out`) or opt-in (`in`) keyword of the number. */
export function matchOptKeyword(settings: OptKeywordSettings, text: string | undefined): 'out' | 'in' | null {
  if (!text || text.length > MAX_KEYWORD_MESSAGE_LENGTH) return null;
  const folded = foldKeyword(text);
  if (folded === '') return null;
  const optOut = settings.optOutKeywords ? foldAll(settings.optOutKeywords) : defaultOptOut;
  if (optOut.has(folded)) return 'out';
  const optIn = settings.optInKeywords ? foldAll(settings.optInKeywords) : defaultOptIn;
  return optIn.has(folded) ? 'in' : null;
}
