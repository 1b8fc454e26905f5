// The compiled question bank, served by the questionBank() Vite plugin in vite-plugin.ts.
declare module 'virtual:quire-bank' {
	const bank: import('./schema').Bank;
	export default bank;
}

// The parts of it a page can load alone (parts.ts).
declare module 'virtual:quire-bank/summary' {
	const summary: import('./parts').BankSummary;
	export default summary;
}
declare module 'virtual:quire-bank/flashcards' {
	const part: import('./parts').BankFlashcards;
	export default part;
}
declare module 'virtual:quire-bank/index' {
	const part: import('./parts').BankIndex;
	export default part;
}
declare module 'virtual:quire-bank/article' {
	const part: import('./parts').BankArticle;
	export default part;
}

// The SCORM player's built files (scripts/player.ts).
declare module 'virtual:quire-player' {
	const files: { 'index.html': string; 'player.js': string; 'player.css': string };
	export default files;
}
