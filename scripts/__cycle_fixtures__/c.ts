export const c = import('./a');
