// The compiled question bank, served by the questionBank() Vite plugin in vite-plugin.ts.
declare module 'virtual:quire-bank' {
	const bank: import('./schema').Bank;
	export default bank;
}
