import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readCapture } from '../capture/readCapture';

// Injected on demand (activeTab + scripting) into the tab the user captures from; its return
// value is the capture, handed back to the background by executeScript.
export default defineUnlistedScript(() => readCapture(document, window.getSelection()?.toString() ?? ''));
