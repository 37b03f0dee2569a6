/**
 * The DOM hooks we rely on in Gmail and Outlook on the web, in one place per site. Class names in
 * both products are minified and change without notice; attribute hooks (email=, data-message-id,
 * data-app-section, role, aria-label) last longest, so they come first. See
 * ../shared/REFERENCE-webmail-dom.md (beside this repository) for who else relies on each.
 */
export const GMAIL = {
  message: 'div.adn',
  expandedMessage: 'div.adn.ads',
  sender: 'span.gD[email], h3.iw span[email], td.gF span[email]',
  recipients: '.hb span[email], span.g2[email]',
  subject: 'h2.hP, .ha h2',
  date: 'span.g3[title], .gK .g3',
  body: 'div.a3s, div.ii.gt, .adP',
  threadId: '[data-legacy-thread-id], [data-thread-perm-id]',
  headerNameSlot: 'h3.iw',
} as const;

export const OUTLOOK = {
  readingPane: '[data-app-section="ConversationContainer"], div[role="main"][data-app-section="MailReadCompose"], [data-app-section="MailReadingPaneContainerLive"]',
  message: 'div[aria-label="Email message"], div[aria-label="E-Mail-Nachricht"], div[aria-label="电子邮件"], div[data-convid] div[role="document"]',
  subject: '[role="heading"]',
  /** aria-label="From: Name <addr>", localised. */
  sender: '[aria-label^="From:"], [aria-label^="Von:"], [aria-label^="De :"], [aria-label^="De:"], [aria-label^="发件人:"], [aria-label^="差出人:"]',
  recipients: '[data-testid="RecipientWell"], [aria-label^="To:"], [aria-label^="An:"], [aria-label^="收件人:"]',
  /** The conversation selected in the message list; its label names the sender. */
  selectedConversation: '[role="option"][aria-selected="true"]',
  date: '[data-testid="SentReceivedSavedTime"], [aria-label="Sent"], [aria-label="Gesendet"]',
  body: '[id^="UniqueMessageBody"], div[aria-label="Message body"], div[aria-label="Nachrichtentext"], div[role="document"]',
} as const;

export const WEBMAIL_HOSTS = ['mail.google.com', 'outlook.office.com', 'outlook.live.com', 'outlook.office365.com'];
