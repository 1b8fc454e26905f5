import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { Lang, normaliseLang, pickVoice, type VoiceLike } from './lang';

const voice = (lang: string, name: string, localService = true, isDefault = false): VoiceLike => ({
	lang,
	name,
	localService,
	default: isDefault
});

describe('pickVoice', () => {
	const voices = [
		voice('en-US', 'Samantha', true, true),
		voice('en-GB', 'Daniel'),
		voice('fr-FR', 'Thomas'),
		voice('fr-CA', 'Google français du Canada', false),
		voice('de_DE', 'Anna (Android)'),
		voice('es-ES', 'Google español', false)
	];

	it('takes the voice of the very language, on-device first', () => {
		expect(pickVoice(voices, 'en-GB')?.name).toBe('Daniel');
		expect(pickVoice(voices, 'fr-FR')?.name).toBe('Thomas');
		expect(pickVoice(voices, 'fr-CA')?.name).toBe('Google français du Canada');
	});

	it('falls back to the same language, the on-device and default voice first', () => {
		expect(pickVoice(voices, 'en')?.name).toBe('Samantha');
		expect(pickVoice(voices, 'fr')?.name).toBe('Thomas');
		expect(pickVoice(voices, 'en-AU')?.name).toBe('Samantha');
		expect(pickVoice(voices, 'de-AT')?.name).toBe('Anna (Android)');
		expect(pickVoice(voices, 'es')?.name).toBe('Google español');
	});

	it('finds none for a language no voice speaks, or no voices at all', () => {
		expect(pickVoice(voices, 'ja')).toBeNull();
		expect(pickVoice([], 'en')).toBeNull();
		expect(pickVoice(voices, '')).toBeNull();
	});
});

describe('language tags', () => {
	it('normalises the forms voices come in', () => {
		expect(normaliseLang('en_us')).toBe('en-US');
		expect(normaliseLang('ZH-hant-tw')).toBe('zh-Hant-TW');
	});
	it('accepts BCP 47 tags and refuses anything else', () => {
		for (const ok of ['en', 'fr-CA', 'zh-Hant-TW', 'es-419']) expect(v.is(Lang, ok)).toBe(true);
		for (const bad of ['', 'english', 'en-', '<script>', 'e']) expect(v.is(Lang, bad)).toBe(false);
	});
});
