import { describe, expect, it } from 'vitest';
import { FakeCaches } from '$lib/pwa/fake-caches';
import { NAME_HEADER, SHARE_CACHE, SHARED_FILE_KEY, SHARED_TEXT_KEY } from '$lib/pwa/shared';
import { onLaunchedFile, takeSharedFile, takeSharedText, type Incoming } from './incoming';

async function leave(caches: FakeCaches, key: string, response: Response) {
	await (await caches.open(SHARE_CACHE)).put(key, response);
}

describe('takeSharedText', () => {
	it('takes the shared title, text and link once, as one article text', async () => {
		const caches = new FakeCaches();
		expect(await takeSharedText(caches.asStorage())).toBeNull();
		await leave(
			caches,
			SHARED_TEXT_KEY,
			new Response(JSON.stringify({ title: 'T', text: 'Body.', url: 'https://a.test' }))
		);
		expect(await takeSharedText(caches.asStorage())).toBe('T\n\nBody.\n\nhttps://a.test');
		expect(await takeSharedText(caches.asStorage())).toBeNull();
	});

	it('ignores a kept value that is not a share', async () => {
		const caches = new FakeCaches();
		await leave(caches, SHARED_TEXT_KEY, new Response(JSON.stringify({ text: 42 })));
		expect(await takeSharedText(caches.asStorage())).toBeNull();
	});
});

describe('takeSharedFile', () => {
	it('gives the file with its name, or why it cannot be read', async () => {
		const caches = new FakeCaches();
		const file = (name: string) =>
			new Response('x', { headers: { [NAME_HEADER]: encodeURIComponent(name) } });
		await leave(caches, SHARED_FILE_KEY, file('Test één.gift'));
		const got = await takeSharedFile(caches.asStorage());
		expect(got?.ok && got.file.name).toBe('Test één.gift');
		expect(got?.ok && (await got.file.text())).toBe('x');
		await leave(caches, SHARED_FILE_KEY, file('slides.zip'));
		const refused = await takeSharedFile(caches.asStorage());
		expect(refused?.ok === false && refused.problem).toMatch(/\.zip archive/);
		expect(await takeSharedFile(caches.asStorage())).toBeNull();
	});
});

describe('onLaunchedFile', () => {
	it('hands over the first opened file, and does nothing without launchQueue', async () => {
		expect(() => onLaunchedFile({}, () => {})).not.toThrow();
		let consumer: ((p: { files?: { getFile(): Promise<File> }[] }) => void) | undefined;
		const got: Incoming[] = [];
		onLaunchedFile({ launchQueue: { setConsumer: (c: typeof consumer) => (consumer = c) } }, (i) =>
			got.push(i)
		);
		consumer?.({ files: [{ getFile: () => Promise.resolve(new File(['a'], 'a.csv')) }] });
		await new Promise((r) => setTimeout(r, 0));
		expect(got[0]?.ok).toBe(true);
	});
});
