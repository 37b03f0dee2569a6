import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { readCapture } from '../capture/readCapture';
import { GMAIL, OUTLOOK, WEBMAIL_HOSTS } from '../capture/selectors';

/**
 * Adds a small "+ Sidecar" button beside each sender in Gmail and Outlook on the web. Registered
 * at runtime only for the sites where the user turned capture on (optional host permissions).
 * It reads the DOM and sends a message; it never holds the token or writes the database.
 */
export default defineContentScript({
  matches: WEBMAIL_HOSTS.map((host) => `https://${host}/*`),
  registration: 'runtime',
  main(ctx) {
    const label = navigator.language.toLowerCase().startsWith('zh') ? '＋ 存入 Sidecar' : '+ Sidecar';
    const addButtons = () => {
      for (const sender of Array.from(document.querySelectorAll(`${GMAIL.sender}, ${OUTLOOK.sender}`))) {
        if (sender.parentElement?.querySelector(':scope > .sidecar-capture')) continue;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'sidecar-capture';
        button.textContent = label;
        button.title = 'Sidecar';
        button.style.cssText = 'margin-left:6px;padding:0 6px;font:12px system-ui;border:1px solid #2563eb;color:#2563eb;background:#fff;border-radius:10px;cursor:pointer';
        button.addEventListener('click', (event) => {
          event.stopPropagation();
          void browser.runtime.sendMessage({ type: 'captured', capture: readCapture(document) });
        });
        sender.insertAdjacentElement('afterend', button);
      }
    };
    addButtons();
    const observer = new MutationObserver(() => addButtons());
    observer.observe(document.body, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
  },
});
