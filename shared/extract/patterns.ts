/** Vocabulary that tells what a signature line is, in English, Chinese, German, French and Japanese. */

export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'，。、|]+/gi;
/** A segment that is nothing but a domain, like "lumen-health.example" on its own line. */
export const BARE_DOMAIN_RE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i;
export const SOCIAL_RE = /(linkedin\.com|twitter\.com|\/\/x\.com|weibo\.com|github\.com|facebook\.com|xing\.com)/i;

export const PHONE_LABEL = /^(tel|tele|telephone|phone|ph|p|t|m|mob|mobile|cell|cellphone|office|direct|work|switchboard|gsm|手机|手機|电话|電話|座机|座機|直线|直線|总机|總機|办公电话|辦公電話|移动电话|联系电话|[\p{Script=Han}]{0,6}(热线|熱線|专线|專線)|客服电话|hotline|toll-free|telefon|tel\.|mobil|handy|tél|téléphone|portable|携帯|電話番号)(\s*\/\s*[\p{L}]{1,10})?\s*[.:：]?\s*(?=[+(\d])/iu;
export const FAX_LABEL = /^(fax|f|传真|傳真|télécopie|telefax|ファックス|ＦＡＸ)\s*[.:：]?\s*(?=[+(\d])/i;
export const EMAIL_LABEL = /^(e-?mail|mail|邮箱|郵箱|电子邮件|メール|courriel)\s*[.:：]\s*/i;
/** "邮编：215124", "PLZ: 10115": a postal code on its own line, the end of the address. */
export const POSTCODE_LABEL = /^(邮编|郵編|邮政编码|郵遞區號|postcode|post code|postal code|zip|zip code|plz)\s*[.:：]\s*(?=[\dA-Z])/i;
export const ADDRESS_LABEL = /^(address|addr|add|a|地址|地點|地点|通讯地址|通訊地址|adresse|anschrift|sitz|住所|所在地)\s*(?:[.:：]|\t)\s*|^(地址|地點|地点)\s+/i;
export const WEB_LABEL = /^(web|website|site|网址|网站|網站|homepage|url|internet)\s*[.:：]\s*/i;
export const TITLE_LABEL = /^(title|职位|職位|职务|position|funktion|poste|役職)\s*[.:：]\s*/i;
export const COMPANY_LABEL = /^(company|公司|单位|firma|société|会社)\s*[.:：]\s*/i;

export const TITLE_RE =
  /\b(manager|director|head of|vp|vice president|president|ceo|cto|cfo|coo|cmo|chief|founder|co-founder|owner|partner|engineer|developer|consultant|specialist|representative|executive|officer|account|sales|buyer|purchasing|procurement|lead|architect|analyst|coordinator|assistant|administrator|geschäftsführer|geschäftsführerin|leiter|leiterin|einkaufsleiter|vertrieb|berater|beraterin|directeur|directrice|responsable|chargé|chargée|gérant|ingénieur|commercial|commerciale|acheteur|acheteuse|merchandiser|editor|professor|lecturer|researcher|attorney|lawyer|designer|recruiter|secretary|accountant)\b|(经理|經理|總經理|总经理|总监|總監|主管|跟单|跟單|助理|秘书|秘書|会计|會計|教授|研究员|研究員|讲师|講師|律师|律師|设计师|設計師|店长|店長|工程师|工程師|销售|銷售|总裁|總裁|董事长|董事長|董事|创始人|創始人|合伙人|顾问|顧問|部长|部長|主任|代表|专员|專員|采购|採購|课长|課長|社長|担当|営業)|\b[a-zäöüß]+(leiter|leiterin|direktor|direktorin|berater|beraterin|referent|referentin|ingenieur|ingenieurin|sachbearbeiter|sachbearbeiterin|beauftragter|beauftragte)\b/i;

export const COMPANY_SUFFIX_RE =
  /(股份有限公司|有限责任公司|有限公司|有限會社|株式会社|集团|集團|公司|\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|se|sas|sarl|sa|s\.a|s\.p\.a|s\.r\.l|spa|srl|s\.a\.s|bv|b\.v|nv|oy|ab|as|a\/s|aps|kft|zrt|s\.r\.o|sp\. z o\.o|pte|bhd|pty|corp|corporation|co\.,? ?ltd|company|group|holdings)\b\.?)/i;

export const ADDRESS_RE =
  /(\d+.{0,40}\b(street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd\.?|lane|drive|way|square|place|suite|parkway|pkwy|highway|hwy|court|terrace|plaza|circle)\b|(straße|strasse|str\.|weg|platz|allee|gasse)\s*\d+|\d+,?\s*(rue|avenue|boulevard|bd|place|allée|chemin)\b|(省|市|区|區|县|縣|路|街|道|号|號|大厦|大廈|楼|樓|室).{0,30}(号|號|楼|樓|室|层|層|座)|[都道府県].{0,20}[区市町村].{0,20}\d)/i;

export const CLOSING_RE =
  /^(best|kind|warm|warmest|many)?\s*(regards|wishes)[,!.]*$|^(thanks|thank you|many thanks|cheers|sincerely|yours sincerely|yours truly|best|br|all the best)[,!.]*$|^(此致|敬礼|敬禮|祝好|谢谢|謝謝|顺祝商祺|順祝商祺|商祺|祝商祺|顺颂商祺|顺祝|此致敬礼)[!！,，。]*$|^(mit (freundliche[nm]|besten|herzliche[nm]|kollegiale[nm]) gr(ü|ue|u)(ß|ss)(en)?|viele grüße|beste grüße|freundliche grüße|mfg|lg)[,!.]*$|^(cordialement|bien cordialement|bien à vous|salutations|meilleures salutations|sincères salutations|amicalement)[,!.]*$|^(よろしくお願いします|よろしくお願いいたします|以上です|以上)[。．]*$|^(med venlig hilsen|venlig hilsen|kh|knus|vh|z powazaniem|de bedste hilsner|bedste hilsner|hilsen|mvh|med vennlig hilsen|vennlig hilsen|med vänliga hälsningar|vänliga hälsningar|vänligen|hälsningar|met vriendelijke groet|vriendelijke groet|groeten|groet|pozdrawiam|z poważaniem|pozdrowienia|s pozdravem|cordiali saluti|distinti saluti|saluti|un saluto|saludos|un saludo|atentamente|saludos cordiales|atenciosamente|abraços|cumprimentos|с уважением|всего доброго|спасибо|з повагою|дякую|grüße|gruß|liebe grüße|herzliche grüße|bonne journée|merci|regards)[,!.]*$/i;

export const GENERIC_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com',
  'qq.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'foxmail.com', 'yeah.net', 'aliyun.com', 'gmx.de', 'web.de', 't-online.de', 'orange.fr', 'free.fr', 'laposte.net', 'yahoo.co.jp',
]);

/** Whether a (possibly global) pattern occurs in text, without touching the pattern's lastIndex. */
export function has(pattern: RegExp, text: string): boolean {
  return new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
}

export function allMatches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))].map((m) => m[0]);
}
