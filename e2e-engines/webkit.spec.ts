// The journey in WebKit (WebKitGTK's MiniBrowser, Safari's engine family), driven through
// WebKitWebDriver on a private Xvfb display.
import { launchWebKit } from './engines';
import { journey } from './journey';

journey('WebKit', launchWebKit);
