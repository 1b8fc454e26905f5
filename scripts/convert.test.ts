import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { parseAny } from '../src/lib/bank/formats/index';
import { parseMoodleXml } from '../src/lib/bank/formats/moodle-xml';
import { latestPackage, ready } from '../src/lib/bank/formats/testpkg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = 'src/lib/bank/formats/fixtures';

function convert(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', 'scripts/convert.ts', ...args],
			{ cwd: ROOT },
			(error, stdout, stderr) =>
				resolve({ code: error ? (error.code as number) : 0, stdout, stderr })
		);
	});
}

describe('npm run bank:convert', { timeout: 60_000 }, () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'quire-convert-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('prints every problem as file:line: message, exits 1 and writes nothing', async () => {
		const out = path.join(dir, 'every.json');
		const r = await convert(`${FIXTURES}/malformed.gift`, out);
		expect(r.code).toBe(1);
		expect(r.stderr.split('\n').filter((l) => l.startsWith(FIXTURES))).toEqual([
			`${FIXTURES}/malformed.gift:3: unclosed '{': the answer block has no closing '}'`,
			`${FIXTURES}/malformed.gift:5: stray entry "b" in a matching question: every entry is =left -> right; question skipped`,
			`${FIXTURES}/malformed.gift:7: the weight 300% is outside -100% … 100%; question skipped`,
			`${FIXTURES}/malformed.gift:9: no right answer: mark one with = or give right answers a positive weight such as ~%50%; question skipped`,
			`${FIXTURES}/malformed.gift:11: '}' without an opening '{'; write \\} for a literal brace`
		]);
		expect(r.stderr).toContain('5 problems; nothing written');
		expect(existsSync(out)).toBe(false);
	});

	it('refuses a binary file in words, exits 1 and writes nothing', async () => {
		const src = path.join(dir, 'quiz.docx');
		// A zip's local header, as a .docx starts, then bytes no text file holds.
		await writeFile(src, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xff, 0xfe]));
		const out = path.join(dir, 'quiz.json');
		const r = await convert(src, out);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(`${src}:1: this is not a text question file (it holds binary data)`);
		expect(existsSync(out)).toBe(false);
	});

	it('converts a Moodle XML fixture to Moodle XML, which reads back the same', async () => {
		const out = path.join(dir, 'ordering.xml');
		const r = await convert(
			`${FIXTURES}/moodle-xml/ordering_testimport.moodle.xml`,
			out,
			'--keep-going'
		);
		expect(r.stdout).toContain('read 1 questions (order 1) and 0 flashcards');
		expect(r.stdout).toContain('as Moodle XML');
		const back = parseMoodleXml(await readFile(out, 'utf8'));
		expect(back.problems).toEqual([]);
		expect(back.items[0]).toMatchObject({
			id: 'myid',
			type: 'order',
			items: ['Modular', 'Object', 'Oriented', 'Dynamic', 'Learning', 'Environment']
		});
	});

	it('reads an Anki package (.apkg), naming what it cannot keep', async () => {
		await ready();
		const src = path.join(dir, 'french.apkg');
		await writeFile(src, latestPackage());
		const out = path.join(dir, 'french.quire.json');
		const r = await convert(src, out);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('read 1 questions (cloze 1) and 2 flashcards');
		expect(r.stderr).toContain(
			`${src}:4: warning: 2 notes of the note type "Japanese (recognition)"`
		);
		expect(existsSync(out)).toBe(false);
	});

	it('converts a clean file, and the output reads back the same', async () => {
		const src = path.join(dir, 'clean.txt');
		await writeFile(src, 'Which is a river?\nA. Rhine\nB. Alps\nANSWER: A\n');
		const gift = path.join(dir, 'clean.gift');
		const r = await convert(src, gift);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('read 1 questions (single 1) and 0 flashcards');
		const back = parseAny(await readFile(gift, 'utf8'), { fileName: 'clean.gift' });
		expect(back.problems).toEqual([]);
		expect(back.items).toEqual(parseAny(await readFile(src, 'utf8')).items);
	});

	it('exports the built-in bank to GIFT', async () => {
		const gift = path.join(dir, 'bank.gift');
		const r = await convert('questions', gift);
		expect(r.code).toBe(0);
		const back = parseAny(await readFile(gift, 'utf8'), { fileName: 'bank.gift' });
		expect(back.problems).toEqual([]);
		// Every question the bank holds comes back (its size is the editors' business).
		const written = /: (\d+) questions, \d+ flashcards/.exec(r.stdout);
		expect(written).not.toBeNull();
		expect(back.items.length).toBe(Number(written?.[1]));
		expect(back.items.length).toBeGreaterThan(50);
	});

	it('--to qti12 writes a QTI 1.2 zip and names each question it leaves out', async () => {
		const out = path.join(dir, 'bank-qti.zip');
		const refused = await convert('questions', out, '--to', 'qti12');
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/warning: not in QTI 1\.2: (order|match|cloze) question /);
		expect(existsSync(out)).toBe(false);
		const r = await convert('questions', out, '--to', 'qti12', '--keep-going');
		expect(r.stdout).toMatch(/wrote .*bank-qti\.zip \([\d.]+ KB\): \d+ questions as QTI 1\.2/);
		const zip = unzipSync(new Uint8Array(await readFile(out)));
		expect(Object.keys(zip).sort()).toEqual(['imsmanifest.xml', 'quire-bank/quire-bank.xml']);
	});

	it('--to scorm12 builds the player and writes the package with the pass mark and attempts', async () => {
		const out = path.join(dir, 'set-scorm.zip');
		await writeFile(
			path.join(dir, 'two.txt'),
			'Which is a primary colour?\nA. Green\nB. Red\nANSWER: B\n\nWhich is a mammal?\nA. Whale\nB. Shark\nANSWER: A\n'
		);
		const r = await convert(
			path.join(dir, 'two.txt'),
			out,
			'--to',
			'scorm12',
			'--title',
			'Two',
			'--pass-mark',
			'75',
			'--attempts',
			'2'
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(
			/2 questions as SCORM 1\.2 \(player\.js [\d.]+ KB gzip, set\.js [\d.]+ (KB|bytes) gzip\)/
		);
		const zip = unzipSync(new Uint8Array(await readFile(out)));
		expect(Object.keys(zip).sort()).toEqual([
			'imsmanifest.xml',
			'index.html',
			'player.css',
			'player.js',
			'set.js'
		]);
		expect(strFromU8(zip['imsmanifest.xml']!)).toContain(
			'<adlcp:masteryscore>75</adlcp:masteryscore>'
		);
		expect(strFromU8(zip['set.js']!)).toMatch(/"title":"Two".*"maxAttempts":2,"passMark":75/);
		const bad = await convert(
			path.join(dir, 'two.txt'),
			out,
			'--to',
			'scorm12',
			'--pass-mark',
			'101'
		);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--pass-mark must be a whole number from 0 to 100');
	}, 120_000);
});
