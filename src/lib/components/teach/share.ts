/** Browser helpers shared by the teacher and student screens: copy, share and download. */

/** Copies text with the async clipboard API, falling back to a hidden textarea and execCommand. */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
	try {
		if (navigator.clipboard?.writeText) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// Denied or unavailable (e.g. not a secure context): try the old way.
	}
	const area = doc.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.style.position = 'fixed';
	area.style.opacity = '0';
	area.style.inset = '0';
	const active = doc.activeElement as HTMLElement | null;
	doc.body.append(area);
	area.select();
	let ok: boolean;
	try {
		ok = doc.execCommand('copy');
	} catch {
		ok = false;
	}
	area.remove();
	active?.focus();
	return ok;
}

/** True where the Web Share API can share this text (checked on the client only). */
export function canShare(data: ShareData): boolean {
	if (typeof navigator === 'undefined' || typeof navigator.share !== 'function') return false;
	try {
		return typeof navigator.canShare === 'function' ? navigator.canShare(data) : true;
	} catch {
		return false;
	}
}

/** Opens the system share sheet; 'cancelled' when the person closes it. */
export async function shareText(data: ShareData): Promise<'shared' | 'cancelled' | 'failed'> {
	try {
		await navigator.share(data);
		return 'shared';
	} catch (error) {
		return error instanceof DOMException && error.name === 'AbortError' ? 'cancelled' : 'failed';
	}
}

export { downloadText } from '$lib/download';

/** A file-name-safe slug of any text: "Year 9 <b>" → "year-9-b". */
export function slug(text: string, fallback = 'quire'): string {
	const s = text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/g, '');
	return s || fallback;
}
