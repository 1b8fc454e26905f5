import { describe, expect, it } from 'vitest';
import { InstallState, isIos, type InstallHost } from './install.svelte';

function fakeHost(ua: string, standalone = false, touch = 0) {
	const listeners = new Map<string, (e: Event) => void>();
	const host: InstallHost = {
		navigator: { userAgent: ua, maxTouchPoints: touch },
		matchMedia: () => ({ matches: standalone }),
		addEventListener: (type, l) => void listeners.set(type, l)
	};
	return { host, fire: (type: string, e: Event) => listeners.get(type)?.(e) };
}

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15';
const CHROME = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/140 Mobile';

describe('InstallState', () => {
	it('offers Install once the browser fires beforeinstallprompt, and uses the offer once', async () => {
		const { host, fire } = fakeHost(CHROME);
		const state = new InstallState();
		state.start(host);
		expect(state.canInstall).toBe(false);
		let prompted = 0;
		let prevented = false;
		const event = Object.assign(new Event('beforeinstallprompt'), {
			prompt: () => Promise.resolve(void prompted++),
			userChoice: Promise.resolve({ outcome: 'accepted' as const }),
			preventDefault: () => void (prevented = true)
		});
		fire('beforeinstallprompt', event);
		expect(prevented).toBe(true);
		expect(state.canInstall).toBe(true);
		await state.install();
		await state.install();
		expect(prompted).toBe(1);
		expect(state.canInstall).toBe(false);
		expect(state.installed).toBe(true);
		expect(state.iosHint).toBe(false);
	});

	it('shows the iOS hint only in a tab on iOS, and nothing elsewhere without an offer', () => {
		const ios = new InstallState();
		ios.start(fakeHost(IPHONE).host);
		expect(ios.iosHint).toBe(true);
		const installed = new InstallState();
		installed.start(fakeHost(IPHONE, true).host);
		expect(installed.iosHint).toBe(false);
		const firefox = new InstallState();
		firefox.start(
			fakeHost('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0').host
		);
		expect(firefox.iosHint || firefox.canInstall).toBe(false);
		expect(isIos(fakeHost('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', false, 5).host)).toBe(
			true
		);
		expect(isIos(fakeHost('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', false, 0).host)).toBe(
			false
		);
	});
});
