/**
 * "Download for your LMS (SCORM 1.2)": an assignment (from /teach) or a set (from its page) as a
 * single-SCO package made on the device. The player's files, the bank and fflate load only when
 * a package is made, never with the page.
 */
import { formatBytes } from '$lib/bank/formats/text';
import type { AnyItem } from '$lib/bank/set';
import type { Assignment } from '$lib/teach/link';
import type { ScormContentT } from '$lib/teach/scorm/content';

/** A package ready to save. */
export interface MadePackage {
	bytes: Uint8Array<ArrayBuffer>;
	/** What the package is named after (the page makes the file name from it). */
	title: string;
	/** Files in the zip. */
	files: string[];
	/** Questions the format could not carry, one line each. */
	skipped?: string[];
	/** What the zip holds, in words: "SCORM 1.2 package", "QTI 1.2 question bank". */
	kind: string;
}

/** What making a package gives: the package, or one sentence saying why none was made. */
export type PackageOutcome = { ok: true; made: MadePackage } | { ok: false; reason: string };

/** What a set's package is made from. */
export interface SetSource {
	id: string;
	title: string;
	/** The set's questions (flashcards stay out of a quiz package). */
	items: () => Promise<readonly AnyItem[]>;
}

/** Options the teacher gives a set's package; an assignment brings its own. */
export interface SetPackageChoice {
	/** Percent, or null for none. */
	passMark: number | null;
	/** null for unlimited. */
	maxAttempts: number | null;
}

async function build(
	content: ScormContentT,
	identifier: string,
	now: number
): Promise<MadePackage> {
	const [{ default: player }, pkg] = await Promise.all([
		import('virtual:quire-player'),
		import('$lib/teach/scorm/package')
	]);
	const files = pkg.packageFiles(content, player, identifier);
	const bytes = pkg.zipFiles(files, now) as Uint8Array<ArrayBuffer>;
	return { bytes, title: content.title, files: Object.keys(files), kind: 'SCORM 1.2 package' };
}

/** Makes an assignment's package: its items (built-in ones from this copy's bank) and rules. */
export async function assignmentPackage(a: Assignment, now: number): Promise<PackageOutcome> {
	const [{ default: bank }, { contentFromAssignment }] = await Promise.all([
		import('virtual:quire-bank'),
		import('$lib/teach/scorm/content')
	]);
	const made = contentFromAssignment(a, bank.items);
	if (!made.ok) return made;
	return { ok: true, made: await build(made.content, a.id, now) };
}

/** Makes a set's package: every question, as a test, with the teacher's pass mark and attempts. */
export async function setPackage(
	source: SetSource,
	choice: SetPackageChoice,
	now: number,
	random: () => number
): Promise<PackageOutcome> {
	const [{ contentFromSet }, { randomSeed }] = await Promise.all([
		import('$lib/teach/scorm/content'),
		import('$lib/engine')
	]);
	const made = contentFromSet(await source.items(), {
		title: source.title,
		passMark: choice.passMark,
		maxAttempts: choice.maxAttempts,
		seed: randomSeed(random)
	});
	if (!made.ok) return made;
	return { ok: true, made: await build(made.content, source.id, now) };
}

/** A set's questions as a QTI 1.2 question bank (Canvas, Blackboard); other types are named. */
export async function setQti(source: SetSource, now: number): Promise<PackageOutcome> {
	const { qtiPackage } = await import('$lib/teach/qti');
	const qti = qtiPackage(await source.items(), { title: source.title, id: source.id, mtime: now });
	if (qti.written === 0)
		return {
			ok: false,
			reason: `None of this set's questions can be written as QTI 1.2 (it takes single, multi, true/false, short answer and numeric questions).`
		};
	return {
		ok: true,
		made: {
			bytes: qti.zip as Uint8Array<ArrayBuffer>,
			title: source.title,
			files: ['imsmanifest.xml', `${source.id}.xml`],
			skipped: qti.skipped,
			kind: 'QTI 1.2 question bank'
		}
	};
}

/** The download button's state: busy while a package is made, then what happened. */
export class LmsExport {
	busy = $state(false);
	message = $state('');
	error = $state('');
	/** What the last file could not carry. */
	skipped = $state.raw<string[]>([]);

	/**
	 * Runs `make` and hands the package to `save` with its file name (made by `name` from the
	 * title); gives false with the reason in `error` when no package was made.
	 */
	async run(
		make: () => Promise<PackageOutcome>,
		name: (title: string) => string,
		save: (made: MadePackage, fileName: string) => void
	): Promise<boolean> {
		this.busy = true;
		this.message = '';
		this.error = '';
		this.skipped = [];
		try {
			const outcome = await make();
			if (!outcome.ok) {
				this.error = outcome.reason;
				return false;
			}
			const fileName = name(outcome.made.title);
			save(outcome.made, fileName);
			const { made } = outcome;
			this.skipped = made.skipped ?? [];
			this.message = `Saved ${fileName} (${formatBytes(made.bytes.length)}, ${made.files.length} files). Upload it to your LMS as a ${made.kind}.${this.skipped.length ? ` ${this.skipped.length} question${this.skipped.length === 1 ? ' is' : 's are'} not in it (listed below).` : ''}`;
			return true;
		} finally {
			this.busy = false;
		}
	}
}
