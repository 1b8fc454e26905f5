// The journey in Firefox (Debian's firefox-esr), driven by puppeteer-core over WebDriver BiDi.
import { launchFirefox } from './engines';
import { journey } from './journey';

journey('Firefox', launchFirefox);
