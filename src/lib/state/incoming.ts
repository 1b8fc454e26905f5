/**
 * What reaches Quire from outside a page: a text or file shared to it (the service worker keeps
 * it in Cache Storage, src/lib/pwa/worker.ts) and files opened with it (launchQueue, desktop
 * Chromium). Each is taken once; what it holds is checked before use.
 */
import * as v from 'valibot';
import {
	MAX_SHARED_TEXT,
	NAME_HEADER,
	SHARE_CACHE,
	SHARED_FILE_KEY,
	SHARED_TEXT_KEY,
	sharedArticle,
	sharedFileProblem
} from '$lib/pwa/shared';

const Field = v.optional(v.pipe(v.string(), v.maxLength(MAX_SHARED_TEXT)), '');
const SharedTextSchema = v.object({ title: Field, text: Field, url: Field });

/** A shared file: the file to read, or why Quire cannot. */
export type Incoming = { ok: true; file: File } | { ok: false; problem: string };

/** Takes the shared text (title, text, link) as one article text, or null when none waits. */
export async function takeSharedText(storage: CacheStorage | undefined = globalThis.caches) {
	if (!storage) return null;
	const cache = await storage.open(SHARE_CACHE);
	const stored = await cache.match(SHARED_TEXT_KEY);
	if (!stored) return null;
	await cache.delete(SHARED_TEXT_KEY);
	const parsed = v.safeParse(SharedTextSchema, await stored.json().catch(() => null));
	if (!parsed.success) return null;
	const text = sharedArticle(parsed.output);
	return text || null;
}

/** A file that arrived (shared or opened), checked by its name. */
export function incomingFile(file: File): Incoming {
	const problem = sharedFileProblem(file.name);
	return problem ? { ok: false, problem } : { ok: true, file };
}

/** Takes the shared file, or null when none waits. */
export async function takeSharedFile(
	storage: CacheStorage | undefined = globalThis.caches
): Promise<Incoming | null> {
	if (!storage) return null;
	const cache = await storage.open(SHARE_CACHE);
	const stored = await cache.match(SHARED_FILE_KEY);
	if (!stored) return null;
	await cache.delete(SHARED_FILE_KEY);
	let name = 'shared file';
	try {
		name = decodeURIComponent(stored.headers.get(NAME_HEADER) ?? name);
	} catch {
		// A name that is not valid URI text keeps the generic one.
	}
	const blob = await stored.blob();
	return incomingFile(new File([blob], name, { type: blob.type }));
}

/** The parts of Chromium's launchQueue used here. */
interface LaunchQueue {
	setConsumer(
		consumer: (params: { files?: readonly { getFile(): Promise<File> }[] }) => void
	): void;
}

/**
 * Calls `open` with the first file the student opened with Quire (its manifest's file_handlers,
 * desktop Chromium). Nothing happens where there is no launchQueue.
 */
export function onLaunchedFile(win: object, open: (incoming: Incoming) => void) {
	const queue = (win as { launchQueue?: LaunchQueue }).launchQueue;
	if (!queue) return;
	queue.setConsumer((params) => {
		const handle = params.files?.[0];
		if (handle) void handle.getFile().then((file) => open(incomingFile(file)));
	});
}
