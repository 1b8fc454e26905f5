import { describe, expect, it } from 'vitest';
import { generateTeacherKeys } from './crypto';
import { keyFileText, parseKeyFile, sameKey } from './key-file';

describe('teacher key files', () => {
	it('reads back the file it writes, and dates an undated file with now', async () => {
		const keys = { ...(await generateTeacherKeys()), createdAt: 5 };
		const read = await parseKeyFile(keyFileText(keys), 99);
		expect(read).toMatchObject({ format: 'quire-teacher-key', v: 1, createdAt: 5 });
		expect(typeof read === 'object' && sameKey(read.publicJwk, keys.publicJwk)).toBe(true);
		const undated = JSON.parse(keyFileText(keys)) as Record<string, unknown>;
		delete undated.createdAt;
		expect(await parseKeyFile(JSON.stringify(undated), 99)).toMatchObject({ createdAt: 99 });
	});

	it('names a file that is not a key, and one whose halves belong to two keys', async () => {
		expect(await parseKeyFile('not json', 1)).toMatch(/not a Quire teacher key/);
		expect(await parseKeyFile('{"format":"quire-teacher-key","v":2}', 1)).toMatch(
			/not a Quire teacher key/
		);
		const [a, b] = await Promise.all([generateTeacherKeys(), generateTeacherKeys()]);
		const mixed = keyFileText({ createdAt: 1, publicJwk: a.publicJwk, privateJwk: b.privateJwk });
		expect(await parseKeyFile(mixed, 1)).toBe(
			'This teacher key file is damaged: its two halves do not match.'
		);
	});

	it('refuses a private half that is not a point on the curve', async () => {
		const keys = await generateTeacherKeys();
		const broken = { ...keys.privateJwk, d: 'A'.repeat(43) };
		const text = keyFileText({ createdAt: 1, publicJwk: keys.publicJwk, privateJwk: broken });
		expect(await parseKeyFile(text, 1)).toMatch(/damaged and cannot be used/);
	});
});
